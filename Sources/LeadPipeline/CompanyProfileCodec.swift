import LeadCore

/// The binary form of a ``CompanyProfile`` in a run's temporary file (``CompanyStore``), in the
/// conventions of ``SpoolCodec`` (its writer and reader): a version byte, then every field in
/// declaration order; a `Fact` is its value, the provenance (URL, method, confidence as its bit
/// pattern) and the optional evidence; dictionaries are written sorted by key.
///
/// A field added to ``CompanyProfile`` must be added here too: `CompanyStoreTests` counts the
/// profile's stored properties and fails when this codec does not know them all.
enum CompanyProfileCodec {
    static let version: UInt8 = 1
    /// The number of stored properties of ``CompanyProfile`` this codec writes.
    static let fieldCount = 22

    typealias Writer = SpoolCodec.Writer
    typealias Reader = SpoolCodec.Reader

    static func encode(_ p: CompanyProfile) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(1_024)
        w.bytes.append(version)
        w.string(p.domain)
        w.strings(p.redirectedFrom)
        w.varint(UInt64(p.siteStatus.ordinal))
        w.string(p.redirectLoopWith)
        w.string(p.website)
        for fact in [p.name, p.legalName, p.description] { w.optionalFact(fact) { $0.string($1) } }
        w.optionalFact(p.industry) { $0.varint(UInt64($1.ordinal)) }
        for fact in [p.country, p.language] { w.optionalFact(fact) { $0.string($1) } }
        w.optionalFact(p.employees) { $0.employeeCount($1) }
        w.varint(UInt64(p.employeeClaims.count))
        for claim in p.employeeClaims { w.fact(claim) { $0.employeeCount($1) } }
        w.optionalFact(p.founded) { $0.int($1) }
        w.optionalFact(p.phone) { $0.string($1) }
        w.strings(p.phones)
        w.strings(p.emails)
        w.optionalFact(p.address) { w, a in
            for part in [a.street, a.postalCode, a.city, a.country] { w.string(part) }
        }
        w.varint(UInt64(p.social.count))
        for (network, fact) in p.social.sorted(by: { $0.key < $1.key }) {
            w.varint(UInt64(network.ordinal))
            w.fact(fact) { $0.string($1) }
        }
        w.varint(UInt64(p.technologies.count))
        for (id, fact) in p.technologies.sorted(by: { $0.key < $1.key }) {
            w.string(id)
            w.fact(fact) { $0.string($1) }
        }
        w.varint(UInt64(p.pages.count))
        for page in p.pages {
            w.string(page.url)
            w.varint(UInt64(page.status.ordinal))
            w.string(page.detail)
        }
        w.varint(UInt64(p.people.count))
        for person in p.people {
            w.string(person.name)
            w.string(person.title)
            w.string(person.url)
        }
        return w.bytes
    }

    /// - Throws: ``SpoolCodecError`` when the bytes are short, corrupt or of another version.
    static func decode(_ bytes: [UInt8]) throws(SpoolCodecError) -> CompanyProfile {
        try SpoolCodec.reading(bytes) { buffer throws(SpoolCodecError) in try decode(buffer) }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(SpoolCodecError) -> CompanyProfile {
        var r = Reader(bytes: bytes)
        r.field = "version"
        let v = try r.byte()
        guard v == version else { throw SpoolCodecError(reason: .unknownVersion(v), offset: 0, field: "version") }
        r.field = "domain"
        var p = CompanyProfile(domain: try r.string(), siteStatus: .ok)
        p.redirectedFrom = try r.strings()
        p.siteStatus = try r.ordinal(SiteStatus.self)
        p.redirectLoopWith = try r.optionalString()
        p.website = try r.optionalString()
        r.field = "facts"
        p.name = try r.stringFact()
        p.legalName = try r.stringFact()
        p.description = try r.stringFact()
        p.industry = try r.optionalFact { r throws(SpoolCodecError) in try r.ordinal(Industry.self) }
        p.country = try r.stringFact()
        p.language = try r.stringFact()
        r.field = "employees"
        p.employees = try r.optionalFact { r throws(SpoolCodecError) in try r.employeeCount() }
        for _ in 0..<(try r.count()) {
            p.employeeClaims.append(try r.fact { r throws(SpoolCodecError) in try r.employeeCount() })
        }
        r.field = "founded"
        p.founded = try r.optionalFact { r throws(SpoolCodecError) in try r.int() }
        r.field = "contacts"
        p.phone = try r.stringFact()
        p.phones = try r.strings()
        p.emails = try r.strings()
        p.address = try r.optionalFact { r throws(SpoolCodecError) in
            PostalAddress(street: try r.optionalString(), postalCode: try r.optionalString(),
                          city: try r.optionalString(), country: try r.optionalString())
        }
        r.field = "social"
        for _ in 0..<(try r.count()) {
            let network = try r.ordinal(SocialNetwork.self)
            p.social[network] = try r.fact { r throws(SpoolCodecError) in try r.string() }
        }
        r.field = "technologies"
        for _ in 0..<(try r.count()) {
            let id = try r.string()
            p.technologies[id] = try r.fact { r throws(SpoolCodecError) in try r.string() }
        }
        r.field = "pages"
        for _ in 0..<(try r.count()) {
            p.pages.append(PageOutcome(url: try r.string(), status: try r.ordinal(PageOutcome.Status.self),
                                       detail: try r.optionalString()))
        }
        r.field = "people"
        for _ in 0..<(try r.count()) {
            p.people.append(TeamMember(name: try r.string(), title: try r.optionalString(), url: try r.string()))
        }
        guard r.offset == bytes.count else {
            throw SpoolCodecError(reason: .trailingBytes(bytes.count - r.offset), offset: r.offset, field: "end")
        }
        return p
    }
}

