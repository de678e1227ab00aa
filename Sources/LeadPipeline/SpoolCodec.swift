import LeadCore

/// Why spooled bytes could not be read back as a ``CleanRecord``.
struct SpoolCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        /// The first byte is not a format version this build reads.
        case unknownVersion(UInt8)
        /// The bytes end inside a value.
        case truncated
        /// A varint runs over ten bytes or past 64 bits.
        case badVarint
        /// A string's bytes are not valid UTF-8.
        case invalidUTF8
        /// An enum ordinal or a tag byte out of range.
        case badTag(UInt64)
        /// Bytes left over after the record.
        case trailingBytes(Int)
    }

    var reason: Reason
    /// The byte offset in the record where decoding stopped.
    var offset: Int
    /// The field being read.
    var field: String

    var description: String { "spooled record: \(reason) at byte \(offset) (\(field))" }
}

/// The spool's binary form of a ``CleanRecord``: a version byte, then every field in declaration
/// order. Strings are a varint byte count and UTF-8; an optional is a varint with 0 for `nil`
/// (strings: count + 1; bools: 1 false, 2 true); integers are zigzag varints; enums are their
/// ordinal in `allCases`; arrays are a varint count and their items.
///
/// The spool is private to one run (unlinked at creation), so the format only has to round-trip
/// within a build; the version byte makes a mismatch an error, not a wrong record.
enum SpoolCodec {
    static let version: UInt8 = 1

