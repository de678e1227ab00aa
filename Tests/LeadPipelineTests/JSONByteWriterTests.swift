import Foundation
import LeadCore
import LeadIntake
import LeadPipeline
import LeadResearch
import LeadTestSupport
import Logging
import Testing

/// The byte writer of `JSONValue` writes exactly the bytes of the String writer it replaced
/// (``ReferenceJSONWriter``), and every line it writes parses as JSON to the same value.
struct JSONByteWriterTests {
    static let strings: [String] = [
        "", "plain ascii", "quote \" and backslash \\ and slash /", "\n\r\t\u{08}\u{0C}",
        "\u{0}\u{1}\u{1F}\u{7F}", "nul\u{0}mid", "U+2028 \u{2028} U+2029 \u{2029}", "é漢字🙂", "bom \u{FEFF} inside",
        "mixé\"\n🙂\\\u{1B}[0m", String(repeating: "long ascii ", count: 500), String(repeating: "ü\"", count: 300),
        "trailing escape\\", "\"", "\\", "e\u{301} combining", "🇳🇱 flag", "\u{10FFFF}",
    ]

    static let numbers: [JSONValue] = [
        .int(0), .int(7), .int(-7), .int(10), .int(Int.max), .int(Int.min), .int(1_000_000_007),
        .double(0), .double(-0.0), .double(1.5), .double(-2.25), .double(0.1), .double(1e15), .double(-1e15),
        .double(999_999_999_999_999), .double(1e21), .double(1.7976931348623157e308), .double(5e-324),
        .double(123.456), .double(0.333), .double(.nan), .double(.infinity), .double(-.infinity), .double(42),
    ]

    static var table: [JSONValue] {
        var values: [JSONValue] = [.null, .bool(true), .bool(false), .array([]), .object([])]
        values += numbers
        values += strings.map(JSONValue.string)
        values.append(.object(strings.enumerated().map { (i, s) in (s, numbers[i % numbers.count]) }))
        values.append(.array(strings.map(JSONValue.string) + numbers))
        values.append(.object([
            ("z", .int(1)), ("a", .array([.object([("nested", .array([.array([]), .null, .object([("k\n", .string("v\u{2028}"))])]))])])),
            ("m", .object([("deep", .object([("deeper", .array([.bool(false), .double(-0.5)]))]))])),
        ]))
        return values
    }

    @Test func tableMatchesTheStringWriter() {
        for v in Self.table {
            #expect(v.serializedBytes == Array(ReferenceJSONWriter.serialized(v).utf8), "\(ReferenceJSONWriter.serialized(v).prefix(80))")
            #expect(v.serialized == ReferenceJSONWriter.serialized(v))
        }
    }

    @Test func everyControlCharacterAndRandomStringsMatch() {
        for u in 0..<0x80 {
            let s = "a" + String(UnicodeScalar(UInt8(u))) + "b"
            #expect(JSONValue.string(s).serializedBytes == Array(ReferenceJSONWriter.serialized(.string(s)).utf8), "U+\(u)")
        }
        let pool: [Character] = ["a", "Z", " ", "\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", "é", "漢", "🙂", "\u{2028}", "\u{2029}", "/"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let s = String((0..<Int.random(in: 0...40, using: &rng)).map { _ in pool.randomElement(using: &rng)! })
            let v = JSONValue.object([(s, .string(s))])
            #expect(v.serializedBytes == Array(ReferenceJSONWriter.serialized(v).utf8), "\(s.debugDescription)")
        }
    }

    @Test func appendingKeepsWhatIsAlreadyThere() {
        var out: [UInt8] = Array("prefix ".utf8)
        JSONValue.array([.string("x"), .int(-12)]).write(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "prefix [\"x\",-12]")
        var text = "s:"
        JSONValue.string("\"").write(to: &text)
        #expect(text == "s:\"\\\"\"")
    }

    @Test func everyTableLineRoundTripsThroughJSONSerialization() throws {
        for v in Self.table {
            guard case .object = v else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(v.serializedBytes))
            let again = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
            let reference = try JSONSerialization.jsonObject(with: Data(ReferenceJSONWriter.serialized(v).utf8))
            #expect(again == (try JSONSerialization.data(withJSONObject: reference, options: [.sortedKeys, .fragmentsAllowed])))
        }
        for s in Self.strings {
            let parsed = try JSONSerialization.jsonObject(with: Data(JSONValue.string(s).serializedBytes), options: .fragmentsAllowed)
            #expect(parsed as? String == s, "\(s.debugDescription)")
        }
    }

    /// A `run` on the fixtures writes, line by line, what the String writer makes of the same leads
    /// (built here through the public stage API, in the run's person order), and every line parses.
    @Test func runOutputMatchesTheStringWriterAndParses() async throws {
        let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
        let inputs = [fixtures + "/leads/signups.csv", fixtures + "/leads/forms.ndjson"]
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("leads.ndjson").path
        let options = RunOptions(inputs: inputs, sitesDirectory: fixtures + "/sites", rules: TestSupport.rules,
                                 outPath: outPath, all: true)
        _ = try await RunJob(options: options, logger: Logger(label: "test")).run()
        let written = try Data(contentsOf: URL(fileURLWithPath: outPath))

        let stages = try LeadStages(rules: TestSupport.rules)
        var persons: [[CleanRecord]] = []
        var byKey: [String: Int] = [:]
        for input in inputs {
            var reader = try Intake.open(path: input, source: nil, headers: stages.headers)
            while let item = try reader.next() {
                guard case .record(let raw) = item else { continue }
                let record = stages.clean(raw)
                if let key = record.emailKey, let i = byKey[key] {
                    persons[i].append(record)
                } else {
                    if let key = record.emailKey { byKey[key] = persons.count }
                    persons.append([record])
                }
            }
        }
        let researcher = try LeadStages.snapshotResearcher(sitesDirectory: fixtures + "/sites", rules: TestSupport.rules)
        var expected = ""
        var lines: [JSONValue] = []
        for records in persons {
            var company: CompanyProfile? = nil
            if let domain = records.lazy.compactMap(\.domain).first { company = await researcher.research(domain: domain) }
            let line = stages.lead(records: records, company: company).line
            lines.append(line)
            expected += ReferenceJSONWriter.serialized(line) + "\n"
        }
        #expect(lines.count > 3)
        #expect(written == Data(expected.utf8))
        for (line, text) in zip(lines, written.split(separator: 0x0A)) {
            #expect(Array(text) == line.serializedBytes)
            let object = try JSONSerialization.jsonObject(with: Data(text))
            #expect(object is [String: Any])
        }
    }
}
