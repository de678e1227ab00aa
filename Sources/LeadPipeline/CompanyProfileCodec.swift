import LeadCore

/// The binary form of a ``CompanyProfile`` in a run's temporary file (``CompanyStore``): every
/// field in declaration order, after a version byte. About ten times cheaper to read back than JSON,
/// which matters because a lead whose company is in the file reads it once per lead.
///
/// A field added to ``CompanyProfile`` must be added here too: `CompanyStoreTests` counts the
/// profile's stored properties and fails when this codec does not know them all.
enum CompanyProfileCodec {
    static let version: UInt8 = 1
    /// The number of stored properties of ``CompanyProfile`` this codec writes.
    static let fieldCount = 22

    static func encode(_ p: CompanyProfile) -> [UInt8] {
        var w = BlobWriter(capacity: 1_024)
        w.byte(version)
        w.string(p.domain)
        w.array(p.redirectedFrom) { $0.string($1) }
        w.string(p.siteStatus.rawValue)
        w.optional(p.redirectLoopWith) { $0.string($1) }
        w.optional(p.website) { $0.string($1) }
        for fact in [p.name, p.legalName, p.description] { w.optional(fact) { $0.fact($1) { $0.string($1) } } }
        w.optional(p.industry) { $0.fact($1) { $0.string($1.rawValue) } }
        for fact in [p.country, p.language] { w.optional(fact) { $0.fact($1) { $0.string($1) } } }
        w.optional(p.employees) { $0.fact($1) { $0.employeeCount($1) } }
        w.array(p.employeeClaims) { $0.fact($1) { $0.employeeCount($1) } }
        w.optional(p.founded) { $0.fact($1) { $0.int($1) } }
        w.optional(p.phone) { $0.fact($1) { $0.string($1) } }
        w.array(p.phones) { $0.string($1) }
        w.array(p.emails) { $0.string($1) }
        w.optional(p.address) { w, fact in
            w.fact(fact) { w, a in
                for part in [a.street, a.postalCode, a.city, a.country] { w.optional(part) { $0.string($1) } }
            }
        }
        w.array(p.social.sorted { $0.key < $1.key }) { w, pair in
            w.string(pair.key.rawValue)
            w.fact(pair.value) { $0.string($1) }
        }
        w.array(p.technologies.sorted { $0.key < $1.key }) { w, pair in
            w.string(pair.key)
            w.fact(pair.value) { $0.string($1) }
        }
        w.array(p.pages) { w, page in
            w.string(page.url)
            w.string(page.status.rawValue)
            w.optional(page.detail) { $0.string($1) }
        }
        w.array(p.people) { w, person in
            w.string(person.name)
            w.optional(person.title) { $0.string($1) }
            w.string(person.url)
        }
        return w.bytes
    }

    /// - Throws: ``BlobReader/Malformed`` when the bytes are short, corrupt or of another version.
    static func decode(_ bytes: [UInt8]) throws(BlobReader.Malformed) -> CompanyProfile {
        var r = BlobReader(bytes)
        let v = try r.byte()
        guard v == version else { throw BlobReader.Malformed(offset: 0, what: "company record version \(v), expected \(version)") }
        var p = CompanyProfile(domain: try r.string(), siteStatus: .ok)
        p.redirectedFrom = try r.array { r throws(BlobReader.Malformed) in try r.string() }
        p.siteStatus = try r.rawValue(SiteStatus.self)
        p.redirectLoopWith = try r.optional { r throws(BlobReader.Malformed) in try r.string() }
        p.website = try r.optional { r throws(BlobReader.Malformed) in try r.string() }
        p.name = try r.optionalStringFact()
        p.legalName = try r.optionalStringFact()
        p.description = try r.optionalStringFact()
        p.industry = try r.optional { r throws(BlobReader.Malformed) in
            try r.fact { r throws(BlobReader.Malformed) in try r.rawValue(Industry.self) }
        }
        p.country = try r.optionalStringFact()
        p.language = try r.optionalStringFact()
        p.employees = try r.optional { r throws(BlobReader.Malformed) in try r.fact { r throws(BlobReader.Malformed) in try r.employeeCount() } }
        p.employeeClaims = try r.array { r throws(BlobReader.Malformed) in try r.fact { r throws(BlobReader.Malformed) in try r.employeeCount() } }
        p.founded = try r.optional { r throws(BlobReader.Malformed) in try r.fact { r throws(BlobReader.Malformed) in try r.int() } }
        p.phone = try r.optionalStringFact()
        p.phones = try r.array { r throws(BlobReader.Malformed) in try r.string() }
        p.emails = try r.array { r throws(BlobReader.Malformed) in try r.string() }
        p.address = try r.optional { r throws(BlobReader.Malformed) in
            try r.fact { r throws(BlobReader.Malformed) in
                PostalAddress(street: try r.optional { r throws(BlobReader.Malformed) in try r.string() },
                              postalCode: try r.optional { r throws(BlobReader.Malformed) in try r.string() },
                              city: try r.optional { r throws(BlobReader.Malformed) in try r.string() },
                              country: try r.optional { r throws(BlobReader.Malformed) in try r.string() })
            }
        }
        for _ in 0..<(try r.count()) {
            let network = try r.rawValue(SocialNetwork.self)
            p.social[network] = try r.fact { r throws(BlobReader.Malformed) in try r.string() }
        }
        for _ in 0..<(try r.count()) {
            let id = try r.string()
            p.technologies[id] = try r.fact { r throws(BlobReader.Malformed) in try r.string() }
        }
        p.pages = try r.array { r throws(BlobReader.Malformed) in
            PageOutcome(url: try r.string(), status: try r.rawValue(PageOutcome.Status.self),
                        detail: try r.optional { r throws(BlobReader.Malformed) in try r.string() })
        }
        p.people = try r.array { r throws(BlobReader.Malformed) in
            TeamMember(name: try r.string(), title: try r.optional { r throws(BlobReader.Malformed) in try r.string() },
                       url: try r.string())
        }
        guard r.atEnd else { throw BlobReader.Malformed(offset: r.offset, what: "trailing bytes") }
        return p
    }
}

extension BlobWriter {
    fileprivate mutating func fact<T: Sendable & Equatable>(_ fact: Fact<T>, _ value: (inout BlobWriter, T) -> Void) {
        value(&self, fact.value)
        string(fact.provenance.url)
        string(fact.provenance.method.rawValue)
        double(fact.provenance.confidence)
        optional(fact.evidence) { $0.string($1) }
    }

    fileprivate mutating func employeeCount(_ c: EmployeeCount) {
        string(c.kind.rawValue)
        int(c.min)
        optional(c.max) { $0.int($1) }
    }
}

extension BlobReader {
    fileprivate mutating func fact<T: Sendable & Equatable>(_ value: (inout BlobReader) throws(Malformed) -> T) throws(Malformed) -> Fact<T> {
        let v = try value(&self)
        let provenance = Provenance(url: try string(), method: try rawValue(ExtractionMethod.self), confidence: try double())
        return Fact(v, provenance: provenance, evidence: try optional { r throws(Malformed) in try r.string() })
    }

    fileprivate mutating func optionalStringFact() throws(Malformed) -> Fact<String>? {
        try optional { r throws(Malformed) in try r.fact { r throws(Malformed) in try r.string() } }
    }

    fileprivate mutating func employeeCount() throws(Malformed) -> EmployeeCount {
        EmployeeCount(kind: try rawValue(EmployeeCount.Kind.self), min: try int(), max: try optional { r throws(Malformed) in try r.int() })
    }
}
