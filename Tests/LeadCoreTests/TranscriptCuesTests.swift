import Foundation
@testable import LeadCore
import LeadTestSupport
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
        var rng = SplitMix64(state: 0x9E37_79B9_7F4A_7C15)
        func next(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
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

/// The byte check that lets non-ASCII messages skip the cue regex never skips one the regex matches.
struct TranscriptCueStartsTests {
    static let fragments: [String] = TranscriptCuesTests.fragments + [
        "Jestem", "jestem", "dyrektorem", "sprzedaży", "Potrzebujemy", "Zatrudniamy", "około", "osób", "möchten", "im",
        "nächsten", "Vertrieb", "für", "Lösung", "pracuję jako", "Pracuje", "mon rôle est", "il mio ruolo è", "Soy",
        "jefa", "ésoy", "ñim", "Ésono", "çjestem", "I’m", "i’M", "ІМ", "İm", "ſoy", "Kik ben", "ﬆanowisko", "ß",
        "ǰe suis", "Ÿmy", "µmy", "²soy", "٣sono", "—", "’", "«", "»", "…", "😀", "🇩🇪", "日本", "ø", "Ⅸsoy", "ⓐsoy",
        "\u{0301}", "e\u{0301}soy", "\u{200B}", "Mi", "MI", "cargo", "poste", "Rolle", "Title", "TITLE", "job",
    ]
    static let separators: [String] = TranscriptCuesTests.separators + ["\u{A0}", "\u{2003}", "\u{3000}", "\u{85}",
                                                                         "\u{2028}", "\u{A0}\u{A0}", "-", "/"]

    @Test func neverSkipsATextTheRegexMatches() {
        var rng = SplitMix64(state: 0x5DEE_CE66_D1CE_4E5B)
        func next(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var matched = 0, skipped = 0
        for _ in 0..<30_000 {
            var text = ""
            for _ in 0..<(1 + next(10)) {
                text += Self.fragments[next(Self.fragments.count)]
                text += Self.separators[next(Self.separators.count)]
            }
            guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            let ns = text as NSString
            let hit = TranscriptFacts.Patterns.shared.cue.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) != nil
            let may = TranscriptFacts.mayContainCue(text)
            if hit {
                matched += 1
                #expect(may, "\(text.debugDescription)")
            }
            if !may { skipped += 1 }
        }
        #expect(matched > 3_000)
        #expect(skipped > 2_000)
    }

    @Test(arguments: [
        ("Potrzebujemy narzędzia do oceny leadów.", false), ("Wir möchten im nächsten Quartal starten.", false),
        ("Zatrudniamy około 40 osób.", false), ("Jestem dyrektorem sprzedaży w naszej firmie.", true),
        ("Ich bin Vertriebsleiter für DACH", true), ("im\u{A0}the lead ø", true), ("ésoy jefa", false),
        ("ſoy jefa ø", true), ("«Soy» jefa", true), ("K ik ben ø", true), ("x2soy é", false),
    ])
    func decidesKnownTexts(_ text: String, _ expected: Bool) {
        #expect(TranscriptFacts.mayContainCue(text) == expected)
    }

    /// Every code point the regex, without case, matches for an ASCII letter (or, fully folded, for two
    /// letters of a cue start) is that letter or one of `foldingToASCII`.
    @Test func onlyTheListedCodePointsFoldToASCIILetters() throws {
        var scalars: [Unicode.Scalar] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            switch s.properties.generalCategory {
            case .unassigned, .privateUse, .surrogate: continue
            default: scalars.append(s)
            }
        }
        var text = ""
        for s in scalars {
            text.unicodeScalars.append(s)
            text.unicodeScalars.append("\u{1}")
        }
        let ns = text as NSString
        var letters = Set<String>()
        for p in TranscriptFacts.CueStarts.prefixes {
            let ascii = String(decoding: p, as: UTF8.self).filter { $0.isASCII && $0.isLetter }
            for c in ascii { letters.insert(String(c)) }
            let chars = Array(ascii)
            for k in 0..<max(0, chars.count - 1) { letters.insert(String(chars[k...(k + 1)])) }
        }
        var found = Set<UInt32>()
        for l in letters.sorted() {
            let rx = try NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: l), options: [.caseInsensitive])
            for m in rx.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                for s in ns.substring(with: m.range).unicodeScalars where !s.isASCII { found.insert(s.value) }
            }
        }
        #expect(found.isSubset(of: TranscriptFacts.CueStarts.foldingToASCII),
                "\(found.subtracting(TranscriptFacts.CueStarts.foldingToASCII).map { String($0, radix: 16) })")
        #expect(found.contains(0x212A) && found.contains(0x17F))
    }
}

