/// One sentence of a visitor's message, folded and tokenized once for every BANT reader.
struct Sentence: Sendable {
    /// The sentence as written (HTML removed, whitespace collapsed): the evidence shown to users.
    let text: String
    /// All tokens of the folded sentence (addresses and URLs removed).
    let tokens: [Token]
    /// Tokens that are not punctuation, as folded text: what cue phrases match against.
    let words: [String]
    /// For each entry of `words`, its index in `tokens`.
    let wordToken: [Int]
    /// The sentence is a question.
    let isQuestion: Bool

    init(_ text: String) {
        self.text = text
        let folded = TextFold.fold(TextFold.removeAddresses(text))
        tokens = Tokenizer.tokenize(folded)
        var words: [String] = []
        var wordToken: [Int] = []
        for (i, t) in tokens.enumerated() where t.kind != .punct {
            words.append(t.text)
            wordToken.append(i)
        }
        self.words = words
        self.wordToken = wordToken
        isQuestion = tokens.last?.text == "?" || tokens.contains { $0.text == "?" }
    }

    /// The token of word `w`.
    func token(_ w: Int) -> Token { tokens[wordToken[w]] }

    /// The punctuation tokens between word `a` and word `b` (exclusive).
    func punctuation(between a: Int, and b: Int) -> [String] {
        guard a < b, b < wordToken.count else { return [] }
        return tokens[(wordToken[a] + 1)..<wordToken[b]].map(\.text)
    }

    /// Splits a message into sentences: after `.`, `!` or `?` followed by a space and an upper-case letter,
    /// and at line breaks. "ca. 10.000 €" and "z.B. so" stay one sentence.
    static func split(_ message: String) -> [Sentence] {
        let plain = TextFold.stripHTML(message)
        var out: [String] = []
        var current = ""
        let chars = Array(plain)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\n" || c == "\r" || c == "\u{2028}" {
                out.append(current)
                current = ""
                i += 1
                continue
            }
            current.append(c)
            if c == "." || c == "!" || c == "?" || c == "…" {
                var j = i + 1
                while j < chars.count, chars[j] == "." || chars[j] == "!" || chars[j] == "?" { current.append(chars[j]); j += 1 }
                var k = j
                while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
                // "Tsd. Euro", "ca. Mitte", "Nr. 5": a short word before a full stop is an abbreviation
                var wordLength = 0
                var b = i - 1
                while b >= 0, chars[b].isLetter || chars[b].isNumber { wordLength += 1; b -= 1 }
                let abbreviation = c == "." && wordLength <= 3
                if !abbreviation, k > j, k < chars.count, chars[k].isUppercase || chars[k] == "¿" || chars[k] == "¡" {
                    out.append(current)
                    current = ""
                    i = k
                    continue
                }
                i = j
                continue
            }
            i += 1
        }
        out.append(current)
        return out.compactMap { s in
            let collapsed = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
            return collapsed.isEmpty ? nil : Sentence(collapsed)
        }
    }
}
