/// One sentence of a visitor's message, folded and tokenized once for every BANT reader.
struct Sentence: Sendable {
    /// The sentence as written (HTML removed, whitespace collapsed): the evidence shown to users.
    let text: String
    /// All tokens of the folded sentence (addresses and URLs removed).
    let tokens: [Token]
    /// Tokens that are not punctuation, as folded text: what cue phrases match against.
    let words: [String]
    /// `words` as cue lists match them: ids in the cue vocabulary, looked up once per sentence.
    let cueWords: CueWords
    /// For each entry of `words`, its index in `tokens`.
    let wordToken: [Int]
    /// The sentence is a question.
    let isQuestion: Bool

    init(_ text: String, vocabulary: CueVocabulary) {
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
        cueWords = CueWords(words, vocabulary: vocabulary)
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
    /// and at line breaks. "ca. 10.000 €" and "z.B. so" stay one sentence, and so does a short word before
    /// a full stop ("Tsd. Euro": an abbreviation).
    static func split(_ message: String, vocabulary: CueVocabulary) -> [Sentence] {
        let scalars = Array(TextFold.stripHTML(message).unicodeScalars)
        var pieces: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var i = 0
        @inline(__always) func isWordScalar(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") }
            return c.properties.isAlphabetic
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" || c == "\r" || c == "\u{2028}" {
                pieces.append(scalars[start..<i])
                i += 1
                start = i
                continue
            }
            guard c == "." || c == "!" || c == "?" || c == "\u{2026}" else { i += 1; continue }
            var j = i + 1
            while j < scalars.count, scalars[j] == "." || scalars[j] == "!" || scalars[j] == "?" { j += 1 }
            var k = j
            while k < scalars.count, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
            var wordLength = 0
            var b = i - 1
            while b >= 0, isWordScalar(scalars[b]) { wordLength += 1; b -= 1 }
            let abbreviation = c == "." && wordLength <= 3
            if !abbreviation, k > j, k < scalars.count,
               scalars[k].properties.isUppercase || scalars[k] == "\u{00BF}" || scalars[k] == "\u{00A1}" {
                pieces.append(scalars[start..<j])
                start = k
                i = k
                continue
            }
            i = j
        }
        pieces.append(scalars[start..<scalars.count])
        return pieces.compactMap { piece in
            // collapse whitespace (NBSP included) and trim
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(piece.count)
            var pendingSpace = false
            for c in piece {
                if c == " " || c == "\t" || c == "\u{00A0}" {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(c)
            }
            return out.isEmpty ? nil : Sentence(TextFold.string(out[...]), vocabulary: vocabulary)
        }
    }
}
