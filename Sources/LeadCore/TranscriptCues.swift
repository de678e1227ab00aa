extension TranscriptFacts {
    /// The first-person cues of `Patterns.cue` matched on the bytes of ASCII text, without the regex
    /// engine (which bridges every message to UTF-16 and ran for every chat message).
    ///
    /// The same matches as the regex, in the same order: a cue starts where no ASCII letter or digit
    /// precedes it; at each start the alternatives are tried in the regex's order and the first whose
    /// text and trailing whitespace (`[\s\u00A0]+`, in ASCII U+0009–U+000D and the space) match wins;
    /// the search goes on after the match. Letters compare without case. Cues with a non-ASCII letter
    /// ("pracuję", "mon rôle est", "il mio ruolo è", "für") cannot match ASCII text and are left out;
    /// other text keeps the regex (see `cueTitle`).
    enum ASCIICues {
        /// One alternative of the cue pattern.
        enum Cue {
            /// Fixed text (a space matches a space only).
            case literal([UInt8])
            /// `im(?=\s+(?:the|a|an)\s)`.
            case imArticle
            /// `my (?:job )?(?:title|role|position|function) is`.
            case myRoleIs
            /// `(?:my )?(?:job ?title|title|role|…)\s*:`.
            case labelColon
            /// `(?:ich bin|ich arbeite|ik ben|ik werk)\s+(?:bei|bij|für|voor)\s+[^.,;!?]{1,60}?\s+als`.
            case employerAls
        }

        /// The alternatives in the regex's order.
        static let cues: [Cue] = [
            .literal(b("i'm working as")), .literal(b("i am working as")), .literal(b("i work as")), .literal(b("i'm")),
            .literal(b("i am")), .imArticle, .myRoleIs, .labelColon, .employerAls,
            .literal(b("ik ben werkzaam als")), .literal(b("ik werk als")), .literal(b("ik ben")),
            .literal(b("mijn functie is")), .literal(b("mijn rol is")), .literal(b("ich arbeite als")),
            .literal(b("ich bin")), .literal(b("meine position ist")), .literal(b("meine rolle ist")),
            .literal(b("meine funktion ist")), .literal(b("meine stelle ist")),
            .literal(b("je travaille comme")), .literal(b("je suis")), .literal(b("en tant que")),
            .literal(b("mon poste est")), .literal(b("trabajo como")), .literal(b("soy")),
            .literal(b("mi cargo es")), .literal(b("mi puesto es")), .literal(b("mi rol es")),
            .literal(b("lavoro come")), .literal(b("sono")), .literal(b("pracuje jako")), .literal(b("jestem")),
            .literal(b("moje stanowisko to")),
        ]

        static let roleWords = ["title", "role", "position", "function"].map(b)
        static let labelWords = ["job title", "jobtitle", "title", "role", "position", "functie", "funktion", "fonction",
                                 "poste", "cargo", "ruolo", "stanowisko"].map(b)
        static let employerHeads = ["ich bin", "ich arbeite", "ik ben", "ik werk"].map(b)
        static let employerPrepositions = ["bei", "bij", "voor"].map(b)

        static let im = b("im"), my = b("my "), job = b("job "), isWord = b(" is"), als = b("als")
        static let articles = ["the", "a", "an"].map(b)

        /// The lower-case bytes some cue starts with.
        static let firstBytes: [Bool] = {
            var table = [Bool](repeating: false, count: 256)
            for cue in cues {
                switch cue {
                case .literal(let text): table[Int(text[0])] = true
                case .imArticle, .employerAls: table[Int(UInt8(ascii: "i"))] = true
                case .myRoleIs: table[Int(UInt8(ascii: "m"))] = true
                case .labelColon:
                    table[Int(UInt8(ascii: "m"))] = true
                    for w in labelWords { table[Int(w[0])] = true }
                }
            }
            return table
        }()

        private static func b(_ s: String) -> [UInt8] { Array(s.utf8) }

        /// `\s` of the regex engine on ASCII.
        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

        static func isAlnum(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        }

        static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }

        /// The end of `word` (lower-case) at `i`, compared without case, or `nil`.
        static func word(_ word: [UInt8], in t: [UInt8], at i: Int) -> Int? {
            guard i + word.count <= t.count else { return nil }
            for k in 0..<word.count where lower(t[i + k]) != word[k] { return nil }
            return i + word.count
        }

        /// The end of a run of at least one space at `i`, or `nil`.
        static func spaces(_ t: [UInt8], from i: Int) -> Int? {
            var j = i
            while j < t.count, isSpace(t[j]) { j += 1 }
            return j > i ? j : nil
        }

        /// Every cue match in `t` (ASCII), as byte ranges that include the trailing whitespace.
        static func matches(in t: [UInt8]) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var p = 0
            next: while p < t.count {
                if firstBytes[Int(lower(t[p]))], p == 0 || !isAlnum(t[p - 1]) {
                    for cue in cues {
                        if let end = self.end(of: cue, in: t, at: p), let after = spaces(t, from: end) {
                            result.append(p..<after)
                            p = after
                            continue next
                        }
                    }
                }
                p += 1
            }
            return result
        }

        /// Where one alternative's text ends when it matches at `p` (the trailing whitespace not included).
        static func end(of cue: Cue, in t: [UInt8], at p: Int) -> Int? {
            switch cue {
            case .literal(let text):
                return word(text, in: t, at: p)
            case .imArticle:
                guard let e = word(im, in: t, at: p), let s = spaces(t, from: e) else { return nil }
                for article in articles {
                    if let a = word(article, in: t, at: s), a < t.count, isSpace(t[a]) { return e }
                }
                return nil
            case .myRoleIs:
                guard let m = word(my, in: t, at: p) else { return nil }
                for start in [word(job, in: t, at: m), m] {
                    guard let start else { continue }
                    for w in roleWords {
                        if let e = word(w, in: t, at: start), let end = word(isWord, in: t, at: e) { return end }
                    }
                }
                return nil
            case .labelColon:
                // With "my " first, then without; the first label that is followed by `\s*:` and whitespace.
                for start in [word(my, in: t, at: p), p] {
                    guard let start else { continue }
                    for w in labelWords {
                        guard let e = word(w, in: t, at: start) else { continue }
                        var c = e
                        while c < t.count, isSpace(t[c]) { c += 1 }
                        if c < t.count, t[c] == UInt8(ascii: ":"), spaces(t, from: c + 1) != nil { return c + 1 }
                    }
                }
                return nil
            case .employerAls:
                for head in employerHeads {
                    guard let h = word(head, in: t, at: p), let s1 = spaces(t, from: h) else { continue }
                    for prep in employerPrepositions {
                        guard let e = word(prep, in: t, at: s1), let run = spaces(t, from: e) else { continue }
                        // `\s+` gives back spaces one by one (the run may end inside the lazy part), and for
                        // each the shortest 1…60 bytes without `.,;!?` that whitespace, "als" and whitespace follow.
                        var q = run
                        while q > e {
                            var j = q + 1
                            while j <= min(q + 60, t.count) {
                                let c = t[j - 1]
                                if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") || c == UInt8(ascii: ";")
                                    || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") { break }
                                if j < t.count, isSpace(t[j]), let r = spaces(t, from: j), let a = word(als, in: t, at: r),
                                   spaces(t, from: a) != nil {
                                    return a
                                }
                                j += 1
                            }
                            q -= 1
                        }
                    }
                }
                return nil
            }
        }
    }
}

