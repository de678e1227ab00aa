/// A cue phrase from a `rules/bant/` list, compiled for matching against a message's words.
///
/// Syntax of an entry: words separated by spaces, folded like the text (case and accents do not matter;
/// punctuation separates words, so "it's" is the two words `it s`). A word ending in `*` matches any word
/// starting with it (`vertrieb*` matches "Vertriebler", "Vertriebsteam"). A lone `*` skips up to three
/// words ("my * decides" matches "my sales director decides"). A leading `^` anchors the phrase at the
/// start of the sentence (`^ do` is Polish "up to" only where English "do" cannot be meant).
struct CuePhrase: Sendable {
    enum Element: Sendable, Equatable {
        case word(String)
        case prefix(String)
        case gap
        /// `^`: the start of the sentence.
        case start
    }

    let elements: [Element]
    /// The entry as written in the rule file.
    let source: String

    /// Compiles `entry`; `nil` when it has no words.
    init?(_ entry: String) {
        var elements: [Element] = []
        for piece in entry.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if piece == "^" && elements.isEmpty {
                elements.append(.start)
                continue
            }
            if piece == "*" {
                if let last = elements.last, last != .gap { elements.append(.gap) }
                continue
            }
            let isPrefix = piece.hasSuffix("*") && piece.count > 1
            let body = isPrefix ? String(piece.dropLast()) : String(piece)
            let words = Tokenizer.tokenize(TextFold.fold(body)).filter { $0.kind == .word || $0.kind == .number || $0.kind == .symbol }
            for (i, w) in words.enumerated() {
                if isPrefix && i == words.count - 1 {
                    elements.append(.prefix(w.text))
                } else {
                    elements.append(.word(w.text))
                }
            }
        }
        while elements.last == .gap { elements.removeLast() }
        guard let first = elements.first(where: { $0 != .start }), first != .gap else { return nil }
        self.elements = elements
        self.source = entry
    }

    /// The number of words this phrase needs at least.
    var minimumLength: Int { elements.filter { $0 != .gap && $0 != .start }.count }
}

/// A list of cue phrases with an index by first word, matched against the words of a message.
struct CueList: Sendable {
    private var byFirstWord: [String: [Int]] = [:]
    private var prefixFirst: [Int] = []
    private(set) var phrases: [CuePhrase] = []
    /// A value per phrase (e.g. a multiplier or a month number); 0 when the list has none.
    private(set) var values: [Double] = []

    init() {}

    /// Adds `entry` with `value`; returns `false` when the entry has no words.
    @discardableResult
    mutating func add(_ entry: String, value: Double = 0) -> Bool {
        guard let phrase = CuePhrase(entry) else { return false }
        let index = phrases.count
        phrases.append(phrase)
        values.append(value)
        switch phrase.elements.first(where: { $0 != .start }) {
        case .word(let w)?: byFirstWord[w, default: []].append(index)
        default: prefixFirst.append(index)
        }
        return true
    }

    var isEmpty: Bool { phrases.isEmpty }

    /// A match: word range `[start, end)` in the message's word list, the phrase index and its value.
    struct Match: Sendable, Equatable {
        var start: Int
        var end: Int
        var phrase: Int
        var value: Double
    }

    /// Every match of every phrase in `words`, ordered by start, longest first.
    func matches(in words: [String]) -> [Match] {
        var found: [Match] = []
        for start in words.indices {
            if let candidates = byFirstWord[words[start]] {
                for p in candidates {
                    if let end = Self.match(phrases[p].elements, 0, words, start) {
                        found.append(Match(start: start, end: end, phrase: p, value: values[p]))
                    }
                }
            }
            for p in prefixFirst {
                if let end = Self.match(phrases[p].elements, 0, words, start) {
                    found.append(Match(start: start, end: end, phrase: p, value: values[p]))
                }
            }
        }
        if found.count > 1 {
            found.sort { ($0.start, -$0.end, $0.phrase) < ($1.start, -$1.end, $1.phrase) }
        }
        return found
    }

    /// Whether any phrase occurs in `words`.
    func occurs(in words: [String]) -> Bool {
        for start in words.indices {
            if let candidates = byFirstWord[words[start]] {
                for p in candidates where Self.match(phrases[p].elements, 0, words, start) != nil { return true }
            }
            for p in prefixFirst where Self.match(phrases[p].elements, 0, words, start) != nil { return true }
        }
        return false
    }

    /// The first match that starts at `start`, if any (longest phrase wins).
    func match(at start: Int, in words: [String]) -> Match? {
        matches(in: words).first { $0.start == start }
    }

    /// The value of a single-word entry equal to `word` (exact word phrases only).
    func value(ofWord word: String) -> Double? {
        guard let candidates = byFirstWord[word] else { return nil }
        for p in candidates where phrases[p].elements.count == 1 {
            return values[p]
        }
        return nil
    }

    private static func match(_ elements: [CuePhrase.Element], _ e: Int, _ words: [String], _ w: Int) -> Int? {
        if e == elements.count { return w }
        switch elements[e] {
        case .word(let x):
            guard w < words.count, words[w] == x else { return nil }
            return match(elements, e + 1, words, w + 1)
        case .prefix(let x):
            guard w < words.count, words[w].hasPrefix(x) else { return nil }
            return match(elements, e + 1, words, w + 1)
        case .start:
            guard w == 0 else { return nil }
            return match(elements, e + 1, words, w)
        case .gap:
            for skip in 0...3 where w + skip <= words.count {
                if let end = match(elements, e + 1, words, w + skip) { return end }
            }
            return nil
        }
    }
}
