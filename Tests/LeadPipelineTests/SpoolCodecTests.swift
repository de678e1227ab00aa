import Foundation
import LeadCore
@testable import LeadPipeline
import Testing

/// The spool's binary record form: every field round-trips, bad bytes throw.
struct SpoolCodecTests {
    /// A record with every field set, optionals non-nil, arrays non-empty.
    static func full() -> CleanRecord {
        CleanRecord(
            ref: SourceRef(source: .download, file: "/data/forms ü.ndjson", record: 123_456_789, line: Int.max, sourceID: "id-7"),
            truncated: true, emailText: "Jan.de.Vries@Example.NL", email: "jan.de.vries@example.nl",
            emailKey: "jan.de.vries@example.nl", emailSource: "email",
            flags: .init(valid: false, freemail: true, disposable: true, role: true, invalidReason: "no_mx"),
            firstName: "Zoë", lastName: "Łukasiewicz-Ōta", title: "Directeur général \u{2028} R&D", titleSource: "field",
            function: .customerSuccess, seniority: .cSuite, phoneRaw: "+31 (0)20 123 4567", consent: false,
            company: "Ācme \"Tools\" \\ B.V.", website: "https://acme.example", country: "NL", selfReportedSize: "51-200",
            domain: "acme.example", domainSource: "email", timestamp: "2026-01-02T03:04:05Z",
            statements: ["We have budget 💶 for Q3", "", "line\nbreak\u{0}nul"],
            extra: [.init(name: "utm_source", value: "newsletter"), .init(name: "", value: "")],
            consentDetail: ConsentDetail(
                basis: "consent", text: "I agree", communications: [
                    .init(id: "news", granted: true, text: "Newsletter"), .init(id: nil, granted: nil, text: nil),
                    .init(id: "", granted: false, text: ""),
                ], optInAt: "2026-01-01T00:00:00Z", confirmedAt: "2026-01-01T00:05:00Z"))
    }

    /// A record with every optional `nil`, arrays empty, flags false.
    static func bare() -> CleanRecord {
        CleanRecord(
            ref: SourceRef(source: .newsletter, file: "", record: 0, line: 0, sourceID: nil), truncated: false,
            emailText: nil, email: nil, emailKey: nil, emailSource: nil,
            flags: .init(valid: false, freemail: false, disposable: false, role: false, invalidReason: nil),
            firstName: nil, lastName: nil, title: nil, titleSource: nil, function: nil, seniority: nil, phoneRaw: nil,
            consent: nil, company: nil, website: nil, country: nil, selfReportedSize: nil, domain: nil,
            domainSource: nil, timestamp: nil, statements: [], extra: [], consentDetail: nil)
    }

    @Test func everyFieldSetRoundTrips() throws {
        let r = Self.full()
        #expect(try SpoolCodec.decode(SpoolCodec.encode(r)) == r)
    }

    @Test func everyOptionalUnsetRoundTrips() throws {
        let r = Self.bare()
        #expect(try SpoolCodec.decode(SpoolCodec.encode(r)) == r)
    }

    @Test func emptyStringsStayDistinctFromNil() throws {
        var r = Self.bare()
        r.email = ""
        r.consent = true
        r.consentDetail = ConsentDetail(basis: nil, text: "", communications: [], optInAt: nil, confirmedAt: "")
        let back = try SpoolCodec.decode(SpoolCodec.encode(r))
        #expect(back == r)
        #expect(back.email == "")
        #expect(back.emailText == nil)
        #expect(back.consentDetail?.basis == nil)
        #expect(back.consentDetail?.text == "")
    }

    @Test func eachEnumCaseAndBoolStateRoundTrips() throws {
        for source in SourceKind.allCases {
            for function in JobFunction.allCases.map(Optional.some) + [nil] {
                for seniority in Seniority.allCases.map(Optional.some) + [nil] {
                    for consent in [true, false, nil] as [Bool?] {
                        var r = Self.bare()
                        r.ref.source = source
                        r.function = function
                        r.seniority = seniority
                        r.consent = consent
                        #expect(try SpoolCodec.decode(SpoolCodec.encode(r)) == r)
                    }
                }
            }
        }
    }

