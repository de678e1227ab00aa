public import LeadCore

extension CompanyProfile {
    /// The `company` object of `leadsmith/lead@1` (PRODUCT.md), keys in contract order.
    ///
    /// Sites that are not `ok` carry no site facts: only domain, redirects and status.
    /// - Parameter fallback: values from the lead record used when the site has none
    ///   (`name`, `country`, `size_bucket`), reported with method `input`.
    public func json(fallback: CompanyFallback = CompanyFallback()) -> JSONValue {
        let ok = siteStatus == .ok
        let name = ok ? self.name?.value : nil
        let country = ok ? self.country?.value : nil
        let bucket = ok ? self.sizeBucket : nil
        var pairs: [(String, JSONValue)] = [
            ("domain", .string(domain)),
            ("redirected_from", .array(redirectedFrom.map { .string($0) })),
            ("name", .string(name ?? fallback.name)),
            ("legal_name", .string(ok ? legalName?.value : nil)),
            ("website", .string(ok ? website : nil)),
            ("description", .string(ok ? description?.value : nil)),
            ("industry", .string(ok ? industry?.value.rawValue : nil)),
            ("country", .string(country ?? fallback.country)),
            ("language", .string(ok ? language?.value : nil)),
        ]
        if ok, let e = employees?.value {
            pairs.append(("employees", .object([("kind", .string(e.kind.rawValue)), ("min", .int(e.min)), ("max", .int(e.max))])))
        } else {
            pairs.append(("employees", .null))
        }
        pairs.append(("size_bucket", .string(bucket?.rawValue ?? fallback.sizeBucket?.rawValue)))
        pairs.append(("founded", .int(ok ? founded?.value : nil)))
        pairs.append(("phone", .string(ok ? phone?.value : nil)))
        pairs.append(("emails", .array(ok ? emails.map { .string($0) } : [])))
        if ok, let a = address?.value, !a.isEmpty {
            pairs.append(("address", .object([
                ("street", .string(a.street)), ("postal_code", .string(a.postalCode)),
                ("city", .string(a.city)), ("country", .string(a.country)),
            ])))
        } else {
            pairs.append(("address", .null))
        }
        let socialPairs: [(String, JSONValue)] = ok
            ? social.keys.sorted().compactMap { net in social[net].map { (net.rawValue, .string($0.value)) } }
            : []
        pairs.append(("social", .object(socialPairs)))
        pairs.append(("technologies", .array(ok ? technologies.keys.sorted().map { .string($0) } : [])))
        pairs.append(("site_status", .string(siteStatus.rawValue)))
        if let redirectLoopWith {
            pairs.append(("redirect_loop_with", .string(redirectLoopWith)))
        }
        return .object(pairs)
    }

    /// `provenance` entries for the company fields that have a value, keyed `company.<field>`.
    public func provenanceJSON(fallback: CompanyFallback = CompanyFallback()) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = []
        func add(_ key: String, _ p: Provenance?) {
            guard let p else { return }
            out.append(("company." + key, p.json))
        }
        let ok = siteStatus == .ok
        if ok {
            add("name", name?.provenance)
            add("legal_name", legalName?.provenance)
            add("description", description?.provenance)
            add("industry", industry?.provenance)
            add("country", country?.provenance)
            add("language", language?.provenance)
            add("employees", employees?.provenance)
            add("founded", founded?.provenance)
            add("phone", phone?.provenance)
            add("address", address?.provenance)
            for net in social.keys.sorted() { add("social.\(net.rawValue)", social[net]?.provenance) }
            for tech in technologies.keys.sorted() { add("technologies.\(tech)", technologies[tech]?.provenance) }
        }
        if !(ok && name != nil), fallback.name != nil { add("name", fallback.provenance) }
        if !(ok && country != nil), fallback.country != nil { add("country", fallback.provenance) }
        if !(ok && sizeBucket != nil), fallback.sizeBucket != nil { add("size_bucket", fallback.provenance) }
        return out
    }
}

/// Company values a lead record supplies, used when the site has none (PRODUCT.md "Fallbacks").
public struct CompanyFallback: Sendable, Equatable {
    public var name: String?
    public var country: String?
    public var sizeBucket: SizeBucket?
    /// Where the fallback values came from (`input:` + file and record).
    public var provenance: Provenance?

    public init(name: String? = nil, country: String? = nil, sizeBucket: SizeBucket? = nil, provenance: Provenance? = nil) {
        self.name = name
        self.country = country
        self.sizeBucket = sizeBucket
        self.provenance = provenance
    }
}

extension Provenance {
    /// `{"url":…,"method":…,"confidence":…}`.
    public var json: JSONValue {
        .object([("url", .string(url)), ("method", .string(method.rawValue)),
                 ("confidence", .double((confidence * 100).rounded() / 100))])
    }
}
