import Foundation
import LeadTestSupport
import Testing
@testable import LeadIntake

/// Chat text without a `<` or `&` byte comes back unchanged without the Character search; text with
/// one is stripped exactly when the Character search finds `<` or `&` (as before the byte check).
struct LightHTMLTests {
    static let pieces: [String] = [
        "Hi", " ", "\n", "<p>", "</p>", "<br>", "&amp;", "&#39;", "&", "<", ">", "<\u{338}", "&\u{301}", "é", "😀",
        "Jan", "a < b", "x&y", "\r\n", "<div>", "text", "\u{A0}",
    ]

    @Test func unchangedExactlyWhereTheCharacterSearchFindsNothing() {
        var rng = SplitMix64(state: 0x1234_5678_9ABC_DEF1)
        func next(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var unchanged = 0, stripped = 0
        for _ in 0..<10_000 {
            var text = ""
            for _ in 0..<(1 + next(8)) { text += Self.pieces[next(Self.pieces.count)] }
            if !(text.contains("<") || text.contains("&")) {
                #expect(LightHTML.strip(text) == text, "\(text.debugDescription)")
                unchanged += 1
            } else {
                stripped += 1
            }
        }
        #expect(unchanged > 500 && stripped > 500)
    }

    @Test func aLessThanWithACombiningMarkIsNoTag() {
        // "<" + U+0338 is one Character, not "<": the text (and its trailing line break) stays.
        #expect(LightHTML.strip("a <\u{338} b\n") == "a <\u{338} b\n")
        #expect(LightHTML.strip("a <p>b</p>\n") == "a \nb")
        #expect(LightHTML.strip("no tags here\n") == "no tags here\n")
    }
}
