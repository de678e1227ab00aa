/// Finds many literal byte patterns in one pass over a text (Aho–Corasick, compiled to a table
/// driven automaton). ASCII letters can be matched case-insensitively, so texts need no
/// lower-casing copy. Patterns are UTF-8 substrings; an empty pattern never matches.
///
/// Built once from rule data; ``scan(_:_:)`` touches each text byte once and allocates nothing.
struct MultiMatcher: Sendable {
    /// Byte → input class (0 = a byte no pattern contains).
    private let classOf: [UInt8]
    private let classCount: Int
    /// `state * classCount + class` → next state.
    private let next: [Int32]
    /// Per state: the range in ``outputList`` of the patterns that end there (own and via suffixes).
    private let outputStart: [Int32]
    private let outputList: [Int32]
    /// The number of patterns.
    let count: Int
    /// Each pattern's length in bytes.
    let lengths: [Int]

    /// Compiles `patterns`; pattern `i` is reported as `i`.
    init(_ patterns: [String], ignoringASCIICase: Bool) {
        count = patterns.count
        lengths = patterns.map(\.utf8.count)
        func fold(_ b: UInt8) -> UInt8 { ignoringASCIICase && b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        let bytes = patterns.map { $0.utf8.map(fold) }
        // Input classes: one per distinct pattern byte (upper-case letters share their lower-case class).
        var classes = [UInt8](repeating: 0, count: 256)
        var n = 1
        for p in bytes {
            for b in p where classes[Int(b)] == 0 {
                precondition(n < 255, "too many distinct pattern bytes")
                classes[Int(b)] = UInt8(n)
                n += 1
            }
        }
        if ignoringASCIICase {
            for b in UInt8(0x41)...UInt8(0x5A) { classes[Int(b)] = classes[Int(b + 0x20)] }
        }
        classOf = classes
        classCount = n

        // Trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: n)]
        var own: [[Int32]] = [[]]
        for (index, p) in bytes.enumerated() where !p.isEmpty {
            var state = 0
            for b in p {
                let c = Int(classes[Int(b)])
                if children[state][c] < 0 {
                    children.append([Int32](repeating: -1, count: n))
                    own.append([])
                    children[state][c] = Int32(children.count - 1)
                }
                state = Int(children[state][c])
            }
            own[state].append(Int32(index))
        }
        // Breadth-first: failure links, full transitions, merged outputs.
        let states = children.count
        var table = [Int32](repeating: 0, count: states * n)
        var fail = [Int32](repeating: 0, count: states)
        var outputs = own
        var queue: [Int] = []
        for c in 0..<n {
            let child = children[0][c]
            if child >= 0 {
                table[c] = child
                queue.append(Int(child))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[Int(fail[state])]
            for c in 0..<n {
                let child = children[state][c]
                if child >= 0 {
                    fail[Int(child)] = table[Int(fail[state]) * n + c]
                    table[state * n + c] = child
                    queue.append(Int(child))
                } else {
                    table[state * n + c] = table[Int(fail[state]) * n + c]
                }
            }
        }
        next = table
        var start: [Int32] = []
        var list: [Int32] = []
        for o in outputs {
            start.append(Int32(list.count))
            list += o
        }
        start.append(Int32(list.count))
        outputStart = start
        outputList = list
    }

    /// Calls `found` with the index of every pattern occurrence in `text` (a pattern can be reported
    /// several times).
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void) {
        guard count > 0 else { return }
        classOf.withUnsafeBufferPointer { classOf in
            next.withUnsafeBufferPointer { next in
                outputStart.withUnsafeBufferPointer { outputStart in
                    var state = 0
                    let n = classCount
                    for b in text {
                        state = Int(next[state &* n &+ Int(classOf[Int(b)])])
                        let a = Int(outputStart[state])
                        let z = Int(outputStart[state &+ 1])
                        if a != z {
                            for i in a..<z { found(Int(outputList[i])) }
                        }
                    }
                }
            }
        }
    }

    /// Calls `found` for every pattern occurrence in `text`.
    func scan(_ text: String, _ found: (Int) -> Void) {
        var copy = text
        copy.withUTF8 { scan($0, found) }
    }

    /// Marks `seen[i]` for every pattern `i` that occurs in `text` (`seen` must have ``count`` slots).
    func mark(_ text: String, in seen: inout [Bool]) {
        scan(text) { seen[$0] = true }
    }

    /// Calls `found` with (pattern, offset of its last byte) for every occurrence in `text`, in
    /// text order, until `found` returns `true`. Returns whether it did.
    func firstOccurrence(in text: UnsafeBufferPointer<UInt8>, where found: (Int, Int) -> Bool) -> Bool {
        guard count > 0 else { return false }
        return classOf.withUnsafeBufferPointer { classOf in
            next.withUnsafeBufferPointer { next in
                outputStart.withUnsafeBufferPointer { outputStart in
                    var state = 0
                    let n = classCount
                    for (offset, b) in text.enumerated() {
                        state = Int(next[state &* n &+ Int(classOf[Int(b)])])
                        let a = Int(outputStart[state])
                        let z = Int(outputStart[state &+ 1])
                        if a != z {
                            for i in a..<z where found(Int(outputList[i]), offset) { return true }
                        }
                    }
                    return false
                }
            }
        }
    }

    /// Whether any pattern occurs in `text` (stops at the first occurrence).
    func matchesAny(_ text: String) -> Bool {
        guard count > 0 else { return false }
        var copy = text
        return copy.withUTF8 { text in
            classOf.withUnsafeBufferPointer { classOf in
                next.withUnsafeBufferPointer { next in
                    outputStart.withUnsafeBufferPointer { outputStart in
                        var state = 0
                        let n = classCount
                        for b in text {
                            state = Int(next[state &* n &+ Int(classOf[Int(b)])])
                            if outputStart[state] != outputStart[state &+ 1] { return true }
                        }
                        return false
                    }
                }
            }
        }
    }
}
