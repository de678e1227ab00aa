/// Whether a text holds a UK, Dutch or Irish postcode: a byte scan that answers exactly as
/// ContactExtractor's former `firstMatch` over these patterns, tried in this order (GB, NL, IE):
///
/// - GB `(?<![A-Za-z0-9])[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}(?![A-Za-z0-9])`
/// - NL `(?<![A-Za-z0-9])[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z0-9])`
/// - IE `(?<![A-Za-z0-9])(?:D0[1-9]|D1[0-8]|D2[024]|D6W|[ACEFHKNPRTVWXY][0-9]{2}) [A-Z0-9]{4}(?![A-Za-z0-9])`
///
/// Every class is ASCII, so a non-ASCII neighbour counts as "not a letter or digit" for bytes as it
/// did for UTF-16 units. A pattern matches somewhere when, at some start, one of its finitely many
/// shapes (the optional parts present or not) matches; the scan tries every start and every shape.
enum PostcodeScanner {
    /// The country of the first pattern that matches anywhere in `text`, or `nil`.
    static func country(in text: String) -> String? {
        var copy = text
        return copy.withUTF8 { b in
            if matchesAnywhere(b, gb) { return "GB" }
            if matchesAnywhere(b, nl) { return "NL" }
            if matchesAnywhere(b, ie) { return "IE" }
            return nil
        }
    }

    @inline(__always) private static func isUpper(_ x: UInt8) -> Bool { x >= 0x41 && x <= 0x5A }
    @inline(__always) private static func isDigit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
    @inline(__always) private static func isAlnum(_ x: UInt8) -> Bool { isUpper(x) || isDigit(x) || (x >= 0x61 && x <= 0x7A) }

    /// Whether some start `p` (not after an ASCII letter or digit) has a match of `shape`, which
    /// returns the ends of its matches at `p` (before the final look-ahead).
    private static func matchesAnywhere(_ b: UnsafeBufferPointer<UInt8>, _ ends: (UnsafeBufferPointer<UInt8>, Int, inout [Int]) -> Void) -> Bool {
        var found: [Int] = []
        for p in 0..<b.count {
            if p > 0, isAlnum(b[p - 1]) { continue }
            found.removeAll(keepingCapacity: true)
            ends(b, p, &found)
            for e in found where e == b.count || !isAlnum(b[e]) { return true }
        }
        return false
    }

    /// `[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}` at `p`: the ends of every way it matches.
    private static func gb(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ out: inout [Int]) {
        let n = b.count
        for letters in 1...2 {
            var i = p
            var ok = true
            for _ in 0..<letters { if i < n, isUpper(b[i]) { i += 1 } else { ok = false; break } }
            guard ok, i < n, isDigit(b[i]) else { continue }
            i += 1
            for optional in 0...1 {
                var j = i
                if optional == 1 { guard j < n, isUpper(b[j]) || isDigit(b[j]) else { continue }; j += 1 }
                guard j + 3 < n, b[j] == 0x20, isDigit(b[j + 1]), isUpper(b[j + 2]), isUpper(b[j + 3]) else { continue }
                out.append(j + 4)
            }
        }
    }

    /// `[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}` at `p`.
    private static func nl(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ out: inout [Int]) {
        let n = b.count
        guard p + 3 < n, b[p] >= 0x31 && b[p] <= 0x39, isDigit(b[p + 1]), isDigit(b[p + 2]), isDigit(b[p + 3]) else { return }
        for space in 0...1 {
            var i = p + 4
            if space == 1 { guard i < n, b[i] == 0x20 else { continue }; i += 1 }
            if i + 1 < n, b[i] == 0x53, b[i + 1] == 0x41 || b[i + 1] == 0x44 || b[i + 1] == 0x53 { continue }  // SA, SD, SS
            guard i + 1 < n, isUpper(b[i]), isUpper(b[i + 1]) else { continue }
            out.append(i + 2)
        }
    }

    /// `(?:D0[1-9]|D1[0-8]|D2[024]|D6W|[ACEFHKNPRTVWXY][0-9]{2}) [A-Z0-9]{4}` at `p`.
    private static func ie(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ out: inout [Int]) {
        let n = b.count
        guard p + 2 < n else { return }
        let c0 = b[p], c1 = b[p + 1], c2 = b[p + 2]
        var routing = false
        if c0 == 0x44 {  // D
            switch c1 {
            case 0x30: routing = c2 >= 0x31 && c2 <= 0x39
            case 0x31: routing = c2 >= 0x30 && c2 <= 0x38
            case 0x32: routing = c2 == 0x30 || c2 == 0x32 || c2 == 0x34
            case 0x36: routing = c2 == 0x57
            default: routing = false
            }
        } else if "ACEFHKNPRTVWXY".utf8.contains(c0) {
            routing = isDigit(c1) && isDigit(c2)
        }
        guard routing else { return }
        let i = p + 3
        guard i + 4 < n, b[i] == 0x20 else { return }
        for k in 1...4 where !(isUpper(b[i + k]) || isDigit(b[i + k])) { return }
        out.append(i + 5)
    }
}
