import LeadTestSupport
@testable import LeadPipeline
import Testing

/// ``MergedPerson/firstText(_:)`` (a closure the compiler inlines) must pick exactly the value the
/// key-path ``MergedPerson/first(_:)`` picks: the first non-empty one in processing order.
struct MergedPersonFirstTextTests {
    @Test func firstTextPicksWhatTheKeyPathVersionPicks() {
        let values: [String?] = [nil, "", "Acme", "Ācme B.V.", " ", "e\u{0301}", "\u{00E9}", "NL", "51-200"]
        var rng = SplitMix64(state: 21)
        var nonNil = 0
        for _ in 0..<3000 {
            let records = (0..<(1 + Int(rng.next() % 4))).map { _ in
                var r = SpoolCodecTests.bare()
                func pick() -> String? { values[Int(rng.next() % UInt64(values.count))] }
                r.company = pick()
                r.country = pick()
                r.firstName = pick()
                r.phoneRaw = pick()
                return r
            }
            let person = MergedPerson(records: records)
            for field in [\CleanRecord.company, \.country, \.firstName, \.phoneRaw] {
                let want = person.first(field)
                #expect(person.firstText({ $0[keyPath: field] }) == want)
                if want != nil { nonNil += 1 }
            }
            #expect(person.firstText({ $0.company }) == person.first(\.company))
        }
        #expect(nonNil > 5000)
    }
}