    @Test func largeAndNegativeValuesRoundTrip() throws {
        for n in [0, 1, -1, 63, 64, -64, -65, 127, 128, 16_383, 16_384, Int(Int32.max), Int.max, Int.min, Int.min + 1] {
            var r = Self.bare()
            r.ref.record = n
            r.ref.line = ~n
            #expect(try SpoolCodec.decode(SpoolCodec.encode(r)) == r, "\(n)")
        }
        var r = Self.full()
        r.statements = [String(repeating: "é漢字🙂 ", count: 40_000), String(repeating: "x", count: 200_000)]
        r.extra = (0..<1_000).map { CleanRecord.Pair(name: "field_\($0)", value: String(repeating: "v", count: $0)) }
        #expect(try SpoolCodec.decode(SpoolCodec.encode(r)) == r)
    }

    @Test func everyTruncationThrowsTruncated() throws {
        let bytes = SpoolCodec.encode(Self.full())
        for n in 0..<bytes.count {
            #expect(throws: SpoolCodecError.self) { try SpoolCodec.decode(Array(bytes.prefix(n))) }
            do {
                _ = try SpoolCodec.decode(Array(bytes.prefix(n)))
            } catch {
                #expect(error.reason == .truncated, "cut at \(n): \(error)")
            }
        }
    }

    @Test func corruptBytesThrowTypedErrors() throws {
        var bytes = SpoolCodec.encode(Self.bare())
        // Version.
        var v = bytes
        v[0] = 99
        #expect(throws: SpoolCodecError(reason: .unknownVersion(99), offset: 0, field: "version")) { try SpoolCodec.decode(v) }
        // Source kind ordinal out of range.
        var k = bytes
        k[1] = UInt8(SourceKind.allCases.count)
        #expect(throws: SpoolCodecError.self) { try SpoolCodec.decode(k) }
        // Trailing bytes.
        #expect(throws: SpoolCodecError(reason: .trailingBytes(1), offset: bytes.count, field: "end")) {
            try SpoolCodec.decode(bytes + [0])
        }
        // A varint that never ends.
        #expect(throws: SpoolCodecError.self) { try SpoolCodec.decode([SpoolCodec.version] + [UInt8](repeating: 0xFF, count: 12)) }
        // A string length past the end, and invalid UTF-8 in a string.
        var r = Self.bare()
        r.ref.file = "ab"
        bytes = SpoolCodec.encode(r)
        var long = bytes
        long[2] = 0x7F
        #expect(throws: SpoolCodecError.self) { try SpoolCodec.decode(long) }
        var utf = bytes
        utf[3] = 0xC3
        utf[4] = 0x28
        #expect(throws: SpoolCodecError(reason: .invalidUTF8, offset: 3, field: "ref")) { try SpoolCodec.decode(utf) }
        // Random bytes never trap.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var junk = SpoolCodec.encode(Self.full())
            for _ in 0..<3 { junk[Int.random(in: 1..<junk.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            _ = try? SpoolCodec.decode(junk)
        }
    }

    @Test func spoolFileRoundTripsRecordsAcrossFlushes() throws {
        let spool = try RecordSpool()
        var records: [CleanRecord] = []
        var locations: [RecordSpool.Location] = []
        for i in 0..<3_000 {
            var r = i % 2 == 0 ? Self.full() : Self.bare()
            r.ref.record = i
            r.statements.append(String(repeating: "s", count: i))
            records.append(r)
            locations.append(try spool.append(r))
        }
        try spool.flush()
        for (r, loc) in zip(records, locations).reversed() { #expect(try spool.read(loc) == r) }
        let past = RecordSpool.Location(offset: locations.last!.offset + 1, length: locations.last!.length)
        #expect(throws: LeadsmithError.self) { try spool.read(past) }
    }
}
