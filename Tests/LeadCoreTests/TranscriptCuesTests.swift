import Foundation
@testable import LeadCore
import Testing

/// The byte matcher of the first-person cues finds exactly the regex's matches on ASCII text.
struct TranscriptCuesTests {
    static let fragments: [String] = [
        "I'm", "i'm", "I'M", "I am", "i AM", "working", "as", "I work as", "Im", "im", "the", "a", "an", "The",
        "my", "My", "job", "title", "role", "position", "function", "is", "jobtitle", "Job Title", ":", " :", "functie",
        "Funktion", "fonction", "poste", "cargo", "ruolo", "stanowisko", "ich bin", "Ich arbeite", "ik ben", "Ik werk",
        "bei", "bij", "voor", "Acme", "Acme GmbH", "als", "Als", "werkzaam", "mijn functie is", "mijn rol is",
        "ich arbeite als", "meine Position ist", "meine rolle ist", "meine Funktion ist", "meine Stelle ist",
        "je travaille comme", "Je suis", "en tant que", "mon poste est", "trabajo como", "soy", "Soy", "mi cargo es",
        "mi puesto es", "mi rol es", "lavoro come", "sono", "pracuje jako", "jestem", "moje stanowisko to",
        "head of sales", "CEO", "x", "Jan", "2", "no", "nie", ".", ",", "!", "?", ";", "-", "(", ")", "'", "\"", "<p>",
        "xim", "aI'm", "9soy", "_sono", "isoy", "ia",
    ]
    static let separators: [String] = [" ", " ", " ", "  ", "\t", "\n", "\r\n", "", "\u{0B}", "\u{0C}", " \u{0B} ", "   "]

    @Test func matchesTheRegexOnGeneratedText() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var checked = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(1 + next(14)) {
                text += Self.fragments[next(Self.fragments.count)]
                text += Self.separators[next(Self.separators.count)]
            }
            let ns = text as NSString
            let regex = TranscriptFacts.Patterns.shared.cue.matches(in: text, range: NSRange(location: 0, length: ns.length))
                .map { $0.range.location..<($0.range.location + $0.range.length) }
            let bytes = TranscriptFacts.ASCIICues.matches(in: Array(text.utf8))
            #expect(bytes == regex, "\(text.debugDescription)")
            if !regex.isEmpty { checked += 1 }
        }
        #expect(checked > 5_000)
    }

    @Test(arguments: [
        "ik ben bij Acme als marketing manager", "ik ben bij   als manager", "Ich bin bei der Acme GmbH als Leiter",
        "ich bin bei Acme, als CEO", "ik werk voor een bedrijf dat heel erg groot is en waar ik al jaren ben als CEO x",
        "ik ben bij x als", "ik ben bij x als\tx", "my title: CEO", "my title :CEO", "Title:\nCEO", "im the boss",
        "im an engineer", "im a\tx", "im annie", "I'm working asx", "I'm working as CEO", "my job role is x",
        "my job is x", "im ", "I\'m", "xI'm CEO", "2I'm x", "_i'm x", "ik ben bij Acme als  ", "ik ben bij a als b als c",
    ])
    func matchesTheRegexOnEdgeCases(_ text: String) {
        let ns = text as NSString
        let regex = TranscriptFacts.Patterns.shared.cue.matches(in: text, range: NSRange(location: 0, length: ns.length))
            .map { $0.range.location..<($0.range.location + $0.range.length) }
        #expect(TranscriptFacts.ASCIICues.matches(in: Array(text.utf8)) == regex)
    }

    @Test func tagsStripLikeTheRegex() {
        let pieces = ["<p>", "</p>", "<br/>", "<br />", "<BR>", "<a href='x'>", "<a href=x@y>", "<jan@acme.nl>", "<", ">", "/",
                      "<1>", "<p", "< p>", "<p\t>", "<p\n/>", "<h1>", "<h1 class=\"a\">", "<x/ >", "<x//>", "text", " ", "@",
                      "<div <p>", "<i>", "</ i>", "<a\u{0B}b>", "</>", "<b>c</b>", "x<y", "a > b"]
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(1 + Int(state % 9)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            let ns = text as NSString
            let regex = TranscriptFacts.Patterns.shared.tag.stringByReplacingMatches(
                in: text, range: NSRange(location: 0, length: ns.length), withTemplate: " ")
            #expect(TranscriptFacts.asciiStrippingTags(Array(text.utf8)) == regex, "\(text.debugDescription)")
        }
    }
}
