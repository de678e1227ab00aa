/// A word, number or symbol of visible text, lower-cased, for phrase matching.
struct TextToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case word
        /// A number as written (thousands groups folded, `10k` → 10000).
        case number(Int)
        /// `+`, `~`, `±`, `-`, `–`, `—`, `/`.
        case symbol
        /// End of a sentence or clause (`.`, `!`, `?`, `;`, `:`, `|`).
        case boundary
    }

    var text: String
    var kind: Kind
    /// UTF-16 offset of the token in the source (for evidence snippets).
    var offset: Int

    var number: Int? {
        if case .number(let n) = kind { return n }
        return nil
    }

    var isWord: Bool { kind == .word }
}

/// Splits text into ``TextToken``s in one pass over its scalars.
enum TextTokenizer {
    /// Titles whose dot does not end a sentence.
    static let titles: Set<String> = ["dr", "prof", "mr", "mrs", "ms", "st", "ing", "dipl", "mag", "hr", "fr", "sr", "jr", "mgr", "inż", "dott", "sig", "lic"]

    static func tokens(_ text: String) -> [TextToken] {
        let scalars = Array(text.unicodeScalars)
        var out: [TextToken] = []
        out.reserveCapacity(scalars.count / 4)
        var i = 0
        let n = scalars.count
        @inline(__always) func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        @inline(__always) func isGroupSeparator(_ s: Unicode.Scalar) -> Bool {
            s == "." || s == "," || s == " " || s == "\u{00A0}" || s == "\u{202F}" || s == "'" || s == "’" || s == "\u{2009}"
        }
        @inline(__always) func isLetter(_ s: Unicode.Scalar) -> Bool {
            (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x41 && s.value <= 0x5A)
                || (s.value >= 0xC0 && s.properties.isAlphabetic)
        }
        while i < n {
            let c = scalars[i]
            if isDigit(c) {
                let start = i
                var value = 0
                var overflow = false
                while i < n, isDigit(scalars[i]) {
                    value = value &* 10 &+ Int(scalars[i].value - 0x30)
                    if value > 1_000_000_000 { overflow = true }
                    i += 1
                }
                // Thousands groups: a separator followed by exactly three digits, after a 1–3 digit head.
                if i - start <= 3 {
                    while i + 3 < n, isGroupSeparator(scalars[i]), isDigit(scalars[i + 1]), isDigit(scalars[i + 2]),
                          isDigit(scalars[i + 3]), !(i + 4 < n && isDigit(scalars[i + 4])) {
                        value = value &* 1000 &+ Int(scalars[i + 1].value - 0x30) * 100
                            &+ Int(scalars[i + 2].value - 0x30) * 10 &+ Int(scalars[i + 3].value - 0x30)
                        i += 4
                        if value > 1_000_000_000 { overflow = true }
                    }
                }
                // "2.1k", "1,5K": one or two decimals before a thousands k.
                if i - start <= 3, i + 2 < n, scalars[i] == "." || scalars[i] == ",", isDigit(scalars[i + 1]) {
                    let two = i + 3 < n && isDigit(scalars[i + 2])
                    let k = i + (two ? 3 : 2)
                    if k < n, scalars[k] == "k" || scalars[k] == "K", !(k + 1 < n && isLetter(scalars[k + 1])) {
                        let fraction = two ? Int(scalars[i + 1].value - 0x30) * 10 + Int(scalars[i + 2].value - 0x30)
                            : Int(scalars[i + 1].value - 0x30) * 10
                        value = value &* 1000 &+ fraction * 10
                        i = k + 1
                        if overflow { value = Int.max / 2 }
                        out.append(TextToken(text: String(String.UnicodeScalarView(scalars[start..<i])), kind: .number(value), offset: start))
                        continue
                    }
                }
                if i < n, scalars[i] == "k" || scalars[i] == "K", !(i + 1 < n && isLetter(scalars[i + 1])) {
                    value = value &* 1000
                    i += 1
                }
                if overflow { value = Int.max / 2 }
                let text = String(String.UnicodeScalarView(scalars[start..<i]))
                out.append(TextToken(text: text, kind: .number(value), offset: start))
                continue
            }
            if isLetter(c) {
                let start = i
                var word = String.UnicodeScalarView()
                while i < n {
                    let s = scalars[i]
                    if isLetter(s) {
                        word.append(s)
                        i += 1
                    } else if (s == "'" || s == "’" || s == "-" || s == "*" || s == ":"), i + 1 < n, isLetter(scalars[i + 1]),
                              !word.isEmpty {
                        word.append(s == "’" ? "'" : s)
                        i += 1
                    } else {
                        break
                    }
                }
                out.append(TextToken(text: String(word).lowercased(), kind: .word, offset: start))
                continue
            }
            switch c {
            case "+", "~", "±", "-", "–", "—", "/", "&", "%", "©":
                out.append(TextToken(text: String(c), kind: .symbol, offset: i))
            case ".":
                // "ca. 20", "est. 1990": an abbreviation dot before a number is not a sentence end, nor
                // is the dot of a title ("Dr. Roth", "Prof. Weber").
                var j = i + 1
                while j < n, scalars[j] == " " || scalars[j] == "\u{00A0}" { j += 1 }
                let abbreviation = i > 0 && isLetter(scalars[i - 1]) && j < n && isDigit(scalars[j])
                let title = out.last.map { $0.kind == .word && $0.offset + $0.text.unicodeScalars.count == i && Self.titles.contains($0.text) } ?? false
                if !abbreviation && !title { out.append(TextToken(text: ".", kind: .boundary, offset: i)) }
            case "!", "?", ";", "|", "•", "·":
                out.append(TextToken(text: String(c), kind: .boundary, offset: i))
            case ":", ",", "(", ")":
                // Soft boundaries: they end a phrase, not a sentence (see ``ClauseBounds``).
                out.append(TextToken(text: String(c), kind: .boundary, offset: i))
            default:
                break
            }
            i += 1
        }
        return out
    }
}