    /// The record's bytes.
    static func encode(_ r: CleanRecord) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(512)
        w.bytes.append(version)
        w.varint(UInt64(r.ref.source.ordinal))
        w.string(r.ref.file)
        w.int(r.ref.record)
        w.int(r.ref.line)
        w.string(r.ref.sourceID)
        w.bool(r.truncated)
        w.string(r.emailText)
        w.string(r.email)
        w.string(r.emailKey)
        w.string(r.emailSource)
        w.bool(r.flags.valid)
        w.bool(r.flags.freemail)
        w.bool(r.flags.disposable)
        w.bool(r.flags.role)
        w.string(r.flags.invalidReason)
        w.string(r.firstName)
        w.string(r.lastName)
        w.string(r.title)
        w.string(r.titleSource)
        w.optionalOrdinal(r.function?.ordinal)
        w.optionalOrdinal(r.seniority?.ordinal)
        w.string(r.phoneRaw)
        w.bool(r.consent)
        w.string(r.company)
        w.string(r.website)
        w.string(r.country)
        w.string(r.selfReportedSize)
        w.string(r.domain)
        w.string(r.domainSource)
        w.string(r.timestamp)
        w.varint(UInt64(r.statements.count))
        for s in r.statements { w.string(s) }
        w.varint(UInt64(r.extra.count))
        for p in r.extra {
            w.string(p.name)
            w.string(p.value)
        }
        if let d = r.consentDetail {
            w.bytes.append(1)
            w.string(d.basis)
            w.string(d.text)
            w.varint(UInt64(d.communications.count))
            for c in d.communications {
                w.string(c.id)
                w.bool(c.granted)
                w.string(c.text)
            }
            w.string(d.optInAt)
            w.string(d.confirmedAt)
        } else {
            w.bytes.append(0)
        }
        return w.bytes
    }

    /// The record in `bytes`.
    /// - Throws: ``SpoolCodecError`` for an unknown version, short, malformed or over-long input.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(SpoolCodecError) -> CleanRecord {
        var r = Reader(bytes: bytes)
        r.field = "version"
        let v = try r.byte()
        guard v == version else { throw SpoolCodecError(reason: .unknownVersion(v), offset: 0, field: "version") }
        r.field = "ref"
        let ref = SourceRef(source: try r.ordinal(SourceKind.self), file: try r.string(), record: try r.int(),
                            line: try r.int(), sourceID: try r.optionalString())
        let truncated = try r.bool()
        r.field = "email"
        let emailText = try r.optionalString()
        let email = try r.optionalString()
        let emailKey = try r.optionalString()
        let emailSource = try r.optionalString()
        r.field = "flags"
        let flags = CleanRecord.Flags(valid: try r.bool(), freemail: try r.bool(), disposable: try r.bool(),
                                      role: try r.bool(), invalidReason: try r.optionalString())
        r.field = "person"
        let firstName = try r.optionalString()
        let lastName = try r.optionalString()
        let title = try r.optionalString()
        let titleSource = try r.optionalString()
        let function = try r.optionalOrdinal(JobFunction.self)
        let seniority = try r.optionalOrdinal(Seniority.self)
        let phoneRaw = try r.optionalString()
        let consent = try r.optionalBool()
        r.field = "company"
        let company = try r.optionalString()
        let website = try r.optionalString()
        let country = try r.optionalString()
        let selfReportedSize = try r.optionalString()
        let domain = try r.optionalString()
        let domainSource = try r.optionalString()
        let timestamp = try r.optionalString()
        r.field = "statements"
        let statementCount = try r.count()
        var statements: [String] = []
        statements.reserveCapacity(statementCount)
        for _ in 0..<statementCount { statements.append(try r.string()) }
        r.field = "extra"
        let extraCount = try r.count()
        var extra: [CleanRecord.Pair] = []
        extra.reserveCapacity(extraCount)
        for _ in 0..<extraCount { extra.append(CleanRecord.Pair(name: try r.string(), value: try r.string())) }
        r.field = "consent_detail"
        var detail: ConsentDetail? = nil
        switch try r.byte() {
        case 0: break
        case 1:
            let basis = try r.optionalString()
            let text = try r.optionalString()
            let n = try r.count()
            var communications: [ConsentDetail.Communication] = []
            communications.reserveCapacity(n)
            for _ in 0..<n {
                communications.append(ConsentDetail.Communication(id: try r.optionalString(), granted: try r.optionalBool(),
                                                                  text: try r.optionalString()))
            }
            detail = ConsentDetail(basis: basis, text: text, communications: communications,
                                   optInAt: try r.optionalString(), confirmedAt: try r.optionalString())
        case let t:
            throw SpoolCodecError(reason: .badTag(UInt64(t)), offset: r.offset - 1, field: r.field)
        }
        guard r.offset == bytes.count else {
            throw SpoolCodecError(reason: .trailingBytes(bytes.count - r.offset), offset: r.offset, field: "end")
        }
        return CleanRecord(
            ref: ref, truncated: truncated, emailText: emailText, email: email, emailKey: emailKey,
            emailSource: emailSource, flags: flags, firstName: firstName, lastName: lastName, title: title,
            titleSource: titleSource, function: function, seniority: seniority, phoneRaw: phoneRaw, consent: consent,
            company: company, website: website, country: country, selfReportedSize: selfReportedSize, domain: domain,
            domainSource: domainSource, timestamp: timestamp, statements: statements, extra: extra, consentDetail: detail)
    }

    /// The record in `bytes` (see ``decode(_:)-(UnsafeRawBufferPointer)``).
    static func decode(_ bytes: [UInt8]) throws(SpoolCodecError) -> CleanRecord {
        try reading(bytes) { buffer throws(SpoolCodecError) in try decode(buffer) }
    }

    /// `read` over the memory of `bytes`, keeping its typed error (`withUnsafeBytes` rethrows an
    /// untyped one).
    static func reading<T>(_ bytes: [UInt8], _ read: (UnsafeRawBufferPointer) throws(SpoolCodecError) -> T) throws(SpoolCodecError) -> T {
        let result: Result<T, SpoolCodecError> = bytes.withUnsafeBytes { buffer in
            do throws(SpoolCodecError) { return .success(try read(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func int(_ i: Int) {
            let v = Int64(i)
            varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
        }

        mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

        /// The bit pattern, little-endian (exact for every value, NaN payloads and -0 included).
        mutating func double(_ d: Double) {
            var bits = d.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }

        mutating func bool(_ b: Bool?) { bytes.append(b.map { $0 ? 2 : 1 } ?? 0) }

        mutating func optionalOrdinal(_ o: Int?) { varint(o.map { UInt64($0) + 1 } ?? 0) }

        mutating func string(_ s: String) {
            varint(UInt64(s.utf8.count))
            bytes.append(contentsOf: s.utf8)
        }

        mutating func string(_ s: String?) {
            guard let s else { return bytes.append(0) }
            varint(UInt64(s.utf8.count) + 1)
            bytes.append(contentsOf: s.utf8)
        }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0
        var field = ""

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        func fail(_ reason: SpoolCodecError.Reason) -> SpoolCodecError {
            SpoolCodecError(reason: reason, offset: offset, field: field)
        }

        mutating func byte() throws(SpoolCodecError) -> UInt8 {
            guard offset < bytes.count else { throw fail(.truncated) }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws(SpoolCodecError) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64, shift < 63 || b <= 1 else { throw fail(.badVarint) }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }

        mutating func int() throws(SpoolCodecError) -> Int {
            let u = try varint()
            let v = Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
            guard let i = Int(exactly: v) else { throw fail(.badVarint) }
            return i
        }

        /// A count of items that follow, each at least one byte: never more than the bytes left.
        mutating func count() throws(SpoolCodecError) -> Int {
            let n = try varint()
            guard n <= UInt64(bytes.count - offset) else { throw fail(.truncated) }
            return Int(n)
        }

        mutating func bool() throws(SpoolCodecError) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            case let t: throw SpoolCodecError(reason: .badTag(UInt64(t)), offset: offset - 1, field: field)
            }
        }

        mutating func double() throws(SpoolCodecError) -> Double {
            guard bytes.count - offset >= 8 else { throw fail(.truncated) }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return Double(bitPattern: bits)
        }

        mutating func optionalBool() throws(SpoolCodecError) -> Bool? {
            switch try byte() {
            case 0: return nil
            case 1: return false
            case 2: return true
            case let t: throw SpoolCodecError(reason: .badTag(UInt64(t)), offset: offset - 1, field: field)
            }
        }

        mutating func ordinal<E: CaseIterable>(_: E.Type) throws(SpoolCodecError) -> E where E.AllCases: RandomAccessCollection {
            let start = offset
            let o = try varint()
            let all = E.allCases
            guard o < UInt64(all.count) else { throw SpoolCodecError(reason: .badTag(o), offset: start, field: field) }
            return all[all.index(all.startIndex, offsetBy: Int(o))]
        }

        mutating func optionalOrdinal<E: CaseIterable>(_: E.Type) throws(SpoolCodecError) -> E? where E.AllCases: RandomAccessCollection {
            let start = offset
            let o = try varint()
            guard o > 0 else { return nil }
            let all = E.allCases
            guard o - 1 < UInt64(all.count) else { throw SpoolCodecError(reason: .badTag(o), offset: start, field: field) }
            return all[all.index(all.startIndex, offsetBy: Int(o - 1))]
        }

        mutating func utf8(count n: Int) throws(SpoolCodecError) -> String {
            guard n <= bytes.count - offset else { throw fail(.truncated) }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]).assumingMemoryBound(to: UInt8.self)
            guard let s = String(validating: slice, as: UTF8.self) else { throw fail(.invalidUTF8) }
            offset += n
            return s
        }

        mutating func string() throws(SpoolCodecError) -> String {
            let n = try varint()
            guard n <= UInt64(bytes.count - offset) else { throw fail(.truncated) }
            return try utf8(count: Int(n))
        }

        mutating func optionalString() throws(SpoolCodecError) -> String? {
            let n = try varint()
            guard n > 0 else { return nil }
            guard n - 1 <= UInt64(bytes.count - offset) else { throw fail(.truncated) }
            return try utf8(count: Int(n - 1))
        }
    }
}

extension CaseIterable where Self: Equatable, AllCases: RandomAccessCollection {
    /// The position in `allCases` (the spool's form of an enum).
    var ordinal: Int {
        let all = Self.allCases
        return all.distance(from: all.startIndex, to: all.firstIndex(of: self)!)
    }
}
