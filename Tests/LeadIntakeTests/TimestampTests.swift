import Testing
@testable import LeadIntake

/// Export time stamps become ISO-8601 UTC.
struct TimestampTests {
    @Test(arguments: [
        ("2024-01-20 10:09:30", "2024-01-20T10:09:30Z"),
        ("2024-01-20T10:09:30Z", "2024-01-20T10:09:30Z"),
        ("2024-01-20T12:09:30+02:00", "2024-01-20T10:09:30Z"),
        ("8-1-2024 18:26", "2024-01-08T18:26:00Z"),
        ("25-11-2024 0:00", "2024-11-25T00:00:00Z"),
        ("20.01.2024", "2024-01-20T00:00:00Z"),
        ("12/25/2024 3:04 PM", "2024-12-25T15:04:00Z"),
        ("1705745370", "2024-01-20T10:09:30Z"),
        ("1705745370000", "2024-01-20T10:09:30Z"),
    ])
    func exportTextToISO(text: String, iso: String) {
        #expect(Timestamps.iso(exportText: text) == iso)
    }

    @Test(arguments: ["", "not a date", "31-02-2024", "2024-13-01", "yesterday"])
    func unrecognisedTextGivesNil(text: String) {
        #expect(Timestamps.iso(exportText: text) == nil)
    }

    @Test func epochMillisecondsKeepNonZeroMillis() {
        #expect(Timestamps.iso(epochMilliseconds: 1_732_754_534_000) == "2024-11-28T00:42:14Z")
        #expect(Timestamps.iso(epochMilliseconds: 1_732_754_534_250) == "2024-11-28T00:42:14.250Z")
        #expect(Timestamps.iso(epochMilliseconds: 42) == nil)
    }
}