extension TranscriptFacts {
    /// `Patterns.tag` (`</?[a-z][a-z0-9]*(?:\s[^<>@]*)?/?>`, any case) replaced by spaces on the bytes
    /// of ASCII text: the same matches, left to right, without the regex engine.
    static func asciiStrippingTags(_ t: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var i = 0
        while i < t.count {
            if t[i] == UInt8(ascii: "<"), let end = asciiTagEnd(t, from: i) {
                out.append(0x20)
                i = end
                continue
            }
            out.append(t[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The end of a tag starting with the `<` at `i`, or `nil`.
    static func asciiTagEnd(_ t: [UInt8], from i: Int) -> Int? {
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        var j = i + 1
        if j < t.count, t[j] == UInt8(ascii: "/") { j += 1 }
        guard j < t.count, isLetter(t[j]) else { return nil }
        j += 1
        while j < t.count, isLetter(t[j]) || (t[j] >= 0x30 && t[j] <= 0x39) { j += 1 }
        // Attributes: whitespace, then everything up to the next `<`, `>` or `@`, which must be `>`.
        if j < t.count, ASCIICues.isSpace(t[j]) {
            var k = j + 1
            while k < t.count, t[k] != UInt8(ascii: "<"), t[k] != UInt8(ascii: ">"), t[k] != UInt8(ascii: "@") { k += 1 }
            if k < t.count, t[k] == UInt8(ascii: ">") { return k + 1 }
        }
        if j < t.count, t[j] == UInt8(ascii: "/") { j += 1 }
        if j < t.count, t[j] == UInt8(ascii: ">") { return j + 1 }
        return nil
    }
}

extension TranscriptFacts {
    /// A necessary condition for `Patterns.cue` to match non-ASCII text, checked on its bytes so that
    /// messages that cannot hold a cue skip the regex (and its bridging to UTF-16). `false` only when
    /// the regex has no match in `t`.
    ///
    /// Every alternative of the pattern starts, at a position where no letter or number code point
    /// precedes it (the pattern's look-behind), with one of ``CueStarts/prefixes`` (ASCII letters,
    /// spaces and `'`/`’`; `im` must be followed by non-letters and an article). The regex compares
    /// without case by case folding, so the only text that can match an ASCII letter of the pattern
    /// is that letter in either case, except for the code points in ``CueStarts/foldingToASCII``; text
    /// holding one of those answers `true` (the regex decides).
    static func mayContainCue(_ t: String) -> Bool {
        let b = Array(t.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c >= 0x80 {
                if CueStarts.foldsToASCII(b, at: i) { return true }
                i += 1
                continue
            }
            let lc = ASCIICues.lower(c)
            if CueStarts.firstBytes[Int(lc)], !CueStarts.letterOrNumberBefore(b, i) {
                for prefix in CueStarts.prefixes where ASCIICues.word(prefix, in: b, at: i) != nil {
                    if prefix == CueStarts.im {
                        if CueStarts.articleFollows(b, from: i + 2) { return true }
                    } else {
                        return true
                    }
                }
            }
            i += 1
        }
        return false
    }

    /// The starts of the cue alternatives, for ``mayContainCue(_:)``.
    enum CueStarts {
        /// Lower-case starts: each alternative of `Patterns.cue` begins with one of them.
        static let prefixes: [[UInt8]] = [
            "i'm", "i’m", "i am", "i work", "im", "my", "job", "title", "role", "position", "functie", "funktion",
            "fonction", "poste", "cargo", "ruolo", "stanowisko", "ich ", "ik ", "mijn", "meine", "je ", "en tant",
            "mon ", "trabajo", "soy", "mi ", "lavoro", "sono", "il mio", "pracuj", "jestem", "moje",
        ].map { Array($0.utf8) }

        static let im = Array("im".utf8)
        static let articles = ["the", "a", "an"].map { Array($0.utf8) }

        static let firstBytes: [Bool] = {
            var table = [Bool](repeating: false, count: 256)
            for p in prefixes { table[Int(p[0])] = true }
            return table
        }()

        /// Whether the code point before byte `i` is a letter or a number.
        static func letterOrNumberBefore(_ b: [UInt8], _ i: Int) -> Bool {
            guard i > 0 else { return false }
            var s = i - 1
            while s > 0, b[s] & 0xC0 == 0x80 { s -= 1 }
            var decoder = UTF8()
            var it = b[s..<i].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&it) else { return false }
            return isLetterOrNumber(scalar)
        }

        /// `[\p{L}\p{N}]`.
        static func isLetterOrNumber(_ s: Unicode.Scalar) -> Bool {
            switch s.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return false
            }
        }

        /// After `im`: at least one code point that is no letter or number, then `the`, `a` or `an`, then one
        /// more such code point (what `im(?=\s+(?:the|a|an)\s)` needs, loosened).
        static func articleFollows(_ b: [UInt8], from start: Int) -> Bool {
            var j = start
            while j < b.count, !startsLetterOrNumber(b, j) { j += 1 }
            guard j > start else { return false }
            for a in articles {
                if let e = ASCIICues.word(a, in: b, at: j), e < b.count, !startsLetterOrNumber(b, e) { return true }
            }
            return false
        }

        /// Whether the code point starting at byte `j` is a letter or a number (a continuation byte counts
        /// as part of the code point before it: not a new one).
        static func startsLetterOrNumber(_ b: [UInt8], _ j: Int) -> Bool {
            let c = b[j]
            if c < 0x80 { return ASCIICues.isAlnum(c) }
            if c & 0xC0 == 0x80 { return false }
            var decoder = UTF8()
            var it = b[j...].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&it) else { return false }
            return isLetterOrNumber(scalar)
        }

        /// The code points whose case folding (simple or full) holds an ASCII letter: ß, İ, ŉ, ſ, ǰ,
        /// ẖ ẗ ẘ ẙ ẚ, ẞ, K (Kelvin sign) and the Latin ligatures ﬀ…ﬆ (`CaseFolding.txt`; a test runs
        /// the regex engine over every assigned code point).
        static let foldingToASCII: Set<UInt32> = [
            0xDF, 0x130, 0x149, 0x17F, 0x1F0, 0x1E96, 0x1E97, 0x1E98, 0x1E99, 0x1E9A, 0x1E9E, 0x212A,
            0xFB00, 0xFB01, 0xFB02, 0xFB03, 0xFB04, 0xFB05, 0xFB06,
        ]

        /// Whether the code point starting at byte `i` is one of ``foldingToASCII`` (their lead bytes
        /// are C3, C4, C5, C7, E1, E2 and EF).
        static func foldsToASCII(_ b: [UInt8], at i: Int) -> Bool {
            let c = b[i]
            guard c == 0xC3 || c == 0xC4 || c == 0xC5 || c == 0xC7 || c == 0xE1 || c == 0xE2 || c == 0xEF else { return false }
            var decoder = UTF8()
            var it = b[i...].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&it) else { return false }
            return foldingToASCII.contains(scalar.value)
        }
    }
}

