/// One token of a folded message.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Letters (and digits after letters: `q3`, `t2`).
        case word
        /// A number with thousands separators and an optional decimal part resolved (`10.000` = 10000, `112,5` = 112.5).
        case number
        /// A calendar date written as digits (`2024-06-30`, `30.06.2024`, `30/06/2024`).
        case date
        /// A currency symbol (`€`, `$`, `£`).
        case symbol
        /// Any other single character (`-`, `/`, `+`, `%`, `?` …).
        case punct
    }

    var kind: Kind
    /// The folded text of the token (for numbers: the digits as written).
    var text: String
    /// The value of a number token.
    var value: Double = 0
    /// `yyyy-mm-dd` of a date token.
    var date: (year: Int, month: Int, day: Int)? = nil
    /// Whitespace precedes this token.
    var spaceBefore: Bool = true
    /// A number token that had a decimal part or thousands separators.
    var hasSeparators: Bool = false

    static func == (a: Token, b: Token) -> Bool {
        a.kind == b.kind && a.text == b.text && a.value == b.value && a.spaceBefore == b.spaceBefore
    }
}

/// Splits folded text into tokens in one pass over its scalars.
///
/// Numbers: `.`, `,` and `'` followed by exactly three digits are thousands separators; followed by one or
/// two digits (once, at the end) they are a decimal mark. A space followed by exactly three digits is a
/// thousands separator too (`50 000 €`). Digits directly followed by letters end the number (`12k` →
/// `12`, `k`); letters directly followed by digits stay one word (`q3`).
enum Tokenizer {
    static func tokenize(_ folded: String) -> [Token] {
        let s = Array(folded.unicodeScalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 4 + 4)
        var i = 0
        var space = true
        @inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        @inline(__always) func isLetter(_ c: Unicode.Scalar) -> Bool {
            if c.value < 0x80 { return (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0x41 && c.value <= 0x5A) }
            return c.properties.isAlphabetic
        }
        func digitRun(from j: Int) -> Int {
            var k = j
            while k < s.count, isDigit(s[k]) { k += 1 }
            return k - j
        }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" || (!c.isASCII && c.properties.isWhitespace) {
                space = true
                i += 1
                continue
            }
            if isDigit(c) {
                if let (tok, next) = date(s, at: i, isDigit: isDigit) {
                    var t = tok
                    t.spaceBefore = space
                    tokens.append(t)
                    i = next
                    space = false
                    continue
                }
                var intDigits = TextFold.string(s[i..<(i + digitRun(from: i))])
                var fraction = ""
                var j = i
                let first = digitRun(from: j)
                j += first
                var separators = false
                var groupLength = first
                while j < s.count {
                    let sep = s[j]
                    guard sep == "." || sep == "," || sep == "'" || sep == " " else { break }
                    let run = digitRun(from: j + 1)
                    if run == 3 && (sep != " " || groupLength <= 3) {
                        intDigits += TextFold.string(s[(j + 1)..<(j + 4)])
                        j += 4
                        separators = true
                        groupLength = 3
                        continue
                    }
                    if sep != " " && sep != "'" && (run == 1 || run == 2) {
                        fraction = TextFold.string(s[(j + 1)..<(j + 1 + run)])
                        j += 1 + run
                        separators = true
                    }
                    break
                }
                var t = Token(kind: .number, text: TextFold.string(s[i..<j]))
                t.value = Double(intDigits + (fraction.isEmpty ? "" : "." + fraction)) ?? 0
                t.spaceBefore = space
                t.hasSeparators = separators
                tokens.append(t)
                i = j
                space = false
                continue
            }
            if isLetter(c) {
                var j = i
                while j < s.count, isLetter(s[j]) || (isDigit(s[j]) && j > i) { j += 1 }
                var t = Token(kind: .word, text: TextFold.string(s[i..<j]))
                t.spaceBefore = space
                tokens.append(t)
                i = j
                space = false
                continue
            }
            if c == "€" || c == "$" || c == "£" || c == "¥" || c == "₣" {
                var t = Token(kind: .symbol, text: String(Character(c)))
                t.spaceBefore = space
                tokens.append(t)
            } else if c.isASCII || !(c.properties.generalCategory == .otherSymbol || c.properties.isEmojiPresentation
                        || c.properties.generalCategory == .nonspacingMark || c.value == 0xFE0F) {
                var t = Token(kind: .punct, text: String(Character(c)))
                t.spaceBefore = space
                tokens.append(t)
            }
            i += 1
            space = false
        }
        return tokens
    }

    /// `yyyy-mm-dd`, `dd.mm.yyyy`, `dd/mm/yyyy` or `dd-mm-yyyy` at `i` (day-first: the European order).
    private static func date(_ s: [Unicode.Scalar], at i: Int, isDigit: (Unicode.Scalar) -> Bool) -> (Token, Int)? {
        var parts: [Int] = []
        var lengths: [Int] = []
        var seps: [Unicode.Scalar] = []
        var j = i
        while parts.count < 3 {
            var k = j
            var v = 0
            while k < s.count, isDigit(s[k]), k - j < 4 {
                v = v * 10 + Int(s[k].value - 0x30)
                k += 1
            }
            guard k > j else { return nil }
            if k < s.count, isDigit(s[k]) { return nil }
            parts.append(v)
            lengths.append(k - j)
            j = k
            if parts.count < 3 {
                guard j < s.count, s[j] == "-" || s[j] == "." || s[j] == "/" else { return nil }
                seps.append(s[j])
                j += 1
            }
        }
        guard seps[0] == seps[1] else { return nil }
        let y: Int, m: Int, d: Int
        if lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2 {
            (y, m, d) = (parts[0], parts[1], parts[2])
        } else if lengths[2] == 4 && lengths[0] <= 2 && lengths[1] <= 2 {
            (y, m, d) = (parts[2], parts[1], parts[0])
        } else {
            return nil
        }
        guard (1900...2200).contains(y), (1...12).contains(m), (1...CivilDate.daysIn(month: m, year: y)).contains(d) else { return nil }
        var t = Token(kind: .date, text: TextFold.string(s[i..<j]))
        t.date = (y, m, d)
        return (t, j)
    }
}
