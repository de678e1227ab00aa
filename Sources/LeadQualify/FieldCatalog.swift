import LeadCore

/// The lead fields ICP rules may address, with their type and vocabulary, for validation.
///
/// Paths follow the `leadsmith/lead@1` output (PRODUCT.md) plus `bant.*` for what the person said.
/// `extra.*`, `company.social.*` and `company.address.*` accept any sub-key.
enum FieldCatalog {
    enum Kind: Equatable {
        case text
        case number
        case bool
        case list
        case object
    }

    struct Field {
        var kind: Kind
        /// Allowed values (lower-cased), `nil` when open.
        var vocabulary: [String]? = nil
        /// For ordered vocabularies: the order `at_least`/`at_most` compare in, smallest first.
        var ordered: [String]? = nil
        /// A pattern values must have (ISO country codes) when there is no vocabulary.
        var shape: Shape? = nil
    }

    enum Shape {
        case countryCode
        case currencyCode
        case technologyID
        case date
    }

    /// Size buckets, smallest first.
    static let sizeOrder = SizeBucket.allCases.map(\.rawValue)
    /// Seniorities, lowest first (so `at_least: director` means director or more senior).
    static let seniorityOrder = Seniority.allCases.filter { $0 != .unknown }.reversed().map(\.rawValue)

    static let fields: [String: Field] = {
        var f: [String: Field] = [
            "record_status": Field(kind: .text, vocabulary: ["ok", "truncated"]),
            "person.email": Field(kind: .text),
            "person.first_name": Field(kind: .text),
            "person.last_name": Field(kind: .text),
            "person.title": Field(kind: .text),
            "person.title_source": Field(kind: .text, vocabulary: ["record", "transcript", "team_page"]),
            "person.function": Field(kind: .text, vocabulary: JobFunction.allCases.map(\.rawValue)),
            "person.seniority": Field(kind: .text, vocabulary: Seniority.allCases.map(\.rawValue), ordered: seniorityOrder),
            "person.phone": Field(kind: .text),
            "person.consent": Field(kind: .bool),
            "person.email_flags": Field(kind: .object),
            "person.email_flags.valid": Field(kind: .bool),
            "person.email_flags.freemail": Field(kind: .bool),
            "person.email_flags.disposable": Field(kind: .bool),
            "person.email_flags.role": Field(kind: .bool),
            "person.email_flags.invalid_reason": Field(kind: .text, vocabulary: ["missing", "syntax", "unknown_tld", "non_ascii_local"]),
            "company": Field(kind: .object),
            "company.domain": Field(kind: .text),
            "company.redirected_from": Field(kind: .list),
            "company.name": Field(kind: .text),
            "company.legal_name": Field(kind: .text),
            "company.website": Field(kind: .text),
            "company.description": Field(kind: .text),
            "company.industry": Field(kind: .text, vocabulary: Industry.allCases.map(\.rawValue)),
            "company.country": Field(kind: .text, shape: .countryCode),
            "company.language": Field(kind: .text),
            "company.employees": Field(kind: .object),
            "company.employees.kind": Field(kind: .text, vocabulary: EmployeeCount.Kind.allCases.map(\.rawValue)),
            "company.employees.min": Field(kind: .number),
            "company.employees.max": Field(kind: .number),
            "company.size_bucket": Field(kind: .text, vocabulary: sizeOrder, ordered: sizeOrder),
            "company.founded": Field(kind: .number),
            "company.phone": Field(kind: .text),
            "company.emails": Field(kind: .list),
            "company.address": Field(kind: .object),
            "company.social": Field(kind: .object),
            "company.technologies": Field(kind: .list, shape: .technologyID),
            "company.site_status": Field(kind: .text, vocabulary: SiteStatus.allCases.map(\.rawValue)),
            "sources": Field(kind: .list),
            "bant.budget.min": Field(kind: .number),
            "bant.budget.max": Field(kind: .number),
            "bant.budget.currency": Field(kind: .text, shape: .currencyCode),
            "bant.budget.period": Field(kind: .text, vocabulary: ["year", "month"]),
            "bant.authority.level": Field(kind: .text, vocabulary: ["decision_maker", "influencer", "unknown"]),
            "bant.need.team_size": Field(kind: .number),
            "bant.need.team_function": Field(kind: .text, vocabulary: JobFunction.allCases.map(\.rawValue)),
            "bant.timeline.deadline": Field(kind: .text, shape: .date),
            "bant.timeline.asap": Field(kind: .bool),
            "bant.timeline.exploring": Field(kind: .bool),
            "bant.support_conversation": Field(kind: .bool),
        ]
        for k in ["street", "postal_code", "city"] { f["company.address.\(k)"] = Field(kind: .text) }
        f["company.address.country"] = Field(kind: .text, shape: .countryCode)
        for n in SocialNetwork.allCases { f["company.social.\(n.rawValue)"] = Field(kind: .text) }
        return f
    }()

    /// The field at `path`, or an open text field for `extra.*`; `nil` when unknown.
    static func field(_ path: String) -> Field? {
        if let f = fields[path] { return f }
        if path.hasPrefix("extra."), path.count > 6 { return Field(kind: .text) }
        return nil
    }

    /// Close known paths, for "did you mean" hints.
    static func suggestion(for path: String) -> String? {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        return fields.keys.sorted().first { $0.hasSuffix("." + last) || $0 == last }
    }

    /// Whether `value` (lower-cased text) fits the field's vocabulary or shape; the message when not.
    static func problem(with value: String, for path: String, field: Field) -> String? {
        if let vocabulary = field.vocabulary {
            return vocabulary.contains(value.lowercased())
                ? nil : "'\(value)' is not a \(path) value (one of: \(vocabulary.joined(separator: ", ")))"
        }
        switch field.shape {
        case .countryCode?:
            let ok = value.count == 2 && value.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
            return ok ? nil : "'\(value)' is not an ISO 3166-1 alpha-2 country code (e.g. NL, GB)"
        case .currencyCode?:
            let ok = value.count == 3 && value.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
            return ok ? nil : "'\(value)' is not an ISO 4217 currency code (e.g. EUR)"
        case .technologyID?:
            let ok = !value.isEmpty && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            return ok ? nil : "'\(value)' is not a technology id (lower case, digits and _ such as google_analytics)"
        case .date?:
            return CivilDate(timestamp: value) == nil ? "'\(value)' is not a yyyy-mm-dd date" : nil
        case nil:
            return nil
        }
    }
}
