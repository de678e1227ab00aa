/// The words and word prefixes of every BANT cue list, numbered once when the cue files load.
///
/// A sentence's words are looked up here once each (``CueWords``); the cue lists then compare integer
/// ids instead of hashing and comparing a `String` per word per list. Ids keep `String` equality (the
/// look-up is a `String`-keyed dictionary, so canonically equivalent spellings share an id) and prefix
/// hits keep `String.hasPrefix`: an all-ASCII word walks a byte trie of the ASCII prefixes (for ASCII
/// text bytes and characters coincide, and a folded non-ASCII prefix never equals ASCII text), any other
/// word is checked against every prefix with `hasPrefix`.
///
/// A final class filled only while ``BANTCues`` loads and read-only after, shared by every cue list.
final class CueVocabulary: @unchecked Sendable {
    /// Word → id; ids are `0..<words.count`.
    private var ids: [String: Int32] = [:]
    private(set) var words: [String] = []
    /// Prefix text → prefix id; ids are `0..<prefixes.count`.
    private var prefixIDs: [String: Int32] = [:]
    private(set) var prefixes: [String] = []
    /// Trie over the bytes of the ASCII prefixes: children per node, and the prefix ending at a node (or -1).
    private var children: [[(byte: UInt8, node: Int32)]] = [[]]
    private var terminal: [Int32] = [-1]

    /// The id a word that is in no cue list gets.
    static let unknown: Int32 = -1

    init() {}

    /// The id of `word`, numbering it when new.
    func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        return id
    }

    /// The id of prefix `text`, numbering it (and adding it to the trie) when new.
    func internPrefix(_ text: String) -> Int32 {
        if let id = prefixIDs[text] { return id }
        let id = Int32(prefixes.count)
        prefixIDs[text] = id
        prefixes.append(text)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var node = 0
            for b in text.utf8 {
                if let child = children[node].first(where: { $0.byte == b }) {
                    node = Int(child.node)
                } else {
                    let new = Int32(children.count)
                    children.append([])
                    terminal.append(-1)
                    children[node].append((b, new))
                    node = Int(new)
                }
            }
            terminal[node] = id
        }
        return id
    }

    /// The id of `word`, or ``unknown``.
    func id(of word: String) -> Int32 { ids[word] ?? Self.unknown }

    /// Appends the id of every prefix `word` has (`word.hasPrefix(prefix)`), shortest first.
    func appendPrefixes(of word: String, to out: inout [Int32]) {
        guard !prefixes.isEmpty else { return }
        var ascii = true
        for b in word.utf8 where b >= 0x80 { ascii = false; break }
        guard ascii else {
            for (i, p) in prefixes.enumerated() where word.hasPrefix(p) { out.append(Int32(i)) }
            return
        }
        var node = 0
        for b in word.utf8 {
            guard let child = children[node].first(where: { $0.byte == b }) else { return }
            node = Int(child.node)
            if terminal[node] >= 0 { out.append(terminal[node]) }
        }
    }
}

/// A run of a sentence's words as cue lists see them: word ids and prefix hits (``CueVocabulary``).
///
/// Word `0` of a slice is its first word (where a `^` phrase anchors), so a clause matches like a
/// sentence of its own.
struct CueWords: Sendable {
    /// Per word of the whole sentence: its id, or ``CueVocabulary/unknown``.
    private let ids: [Int32]
    /// Per word of the whole sentence: where its prefix ids start in `hits` (one extra entry at the end).
    private let hitStart: [Int32]
    private let hits: [Int32]
    private let lo: Int
    /// The number of words in the run.
    let count: Int

    /// The words of `texts` (a sentence's word texts) looked up in `vocabulary`.
    init(_ texts: [String], vocabulary: CueVocabulary) {
        var ids: [Int32] = []
        ids.reserveCapacity(texts.count)
        var hitStart: [Int32] = []
        hitStart.reserveCapacity(texts.count + 1)
        var hits: [Int32] = []
        for w in texts {
            ids.append(vocabulary.id(of: w))
            hitStart.append(Int32(hits.count))
            vocabulary.appendPrefixes(of: w, to: &hits)
        }
        hitStart.append(Int32(hits.count))
        self.ids = ids
        self.hitStart = hitStart
        self.hits = hits
        lo = 0
        count = texts.count
    }

    private init(ids: [Int32], hitStart: [Int32], hits: [Int32], lo: Int, count: Int) {
        self.ids = ids
        self.hitStart = hitStart
        self.hits = hits
        self.lo = lo
        self.count = count
    }

    /// Words `r` (indices of this run) as a run of their own.
    func slice(_ r: Range<Int>) -> CueWords {
        precondition(r.lowerBound >= 0 && r.upperBound <= count)
        return CueWords(ids: ids, hitStart: hitStart, hits: hits, lo: lo + r.lowerBound, count: r.count)
    }

    /// The id of word `w`.
    @inline(__always) func id(_ w: Int) -> Int32 { ids[lo + w] }

    /// The ids of the prefixes word `w` has, each once.
    @inline(__always) func prefixHits(_ w: Int) -> ArraySlice<Int32> {
        hits[Int(hitStart[lo + w])..<Int(hitStart[lo + w + 1])]
    }

    /// Whether word `w` starts with prefix `p`.
    @inline(__always) func hasPrefix(_ w: Int, _ p: Int32) -> Bool {
        var i = Int(hitStart[lo + w])
        let end = Int(hitStart[lo + w + 1])
        while i < end {
            if hits[i] == p { return true }
            i += 1
        }
        return false
    }
}