extension TranscriptFacts {
    /// The first match of `Patterns.email` (`[\p{L}\p{N}._%+'’-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`)
    /// in ASCII text, on its bytes.
    ///
    /// The local part's characters exclude `@`, so a match ends its local part at an `@` and starts
    /// where the run of local characters before that `@` starts; starts come in the order of the `@`s.
    /// The domain's characters exclude `.`: its first label is the whole run after the `@`, and the
    /// greedy `(?:\.label)+` takes every following dot that a label follows. The first `@` with a
    /// local part before it and a dotted domain after it gives the match.
    static func asciiEmailMatch(_ t: [UInt8]) -> Range<Int>? {
        func isAlnum(_ c: UInt8) -> Bool { ASCIICues.isAlnum(c) }
        func isLocal(_ c: UInt8) -> Bool {
            isAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "%")
                || c == UInt8(ascii: "+") || c == UInt8(ascii: "'") || c == UInt8(ascii: "-")
        }
        func isDomain(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "-") }
        /// The end of a run of domain characters from `i` (`i` when there is none).
        func label(from i: Int) -> Int {
            var j = i
            while j < t.count, isDomain(t[j]) { j += 1 }
            return j
        }
        var k = 0
        while k < t.count {
            defer { k += 1 }
            guard t[k] == UInt8(ascii: "@") else { continue }
            var start = k
            while start > 0, isLocal(t[start - 1]) { start -= 1 }
            guard start < k else { continue }
            var end = label(from: k + 1)
            guard end > k + 1 else { continue }
            var labels = 0
            while end < t.count, t[end] == UInt8(ascii: "."), label(from: end + 1) > end + 1 {
                end = label(from: end + 1)
                labels += 1
            }
            if labels > 0 { return start..<end }
        }
        return nil
    }
}
