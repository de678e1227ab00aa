/// Finds e-mail addresses in text by a byte scan that returns exactly the matches, in order, of
/// ContactExtractor's former regex `[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`
/// (ICU, leftmost match, greedy, matches not overlapping).
///
/// Why the scan is the same: every class is ASCII, so non-ASCII text never matches (UTF-8 bytes or
/// UTF-16 units alike). The local part's class has no `@`, so a match starts where the run of
/// local characters before an `@` starts (or where the previous match ended, if later) and giving
/// back local characters never helps. After the `@`, the labels are runs of `[A-Za-z0-9-]` joined
/// by single dots; a shorter label is always followed by a label character, never a dot, so the
/// only backtracking that can succeed is dropping whole `.label` repetitions from the end: the
/// match ends after the letters that start the last label (of those after the first) that starts
/// with at least two letters.
enum EmailScanner {
    /// The matched substrings, in text order.
    static func matches(in text: String) -> [String] {
        var copy = text
        return copy.withUTF8 { matches(in: $0) }
    }

    static func matches(in b: UnsafeBufferPointer<UInt8>) -> [String] {
        @inline(__always) func isLetter(_ x: UInt8) -> Bool { (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A }
        @inline(__always) func isLabel(_ x: UInt8) -> Bool { isLetter(x) || (x >= 0x30 && x <= 0x39) || x == 0x2D }
        @inline(__always) func isLocal(_ x: UInt8) -> Bool { isLabel(x) || x == 0x2E || x == 0x5F || x == 0x25 || x == 0x2B }
        var out: [String] = []
        var floor = 0  // where the previous match ended
        var at = 0
        let n = b.count
        while at < n {
            guard b[at] == 0x40 else { at += 1; continue }
            var start = at
            while start > floor, isLocal(b[start - 1]) { start -= 1 }
            guard start < at else { at += 1; continue }
            // The first label, then each ".label"; remember where every later label starts.
            var i = at + 1
            while i < n, isLabel(b[i]) { i += 1 }
            guard i > at + 1 else { at += 1; continue }
            var labelStarts: [Int] = []
            while i + 1 < n, b[i] == 0x2E, isLabel(b[i + 1]) {
                labelStarts.append(i + 1)
                i += 1
                while i < n, isLabel(b[i]) { i += 1 }
            }
            var end: Int?
            for s in labelStarts.reversed() {
                var e = s
                while e < n, isLetter(b[e]) { e += 1 }
                if e - s >= 2 { end = e; break }
            }
            guard let end else { at += 1; continue }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self))
            floor = end
            at = end
        }
        return out
    }
}
