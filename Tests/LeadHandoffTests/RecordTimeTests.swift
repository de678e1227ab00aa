import Foundation
@testable import LeadHandoff
import Testing

/// The byte-level reader of `YYYY-MM-DDTHH:MM:SSZ` must give exactly what ISO8601DateFormatter gives,
/// and leave every other form to the formatter.
struct RecordTimeTests {
    @Test func fastPathMatchesTheFormatter() {
        let formatter = ISO8601DateFormatter()
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let t = Int(state >> 33) % 8_000_000_000 - 2_208_988_800  // 1900…2183
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
            #expect(HandoffStats.utcSeconds(text) == t, "\(text)")
            #expect(HandoffStats.parseTime(text) == formatter.date(from: text), "\(text)")
        }
    }

    @Test(arguments: ["2024-02-30T10:00:00Z", "2023-02-29T10:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z",
                      "2025-01-01T10:60:00Z", "2025-01-01 10:00:00Z", "2025-01-01T10:00:00+01:00", "2025-01-01T10:00:00.250Z",
                      "2025-01-01t10:00:00z", "1899-12-31T23:59:59Z", "２０２５-01-01T10:00:00Z", "2025-0a-01T10:00:00Z", ""])
    func otherFormsGoToTheFormatter(_ text: String) {
        #expect(HandoffStats.utcSeconds(text) == nil)
        let expected = ISO8601DateFormatter().date(from: text) ?? {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return f.date(from: text)
        }()
        #expect(HandoffStats.parseTime(text) == expected)
    }

    @Test func leapDayAndEpoch() {
        #expect(HandoffStats.utcSeconds("2024-02-29T12:00:00Z") == 1_709_208_000)
        #expect(HandoffStats.utcSeconds("1970-01-01T00:00:00Z") == 0)
        #expect(HandoffStats.utcSeconds("2000-03-01T00:00:01Z") == 951_868_801)
    }
}