/// A stated title is read from the analysis that accepted it: the same reading as normalising the
/// title text again, also when a company tail was dropped.
struct StatedTitleAnalysisTests {
    static let fragments: [String] = [
        "I'm", "I am", "ik ben", "Ich bin", "je suis", "soy", "sono", "jestem", "my role is", "Title:", "the", "a",
        "CMO", "CEO", "head", "Head", "of", "sales", "Sales", "marketing", "director", "Director", "of Acme Corp",
        "van", "Acme", "bei", "Vertriebsleiter", "Geschäftsführerin", "directeur commercial", "de", "Finanzas",
        "jefa de compras", "direttore", "dyrektorem", "sprzedaży", "kierownikiem", "n/a", "Sarah,", "at", "z", "Firma",
        "Chief People Officer", "-", "DACH", ",", ".", "and", "founder", "und", "Gründer", "VP", "of Engineering",
        "Sr.", "Mgr", "C.E.O.", "the CEO's", "assistant", "😀", "’", "at Globex", "der", "Marketingabteilung",
    ]

    @Test func readingEqualsNormalizingTheTitle() throws {
        let normalizer = CleaningFixtures.titles
        var rng = SplitMix64(state: 0xA076_1D64_78BD_642F)
        func next(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var found = 0, cut = 0
        for _ in 0..<20_000 {
            var words: [String] = []
            for _ in 0..<(2 + next(8)) { words.append(Self.fragments[next(Self.fragments.count)]) }
            let text = words.joined(separator: " ")
            guard let hit = TranscriptFacts.cueTitle(in: text, normalizer: normalizer) else { continue }
            let analysis = try #require(hit.analysis, "\(text)")
            found += 1
            #expect(analysis.recognized)
            #expect(analysis.cleaned == TextCleaning.cleanedText(hit.title), "\(text)")
            #expect(normalizer.normalize(analysis) == normalizer.normalize(hit.title), "\(text)")
            #expect(normalizer.recognizes(hit.title))
            // A company tail was dropped: the title is followed by a genitive in the text.
            if let r = text.range(of: hit.title + " "), let word = text[r.upperBound...].split(separator: " ").first,
               TranscriptFacts.genitives.contains(word.lowercased()) {
                cut += 1
            }
        }
        #expect(found > 3_000)
        #expect(cut > 0)
    }
}

/// The byte scan for e-mail addresses in ASCII chat text finds the regex's first match.
struct ChatEmailScanTests {
    static let pieces: [String] = [
        "jan", "Jan.de-Vries", "j_v", "x%y", "a+b", "o'neil", "-", ".", "..", "@", "@@", "acme", "ACME", "acme-1871",
        "nl", "co.uk", ".nl", ".", "mail", "you can reach me at", " ", "  ", "\t", ",", ";", "(", ")", "<", ">", "[at]",
        "mailto:", "2", "x@", "@y", "a@b", "a@b.c", "a@-.-", "a@b..c", "a@.b", "end.", "!", "?", "\"", ":", "/", "#",
    ]

    @Test func matchesTheRegexOnGeneratedText() {
        var rng = SplitMix64(state: 0x2545_F491_4F6C_DD1D)
        func next(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var matched = 0
        for _ in 0..<30_000 {
            var text = ""
            for _ in 0..<(1 + next(12)) { text += Self.pieces[next(Self.pieces.count)] }
            let ns = text as NSString
            let regex = TranscriptFacts.Patterns.shared.email.firstMatch(in: text, range: NSRange(location: 0, length: ns.length))
                .map { $0.range.location..<($0.range.location + $0.range.length) }
            #expect(TranscriptFacts.asciiEmailMatch(Array(text.utf8)) == regex, "\(text.debugDescription)")
            if regex != nil { matched += 1 }
        }
        #expect(matched > 5_000)
    }

    @Test func findsTheStatedAddress() {
        #expect(TranscriptFacts.email(inVisitorMessages: ["Hi", "You can reach me at marie.weber8@beratung-1871.de."])
                == "marie.weber8@beratung-1871.de")
        #expect(TranscriptFacts.email(inVisitorMessages: ["mail: jan [at] acme [dot] nl"]) == "jan@acme.nl")
        #expect(TranscriptFacts.email(inVisitorMessages: ["x@y only", "'o'neil@acme.co.uk'"]) == "o'neil@acme.co.uk")
    }
}
