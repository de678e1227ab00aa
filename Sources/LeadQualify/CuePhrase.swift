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
///
/// Phrases are compiled against the shared ``CueVocabulary``: words and prefixes become ids, all
/// phrases' elements sit in one flat array, and the first-word index is a table by word id (a chain of
/// phrase indices per id), so matching compares integers and allocates only its result.
struct CueList: Sendable {
    /// A compiled phrase element.
    enum Element: Sendable, Equatable {
        case word(Int32)
        case prefix(Int32)
        case gap
        case start
    }

    /// Per word id: the last phrase whose first word it is, or -1 (then `nextSameFirst` chains back).
    private var heads: [Int32] = []
    private var nextSameFirst: [Int32] = []
    /// Per prefix id: the last phrase whose first element is that prefix, or -1 (chained like `heads`).
    private var prefixHeads: [Int32] = []
    /// The elements of every phrase, phrase `p` at `elementStart[p]..<elementStart[p + 1]`.
    private var elements: [Element] = []
    private var elementStart: [Int32] = [0]
    private(set) var phrases: [CuePhrase] = []
    /// A value per phrase (e.g. a multiplier or a month number); 0 when the list has none.
    private(set) var values: [Double] = []

    init() {}

    /// Adds `entry` with `value`, numbering its words in `vocabulary` (the one every sentence matched
    /// against this list is looked up in); returns `false` when the entry has no words.
    @discardableResult
    mutating func add(_ entry: String, value: Double = 0, vocabulary: CueVocabulary) -> Bool {
        guard let phrase = CuePhrase(entry) else { return false }
        let index = Int32(phrases.count)
        phrases.append(phrase)
        values.append(value)
        for e in phrase.elements {
            switch e {
            case .word(let w): elements.append(.word(vocabulary.intern(w)))
            case .prefix(let p): elements.append(.prefix(vocabulary.internPrefix(p)))
            case .gap: elements.append(.gap)
            case .start: elements.append(.start)
            }
        }
        elementStart.append(Int32(elements.count))
        let first = elements[Int(elementStart[Int(index)])...].first { $0 != .start }
        if case .word(let id)? = first {
            if Int(id) >= heads.count { heads += repeatElement(-1, count: Int(id) + 1 - heads.count) }
            nextSameFirst.append(heads[Int(id)])
            heads[Int(id)] = index
        } else if case .prefix(let id)? = first {
            if Int(id) >= prefixHeads.count { prefixHeads += repeatElement(-1, count: Int(id) + 1 - prefixHeads.count) }
            nextSameFirst.append(prefixHeads[Int(id)])
            prefixHeads[Int(id)] = index
        } else {
            preconditionFailure("a cue phrase starts with a word or a prefix")
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

    /// The first phrase (of the chain) whose first word is word `w`'s, or -1.
    @inline(__always) private func head(_ words: CueWords, _ w: Int) -> Int32 {
        let id = Int(words.id(w))
        return id >= 0 && id < heads.count ? heads[id] : -1
    }

    /// The first phrase (of the chain) whose first element is prefix `id`, or -1.
    @inline(__always) private func prefixHead(_ id: Int32) -> Int32 {
        Int(id) < prefixHeads.count ? prefixHeads[Int(id)] : -1
    }

    /// Every match of every phrase in `words`, ordered by start, longest first.
    func matches(in words: CueWords) -> [Match] {
        var found: [Match] = []
        guard !phrases.isEmpty else { return found }
        for start in 0..<words.count {
            var p = head(words, start)
            while p >= 0 {
                if let end = match(p, words, start) {
                    found.append(Match(start: start, end: end, phrase: Int(p), value: values[Int(p)]))
                }
                p = nextSameFirst[Int(p)]
            }
            // Only phrases whose first prefix word `start` has: each prefix id occurs once per word.
            for h in words.prefixHits(start) {
                var p = prefixHead(h)
                while p >= 0 {
                    if let end = match(p, words, start) {
                        found.append(Match(start: start, end: end, phrase: Int(p), value: values[Int(p)]))
                    }
                    p = nextSameFirst[Int(p)]
                }
            }
        }
        if found.count > 1 {
            found.sort { ($0.start, -$0.end, $0.phrase) < ($1.start, -$1.end, $1.phrase) }
        }
        return found
    }

    /// Whether any phrase occurs in `words`.
    func occurs(in words: CueWords) -> Bool {
        guard !phrases.isEmpty else { return false }
        for start in 0..<words.count {
            var p = head(words, start)
            while p >= 0 {
                if match(p, words, start) != nil { return true }
                p = nextSameFirst[Int(p)]
            }
            for h in words.prefixHits(start) {
                var p = prefixHead(h)
                while p >= 0 {
                    if match(p, words, start) != nil { return true }
                    p = nextSameFirst[Int(p)]
                }
            }
        }
        return false
    }

    /// The first match that starts at `start`, if any (longest phrase wins).
    func match(at start: Int, in words: CueWords) -> Match? {
        matches(in: words).first { $0.start == start }
    }

    /// The end of phrase `p` matched at word `w`, if it matches there.
    @inline(__always) private func match(_ p: Int32, _ words: CueWords, _ w: Int) -> Int? {
        match(Int(elementStart[Int(p)]), Int(elementStart[Int(p) + 1]), words, w)
    }

    private func match(_ e: Int, _ end: Int, _ words: CueWords, _ w: Int) -> Int? {
        var e = e
        var w = w
        while e < end {
            switch elements[e] {
            case .word(let x):
                guard w < words.count, words.id(w) == x else { return nil }
                w += 1
            case .prefix(let x):
                guard w < words.count, words.hasPrefix(w, x) else { return nil }
                w += 1
            case .start:
                guard w == 0 else { return nil }
            case .gap:
                for skip in 0...3 where w + skip <= words.count {
                    if let found = match(e + 1, end, words, w + skip) { return found }
                }
                return nil
            }
            e += 1
        }
        return w
    }
}
