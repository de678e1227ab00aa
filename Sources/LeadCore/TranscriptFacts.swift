import Foundation

/// Facts a chat visitor states about themselves: their e-mail address and their job title.
///
/// Pass **visitor** messages only: bot and agent messages mention other people's titles and
/// addresses. Messages may contain light HTML (`<p>`, `<br>`) and emoji.
public enum TranscriptFacts {
    /// An e-mail address stated in visitor messages ("you can reach me at jan@acme.nl",
    /// "mailto:jan@acme.nl", "Jan <jan@acme.nl>", "jan [at] acme [dot] nl").
    ///
    /// - Parameter texts: the visitor messages in order.
    /// - Returns: the first address, as typed (case kept; obfuscation undone), or `nil`.
    public static func email(inVisitorMessages texts: [String]) -> String? {
        for text in texts where text.utf8.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "[")
                                                           || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "{") }) {
            var t = stripTags(text)
            if !t.contains(Character("@")) {
                t = deobfuscate(t)
                guard t.contains(Character("@")) else { continue }
            }
            var found: Substring
            if t.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII: the regex's first match found on bytes (``asciiEmailMatch(_:)``).
                let bytes = Array(t.utf8)
                guard let r = asciiEmailMatch(bytes) else { continue }
                found = Substring(String(decoding: bytes[r], as: UTF8.self))
            } else {
                let ns = t as NSString
                guard let m = Patterns.shared.email.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { continue }
                found = Substring(ns.substring(with: m.range))
            }
            while let l = found.last, l == "." || l == "-" || l == "'" || l == "’" { found = found.dropLast() }
            while let f = found.first, f == "'" || f == "’" || f == "." { found = found.dropFirst() }
            if found.contains(Character("@")) { return String(found) }
        }
        return nil
    }

    /// A job title stated in visitor messages: "I'm the head of sales at …", "Ik ben marketing
    /// manager bij …", "Ich bin Vertriebsleiter bei …", "Je suis directeur commercial chez …",
    /// "Soy … en …", "Sono … presso …", "Jestem … w …", "I work as …", "my role is …".
    ///
    /// The title is the text after the cue up to the company ("at", "bij", "bei", "chez" …), the end
    /// of the sentence, or a clause that is not part of it; a short decoration after a comma or dash
    /// is kept ("it manager, nl", "Chief People Officer - DACH").
    ///
    /// - Parameters:
    ///   - texts: the visitor messages in order.
    ///   - normalizer: when given, a candidate is accepted only if it contains a known title phrase
    ///     (this rejects "I'm Jan from Acme"); pass the pipeline's normalizer.
    /// - Returns: the first stated title as typed (trimmed), or `nil`.
    public static func jobTitle(inVisitorMessages texts: [String], normalizer: TitleNormalizer? = nil) -> String? {
        if let normalizer { return statedTitle(inVisitorMessages: texts, normalizer: normalizer)?.title }
        for text in texts {
            if let title = cueTitle(in: text, normalizer: nil)?.title { return title }
        }
        return nil
    }

    /// The first "I'm / ik ben / ich bin / je suis / soy / sono / jestem / my role is … + title" in one
    /// message, with the rest of the message after the title. A cue right after a negator ("no soy",
    /// "non sono", "nie jestem") does not count.
    static func cueTitle(in text: String, normalizer: TitleNormalizer?)
        -> (title: String, rest: String, analysis: TitleNormalizer.Analysis?)? {
        let lowerBytes = lowercasedBytes(text)
        guard cueTriggers.contains(where: { bytes(lowerBytes, contain: $0) }) else { return nil }
        let t = stripTags(text)
        if t.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: the same cue matches on bytes (``ASCIICues``); offsets are UTF-16 offsets too.
            let bytes = Array(t.utf8)
            for m in ASCIICues.matches(in: bytes) {
                if let normalizer,
                   normalizer.statements.negators.contains(lastWord(String(decoding: bytes[..<m.lowerBound], as: UTF8.self))) {
                    continue
                }
                let after = String(decoding: bytes[m.upperBound...], as: UTF8.self)
                if let (title, analysis) = accepted(after, normalizer: normalizer) {
                    return (title, restAfter(title, in: after), analysis)
                }
            }
            return nil
        }
        // Most such messages cannot hold a cue ("…emy " passed the "my " trigger): the byte check skips the regex.
        guard mayContainCue(t) else { return nil }
        let ns = t as NSString
        let whole = NSRange(location: 0, length: ns.length)
        for m in Patterns.shared.cue.matches(in: t, range: whole) {
            if let normalizer, normalizer.statements.negators.contains(lastWord(ns.substring(to: m.range.location))) {
                continue
            }
            let after = ns.substring(from: m.range.location + m.range.length)
            if let (title, analysis) = accepted(after, normalizer: normalizer) {
                let rest = restAfter(title, in: after)
                return (title, rest, analysis)
            }
        }
        return nil
    }

    /// `text.lowercased()` as bytes; ASCII text is lower-cased byte by byte.
    static func lowercasedBytes(_ text: String) -> [UInt8] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return Array(text.lowercased().utf8) }
        return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    /// The text after the first occurrence of `title` in `after`, `""` when it does not occur.
    /// ASCII text is searched on bytes (what Foundation's `range(of:)` finds there); other text keeps
    /// Foundation's search.
    static func restAfter(_ title: String, in after: String) -> String {
        guard after.utf8.allSatisfy({ $0 < 0x80 }), title.utf8.allSatisfy({ $0 < 0x80 }) else {
            return after.range(of: title).map { String(after[$0.upperBound...]) } ?? ""
        }
        let h = Array(after.utf8), n = Array(title.utf8)
        guard let first = n.first, h.count >= n.count else { return "" }
        for i in 0...(h.count - n.count) where h[i] == first && h[i..<(i + n.count)].elementsEqual(n) {
            return String(decoding: h[(i + n.count)...], as: UTF8.self)
        }
        return ""
    }

    /// The last word before a position, folded ("No soy" → "no").
    static func lastWord(_ text: String) -> String {
        TextCleaning.tokens(String(text.suffix(24))).last ?? ""
    }

    /// The visitor's messages of a transcript, in order: bot and agent turns never count.
    ///
    /// - Parameter turns: every turn with its role as exported (`visitor`, `bot`, `agent`; any case).
    public static func visitorMessages(_ turns: [(role: String, text: String)]) -> [String] {
        turns.filter { $0.role.lowercased() == "visitor" }.map(\.text)
    }

    /// The job title a visitor states about themselves, read into the vocabularies.
    ///
    /// - Parameters:
    ///   - turns: the whole transcript; only the visitor's turns are read (``visitorMessages(_:)``).
    ///   - normalizer: the pipeline's title tables.
    /// - Returns: the first stated title, or `nil`.
    public static func statedTitle(inTranscript turns: [(role: String, text: String)],
                                   normalizer: TitleNormalizer) -> NormalizedTitle? {
        statedTitle(inVisitorMessages: visitorMessages(turns), normalizer: normalizer)
    }

    /// Lower-case byte sequences one of which every cue contains (checked before running the regex).
    static let cueTriggers: [[UInt8]] = [
        "i'm", "i’m", "i am", "i work", "im ", "my ", "ik ", "ich ", "je ", "en tant", "soy", "trabajo", "mi ", "sono",
        "lavoro", "il mio", "jestem", "pracuj", "moje", "title", "role", "position", "functie", "funktion",
        "fonction", "poste", "cargo", "ruolo", "stanowisko",
    ].map { Array($0.utf8) }

    /// Substring search on bytes.
    static func bytes(_ h: [UInt8], contain n: [UInt8]) -> Bool {
        guard let first = n.first, h.count >= n.count else { return false }
        var i = 0
        while i + n.count <= h.count {
            if h[i] == first {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The title after a cue, trying "Name, the title" appositions and dropping "of <Company>" tails.
    static func acceptedTitle(_ after: String, normalizer: TitleNormalizer?) -> String? {
        accepted(after, normalizer: normalizer)?.title
    }

    /// ``acceptedTitle(_:normalizer:)`` with the normalizer's analysis of the title (`nil` without a
    /// normalizer), so that reading the title does not match its phrases again.
    static func accepted(_ after: String, normalizer: TitleNormalizer?) -> (title: String, analysis: TitleNormalizer.Analysis?)? {
        var options: [String] = []
        if let appositive = afterNameApposition(after), let c = titleCandidate(appositive) { options.append(c) }
        if let c = titleCandidate(after) { options.append(c) }
        for candidate in options {
            guard let normalizer else { return (candidate, nil) }
            guard let analysis = normalizer.analysis(candidate), analysis.recognized else { continue }
            return droppingCompanyTail(candidate, analysis, normalizer: normalizer)
        }
        return nil
    }

    /// "Sarah, the marketing director at Acme" → "the marketing director at Acme": a single capitalised
    /// word followed by a comma is the speaker's name.
    static func afterNameApposition(_ text: String) -> String? {
        let trimmed = text.drop { $0.isWhitespace }
        guard let comma = trimmed.firstIndex(of: ","), let first = trimmed.first, first.isUppercase else { return nil }
        let name = trimmed[..<comma]
        guard !name.isEmpty, !name.contains(Character(" ")), name.count <= 20,
              name.dropFirst().allSatisfy({ $0.isLowercase || $0 == "-" || $0 == "'" }) else { return nil }
        let rest = trimmed[trimmed.index(after: comma)...]
        return rest.contains(where: { $0.isLetter }) ? String(rest) : nil
    }

    /// Prepositions that may introduce the employer ("CMO of Acme", "director comercial de Acme").
    static let genitives: Set<String> = ["of", "van", "von", "der", "des", "de", "du", "di", "del", "della", "dello",
                                         "do", "da", "z", "ze", "at"]

    /// Cuts "… of <Company>" when the part after the preposition is no title phrase but the part
    /// before is: "CMO of Acme Corp" → "CMO"; "Head of Sales" stays.
    static func droppingCompanyTail(_ candidate: String, normalizer: TitleNormalizer) -> String {
        droppingCompanyTail(candidate, nil, normalizer: normalizer).title
    }

    /// ``droppingCompanyTail(_:normalizer:)`` with the analysis of the title it returns (`analysis` is
    /// the candidate's).
    static func droppingCompanyTail(_ candidate: String, _ analysis: TitleNormalizer.Analysis?,
                                    normalizer: TitleNormalizer) -> (title: String, analysis: TitleNormalizer.Analysis?) {
        let words = candidate.split(separator: " ").map(String.init)
        guard words.count > 2 else { return (candidate, analysis) }
        for p in 1..<(words.count - 1) where genitives.contains(words[p].lowercased()) {
            let head = words[..<p].joined(separator: " ")
            let tail = words[(p + 1)...].joined(separator: " ")
            if !normalizer.recognizes(tail), let h = normalizer.analysis(head), h.recognized { return (head, h) }
        }
        return (candidate, analysis)
    }

    // MARK: - Title extraction

    /// Articles dropped at the start of a stated title.
    static let articles: Set<String> = [
        "the", "a", "an", "de", "het", "een", "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une",
        "el", "los", "las", "il", "lo", "uno", "una", "our",
    ]

    /// Words that end the title (the company or place follows). Never the first word.
    static let stopBefore: Set<String> = [
        "at", "with", "for", "from", "bei", "bij", "chez", "presso", "pour", "para", "per", "für", "fur", "voor",
        "van", "von", "in", "im", "dans", "à", "w", "we", "en", "here", "there", "hier", "ici", "daar", "dort",
        "là", "allí", "allà", "lì", "tam", "btw", "since", "seit",
        "sinds", "depuis", "desde", "od", "over", "tätig", "tatig", "werkzaam", "actief", "who", "which", "that", "qui", "que", "che", "który",
        "która", "and", "und", "et", "y", "e", "i", "but", "aber", "maar", "mais", "pero", "ma", "ale", "so", "dus",
        "also", "donc", "así", "quindi", "więc", "looking", "interested", "und", "sowie",
    ]

    /// Conjunctions that may join two titles ("CEO and founder", "Gründer und Geschäftsführer") when
    /// a title word follows rather than a pronoun.
    static let conjunctions: Set<String> = ["and", "und", "et", "y", "e", "i"]

    /// Pronouns and fillers: after a conjunction or comma they start a new clause.
    static let clauseStarters: Set<String> = [
        "i", "we", "our", "my", "me", "us", "you", "she", "he", "they", "it", "this", "that", "btw", "by", "so", "but", "and", "which",
        "who", "ik", "wij", "we", "ons", "onze", "mijn", "jij", "u", "dat", "maar", "ich", "wir", "unser", "unsere",
        "mein", "meine", "sie", "das", "aber", "je", "nous", "notre", "nos", "mon", "ma", "mes", "vous", "mais",
        "yo", "nosotros", "nuestro", "nuestra", "mi", "pero", "io", "noi", "nostro", "nostra", "mio", "mia", "ma",
        "ja", "my", "nasz", "nasza", "moja", "mój", "ale", "thanks", "thank", "danke", "merci", "bedankt",
        "gracias", "grazie", "dzięki", "please", "bitte", "graag", "svp", "por", "per",
    ]

    /// Adverbs and adjectives skipped before a title ("I'm currently the head of …", "ik ben de nieuwe …").
    static let skippable: Set<String> = [
        "currently", "now", "also", "actually", "basically", "new", "the", "a", "an", "momenteel", "nu", "ook",
        "nieuwe", "nieuw", "hier", "derzeit", "aktuell", "jetzt", "auch", "neue", "neuer", "actuellement", "aussi",
        "nouveau", "nouvelle", "actualmente", "también", "nuevo", "nueva", "attualmente", "anche", "nuovo",
        "nuova", "obecnie", "też", "także", "nowy", "nowa",
    ]

    /// First words that show the "I'm …" is not a title ("I'm the one who signs", "I'm gathering info").
    static let notATitleStart: Set<String> = [
        "one", "not", "no", "just", "still", "really", "very", "so", "here", "from", "in",
        "on", "with", "at", "of", "for", "based", "sure", "happy", "glad", "afraid", "sorry", "curious",
        "interested", "looking", "trying", "wondering", "checking", "writing", "reaching", "calling",
        "gathering", "hoping", "going", "planning", "asking", "contacting", "responsible", "back",
        "about", "for", "für", "fur", "voor", "pour", "para", "per", "dla", "bei", "bij", "chez", "presso", "fine", "good", "well", "ok", "okay", "ready", "able", "aware", "sure", "alone", "only",
        "nicht", "kein", "keine", "auf", "noch", "gerade", "interessiert", "sehr", "seit", "dabei", "froh", "mit",
        "niet", "geen", "nog", "op", "bezig", "erg", "blij", "benieuwd", "geïnteresseerd", "geinteresseerd", "sinds",
        "pas", "encore", "très", "intéressé", "intéressée", "interesse", "ravi", "ravie", "à", "au", "en", "de",
        "du", "des", "dans", "depuis", "désolé", "désolée", "curieux", "curieuse",
        "muy", "interesado", "interesada", "todavía", "aquí", "desde", "con",
        "molto", "interessato", "interessata", "ancora", "qui", "di", "del", "della", "con", "contento", "contenta",
        "verantwoordelijk", "verantwortlich", "zuständig", "z", "ze", "bardzo", "zainteresowany", "zainteresowana", "jeszcze", "tu", "od",
    ]

    /// Abbreviations whose trailing dot does not end the sentence.
    static let abbreviations: Set<String> = [
        "sr", "jr", "snr", "jnr", "dir", "mgr", "st", "dr", "co", "resp", "dept", "asst", "ass", "eng", "exec",
        "mkt", "ops", "prof", "vp", "svp", "evp", "int", "intl", "gen", "adm", "techn", "kfm", "dipl", "ing",
        "ds", "stellv", "kaufm", "resp", "dtor", "dtora", "gte", "kier", "dyr", "mgmt", "mktg", "acct", "assoc", "coord",
        "spec", "rep", "hfd", "mdw", "ltr", "cial", "dott", "ssa",
    ]

    static let maxTitleWords = 10

    /// The title at the start of `text` (the part after a cue), or `nil`.
    static func titleCandidate(_ text: String) -> String? {
        var words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        // Leading articles (and French/Italian elided "l'").
        while let first = words.first {
            let key = fold(first)
            if (articles.contains(key) || skippable.contains(key)) && words.count > 1 {
                words.removeFirst()
                continue
            }
            if key.hasPrefix("l'") || key.hasPrefix("l’") {
                words[0] = String(first.dropFirst(2))
                if words[0].isEmpty { words.removeFirst() }
            }
            break
        }
        guard let first = words.first, !notATitleStart.contains(fold(trimPunctuation(first))),
              first.first.map({ !$0.isNumber }) ?? false else { return nil }
        if fold(trimPunctuation(first)).hasSuffix("ing") && first.first?.isLowercase == true
            && !gerundTitles.contains(fold(trimPunctuation(first))) {
            return nil
        }
        var kept: [String] = []
        var i = 0
        wordLoop: while i < words.count {
            let word = words[i]
            let bare = trimPunctuation(word)
            let key = fold(bare)
            if !kept.isEmpty {
                if conjunctions.contains(key) {
                    // "CEO and founder" continues; "head of sales and we need …" does not.
                    let next = i + 1 < words.count ? fold(trimPunctuation(words[i + 1])) : ""
                    if next.isEmpty || clauseStarters.contains(next) || stopBefore.contains(next) { break }
                } else if stopBefore.contains(key) {
                    break
                }
            }
            if word == "@" { break }
            // A dash starting a decoration: keep it only when a short decoration follows.
            if ["-", "–", "—", "|"].contains(word) {
                if !shortDecorationFollows(words, from: i + 1) { break }
                kept.append(word)
                i += 1
                continue
            }
            kept.append(word)
            if let last = word.last {
                if "!?;:".contains(last) { break }
                if last == "." {
                    let stem = fold(String(word.dropLast()))
                    if !(abbreviations.contains(stem) || stem.contains(Character("."))) { break } // "n.v.t." and "Sr." keep going
                    if i + 1 >= words.count { break }
                }
                if last == "," {
                    if !shortDecorationFollows(words, from: i + 1) { break }
                }
            }
            if kept.count > maxTitleWords { return nil }
            i += 1
            continue wordLoop
        }
        var title = kept.joined(separator: " ")
        while let l = title.last, ",.;:!?-–—|\"'“”»".contains(l) || l.isWhitespace { title.removeLast() }
        while let f = title.first, "\"'“”«".contains(f) || f.isWhitespace { title.removeFirst() }
        guard TextCleaning.hasLetter(title), title.count <= 100 else { return nil }
        return title
    }

    /// English `-ing` words that are titles or functions, so "I'm marketing lead" is not a verb.
    static let gerundTitles: Set<String> = [
        "marketing", "engineering", "accounting", "purchasing", "recruiting", "consulting", "planning",
        "controlling", "training", "working", "banking", "publishing", "licensing", "pricing", "sourcing",
    ]

    /// Whether the words from `start` up to the next terminator are a short decoration (≤ 3 words, not a
    /// new clause): "nl over at …", "DACH.", "EMEA".
    static func shortDecorationFollows(_ words: [String], from start: Int) -> Bool {
        guard start < words.count else { return true }
        var count = 0
        var i = start
        while i < words.count {
            let bare = trimPunctuation(words[i])
            let key = fold(bare)
            if count == 0 && (clauseStarters.contains(key) || conjunctions.contains(key)) { return false }
            if count > 0 && stopBefore.contains(key) { break }
            count += 1
            if count > 3 { return false }
            if let last = words[i].last, ".!?;,".contains(last) { break }
            i += 1
        }
        return true
    }

    static let trailingPunctuation: Set<Character> = [",", ".", ";", ":", "!", "?", "\"", "'", "“", "”", "»", ")"]
    static let leadingPunctuation: Set<Character> = ["\"", "'", "“", "”", "«", "("]

    static func trimPunctuation(_ word: String) -> String {
        var s = Substring(word)
        while let l = s.last, trailingPunctuation.contains(l) { s = s.dropLast() }
        while let f = s.first, leadingPunctuation.contains(f) { s = s.dropFirst() }
        return String(s)
    }

    static func fold(_ word: String) -> String { word.lowercased() }

    // MARK: - Helpers

    /// Light HTML tags (`<p>`, `</p>`, `<br/>`) replaced by spaces; `<addr@x>` is not a tag and stays.
    static func stripTags(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return text }
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiStrippingTags(Array(text.utf8)) }
        let ns = text as NSString
        return Patterns.shared.tag.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: ns.length),
                                                            withTemplate: " ")
    }

    /// `jan [at] acme [dot] nl` → `jan@acme.nl` (bracketed forms only: a bare " at " is English).
    static func deobfuscate(_ text: String) -> String {
        let ns = text as NSString
        let r1 = Patterns.shared.obfuscatedAt.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: ns.length), withTemplate: "@")
        let ns2 = r1 as NSString
        return Patterns.shared.obfuscatedDot.stringByReplacingMatches(in: r1, range: NSRange(location: 0, length: ns2.length), withTemplate: ".")
    }

    /// Regexes compiled once per process.
    final class Patterns: @unchecked Sendable {
        // Safety: NSRegularExpression is immutable after creation and safe to use from several threads.
        static let shared = Patterns()

        let email: NSRegularExpression
        let cue: NSRegularExpression
        let tag: NSRegularExpression
        let obfuscatedAt: NSRegularExpression
        let obfuscatedDot: NSRegularExpression

        private init() {
            // Patterns are constants; a failure is a programmer error.
            func rx(_ p: String, _ o: NSRegularExpression.Options = [.caseInsensitive]) -> NSRegularExpression {
                do { return try NSRegularExpression(pattern: p, options: o) } catch {
                    preconditionFailure("bad built-in pattern \(p): \(error)")
                }
            }
            email = rx(#"[\p{L}\p{N}._%+'’-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+"#)
            tag = rx(#"</?[a-z][a-z0-9]*(?:\s[^<>@]*)?/?>"#)
            obfuscatedAt = rx(#"\s*[\[\(\{]\s*(?:at|@|apenstaartje|arobase)\s*[\]\)\}]\s*"#)
            obfuscatedDot = rx(#"\s*[\[\(\{]\s*(?:dot|punt|punkt|point|punto|kropka)\s*[\]\)\}]\s*"#)
            let cues = [
                #"i['’]m working as"#, #"i am working as"#, #"i work as"#, #"i['’]m"#, #"i am"#,
                #"im(?=\s+(?:the|a|an)\s)"#,
                #"my (?:job )?(?:title|role|position|function) is"#,
                #"(?:my )?(?:job ?title|title|role|position|functie|funktion|fonction|poste|cargo|ruolo|stanowisko)\s*:"#,
                #"(?:ich bin|ich arbeite|ik ben|ik werk)\s+(?:bei|bij|für|voor)\s+[^.,;!?]{1,60}?\s+als"#,
                #"ik ben werkzaam als"#, #"ik werk als"#, #"ik ben"#, #"mijn functie is"#, #"mijn rol is"#,
                #"ich arbeite als"#, #"ich bin"#, #"meine (?:position|rolle|funktion|stelle) ist"#,
                #"je travaille comme"#, #"je suis"#, #"en tant que"#, #"mon poste est"#, #"mon rôle est"#,
                #"trabajo como"#, #"soy"#, #"mi (?:cargo|puesto|rol) es"#,
                #"lavoro come"#, #"sono"#, #"il mio ruolo è"#,
                #"pracuję jako"#, #"pracuje jako"#, #"jestem"#, #"moje stanowisko to"#,
            ]
            cue = rx(#"(?<![\p{L}\p{N}])(?:"# + cues.joined(separator: "|") + #")[\s\u00A0]+"#)
        }
    }
}