extension SpoolCodec.Writer {
    fileprivate mutating func strings(_ values: [String]) {
        varint(UInt64(values.count))
        for v in values { string(v) }
    }

    /// A presence byte (for an optional fact), then the value, provenance and evidence.
    fileprivate mutating func optionalFact<T: Sendable & Equatable>(_ fact: Fact<T>?, _ value: (inout Self, T) -> Void) {
        guard let fact else { return bytes.append(0) }
        bytes.append(1)
        self.fact(fact, value)
    }

    /// The value, provenance and evidence (no presence byte).
    fileprivate mutating func fact<T: Sendable & Equatable>(_ fact: Fact<T>, _ value: (inout Self, T) -> Void) {
        value(&self, fact.value)
        string(fact.provenance.url)
        varint(UInt64(fact.provenance.method.ordinal))
        double(fact.provenance.confidence)
        string(fact.evidence)
    }

    fileprivate mutating func employeeCount(_ c: EmployeeCount) {
        varint(UInt64(c.kind.ordinal))
        int(c.min)
        bool(c.max != nil)
        if let max = c.max { int(max) }
    }
}

extension SpoolCodec.Reader {
    fileprivate mutating func strings() throws(SpoolCodecError) -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    /// A fact after its presence byte (`nil` when absent).
    fileprivate mutating func optionalFact<T: Sendable & Equatable>(_ value: (inout Self) throws(SpoolCodecError) -> T) throws(SpoolCodecError) -> Fact<T>? {
        try bool() ? try fact(value) : nil
    }

    /// The value, provenance and evidence of a fact (no presence byte).
    fileprivate mutating func fact<T: Sendable & Equatable>(_ value: (inout Self) throws(SpoolCodecError) -> T) throws(SpoolCodecError) -> Fact<T> {
        let v = try value(&self)
        let provenance = Provenance(url: try string(), method: try ordinal(ExtractionMethod.self), confidence: try double())
        return Fact(v, provenance: provenance, evidence: try optionalString())
    }

    fileprivate mutating func stringFact() throws(SpoolCodecError) -> Fact<String>? {
        try optionalFact { r throws(SpoolCodecError) in try r.string() }
    }

    fileprivate mutating func employeeCount() throws(SpoolCodecError) -> EmployeeCount {
        EmployeeCount(kind: try ordinal(EmployeeCount.Kind.self), min: try int(), max: try bool() ? try int() : nil)
    }
}
