import Foundation
import LeadCore
import LeadQualify

/// Builds the `leadsmith/lead@1` line of one person (PRODUCT.md "Output record"), keys in contract order.
struct LeadJSON {
    let rulesVersion: String
    let titles: TitleNormalizer

    /// The parts of a lead line that qualification reads: everything but status, scores and BANT.
    struct Base {
        var person: JSONValue
        var company: JSONValue
        var recordStatus: String
        var sources: JSONValue
        var provenance: [(String, JSONValue)]
        var extra: [CleanRecord.Pair]
        var leadID: String

        /// The object the qualifier evaluates criteria on (`person.…`, `company.…`, `record_status`).
        var qualifierInput: JSONValue {
            .object([("record_status", .string(recordStatus)), ("person", person), ("company", company), ("sources", sources)])
        }
    }

    /// The complete line: the base plus the qualification.
    /// - Parameter retainUntil: the `retain_until` date (`--retain-days`), last key of the line; `nil` leaves it out.
    func line(_ base: Base, qualification q: Qualification, retainUntil: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("schema", .string("leadsmith/lead@1")),
            ("lead_id", .string(base.leadID)),
            ("status", .string(q.status)),
            ("grade", .string(q.grade)),
            ("score", .int(q.score)),
            ("fit", .int(q.fit)),
            ("record_status", .string(base.recordStatus)),
            ("person", base.person),
            ("company", base.company),
            ("bant", q.bant),
            ("reasons", .array(q.reasons)),
            ("sources", base.sources),
            ("provenance", .object(base.provenance)),
        ]
        if !base.extra.isEmpty {
            pairs.append(("extra", .object(base.extra.map { ($0.name, .string($0.value)) })))
        }
        pairs.append(("rules_version", .string(rulesVersion)))
        if let retainUntil { pairs.append(("retain_until", .string(retainUntil))) }
        return .object(pairs)
    }

    func base(person: MergedPerson, company: CompanyProfile?) -> Base {
        let p = person.primary
        let siteOK = company?.siteStatus == .ok

        // Title: the records', else the team page's entry for this person's name.
        var title = person.titleRecord
        var teamTitle: (NormalizedTitle, TeamMember)? = nil
        if title == nil, siteOK, let company, let first = person.firstText({ $0.firstName }), let last = person.firstText({ $0.lastName }) {
            let wanted = Self.nameKey(first + " " + last)
            if let member = company.people.first(where: { Self.nameKey($0.name) == wanted }),
               let t = titles.normalize(member.title) {
                teamTitle = (t, member)
            }
        }
        if teamTitle != nil { title = nil }

        // Phone in E.164 with the best country evidence: the record's, else the company's, else ccTLDs.
        let recordCountry = person.firstText({ $0.country })
        let siteCountry = siteOK ? company?.country?.value : nil
        var phone: String? = nil
        if let raw = person.firstText({ $0.phoneRaw }) {
            let tld = [company?.domain, p.domain, p.email.flatMap { $0.split(separator: "@").last.map(String.init) }]
                .compactMap { $0 }.lazy.compactMap { Countries.iso2(fromTLD: String($0.split(separator: ".").last ?? "")) }.first
            phone = PhoneNumber.e164(raw, defaultCountry: recordCountry ?? siteCountry ?? tld)
        }

        var personPairs: [(String, JSONValue)] = [
            ("email", .string(p.emailText)),
            ("first_name", .string(person.firstText({ $0.firstName }))),
            ("last_name", .string(person.firstText({ $0.lastName }))),
            ("title", .string(title?.title ?? teamTitle?.0.title)),
            ("function", .string((title?.function ?? teamTitle?.0.function)?.rawValue)),
            ("seniority", .string((title?.seniority ?? teamTitle?.0.seniority ?? .unknown).rawValue)),
            ("title_source", .string(title?.titleSource ?? (teamTitle != nil ? "team_page" : nil))),
            ("phone", .string(phone)),
            ("consent", .bool(person.consent)),
        ]
        if let (detail, record) = person.consentDetail {
            personPairs.append(("consent_detail", Self.consentJSON(detail, record: record)))
        }
        personPairs.append(("email_flags", .object([
            ("valid", .bool(p.flags.valid)), ("freemail", .bool(p.flags.freemail)),
            ("disposable", .bool(p.flags.disposable)), ("role", .bool(p.flags.role)),
            ("invalid_reason", .string(p.flags.invalidReason)),
        ])))
        let personJSON: JSONValue = .object(personPairs)

        // Company: the researched site, with the record's values as fallbacks.
        let fallback = Self.fallback(person)
        let companyJSON: JSONValue
        var provenance: [(String, JSONValue)] = []
        if let company {
            companyJSON = company.json(fallback: fallback)
            provenance = company.provenanceJSON(fallback: fallback)
        } else {
            companyJSON = Self.noSiteCompany(fallback)
            if let fp = fallback.provenance {
                if fallback.name != nil { provenance.append(("company.name", fp.json)) }
                if fallback.country != nil { provenance.append(("company.country", fp.json)) }
                if fallback.sizeBucket != nil { provenance.append(("company.size_bucket", fp.json)) }
            }
        }
        if let (_, member) = teamTitle {
            provenance.insert(("person.title", Provenance(url: member.url, method: .text, confidence: 0.7).json), at: 0)
        }

        let sources: JSONValue = .array(person.records.map { r in
            .object([("source", .string(r.ref.source.rawValue)), ("file", .string(r.ref.file)),
                     ("record", .int(r.ref.record)), ("source_id", .string(r.ref.sourceID))])
        })
        return Base(person: personJSON, company: companyJSON, recordStatus: person.truncated ? "truncated" : "ok",
                    sources: sources, provenance: provenance, extra: person.extra, leadID: Self.leadID(person))
    }

    /// `person.consent_detail`: the evidence behind `consent`, and the record it came from.
    static func consentJSON(_ d: ConsentDetail, record: CleanRecord) -> JSONValue {
        .object([
            ("basis", .string(d.basis)),
            ("text", .string(d.text)),
            ("communications", .array(d.communications.map {
                .object([("id", .string($0.id)), ("granted", .bool($0.granted)), ("text", .string($0.text))])
            })),
            ("opt_in_at", .string(d.optInAt)),
            ("confirmed_at", .string(d.confirmedAt)),
            ("source", .object([("file", .string(record.ref.file)), ("record", .int(record.ref.record))])),
        ])
    }

    /// Record values used when the site has none (PRODUCT.md "Fallbacks").
    static func fallback(_ person: MergedPerson) -> CompanyFallback {
        let name = person.firstText({ $0.company })
        let country = person.firstText({ $0.country })
        let bucket = person.firstText({ $0.selfReportedSize }).flatMap(SelfReportedSize.bucket)
        guard name != nil || country != nil || bucket != nil else { return CompanyFallback() }
        let src = person.records.first(where: { $0.company != nil || $0.country != nil || $0.selfReportedSize != nil }) ?? person.primary
        return CompanyFallback(name: name, country: country, sizeBucket: bucket,
                               provenance: Provenance(url: "input:\(src.ref.file)#\(src.ref.record)", method: .input, confidence: 0.5))
    }

    /// The `company` object of a lead with no company domain: record values only.
    static func noSiteCompany(_ f: CompanyFallback) -> JSONValue {
        .object([
            ("domain", .null), ("redirected_from", .array([])), ("name", .string(f.name)), ("legal_name", .null),
            ("website", .null), ("description", .null), ("industry", .null), ("country", .string(f.country)),
            ("language", .null), ("employees", .null), ("size_bucket", .string(f.sizeBucket?.rawValue)),
            ("founded", .null), ("phone", .null), ("emails", .array([])), ("address", .null),
            ("social", .object([])), ("technologies", .array([])), ("site_status", .null),
        ])
    }

    /// A stable id: a hash of the person's e-mail key, else of the first record's file and number.
    static func leadID(_ person: MergedPerson) -> String {
        let p = person.records[0]
        let basis = p.emailKey ?? "\(p.ref.file)#\(p.ref.record)"
        var h: UInt64 = 0xcbf29ce484222325
        for b in basis.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        let hex = String(h, radix: 16)
        return "ls_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Names compared case- and diacritic-insensitively with whitespace collapsed.
    static func nameKey(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
    }
}
