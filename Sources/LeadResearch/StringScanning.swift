import Foundation

/// String helpers for hot paths that avoid Foundation's `NSString` bridging on Linux
/// (`contains`, `trimmingCharacters`, `range(of:)` copy the whole string to UTF-16 there).
extension StringProtocol {
    /// Whether `needle` occurs in the string, comparing UTF-8 bytes (no Unicode folding).
    func containsBytes(_ needle: String) -> Bool {
        byteOffset(of: needle) != nil
    }

    /// The UTF-8 offset of the first occurrence of `needle`, comparing bytes.
    func byteOffset(of needle: String) -> Int? {
        if needle.isEmpty { return 0 }
        let fast: Int??? = utf8.withContiguousStorageIfAvailable { text in
            needle.utf8.withContiguousStorageIfAvailable { pattern in ByteSearch.firstOffset(text, pattern) }
        }
        if let fast, let result = fast { return result }
        return Array(utf8).withUnsafeBufferPointer { text in
            Array(needle.utf8).withUnsafeBufferPointer { pattern in ByteSearch.firstOffset(text, pattern) }
        }
    }

    /// The range of the first occurrence of `needle` (byte comparison).
    func byteRange(of needle: String) -> Range<String.Index>? {
        guard let offset = byteOffset(of: needle) else { return nil }
        let s = String(self)
        let a = s.utf8.index(s.utf8.startIndex, offsetBy: offset)
        let b = s.utf8.index(a, offsetBy: needle.utf8.count)
        return a..<b
    }

    /// The string without leading and trailing white space: Unicode space separators and tab, and
    /// with `newlines` also line breaks (CR, LF, VT, FF, NEL, U+2028/U+2029) — the sets of
    /// `CharacterSet.whitespacesAndNewlines` / `.whitespaces`.
    func trimmedSpace(newlines: Bool = true) -> String {
        trimmed { Self.isSpace($0, newlines: newlines) }
    }

    /// The string without leading and trailing scalars for which `edge` is true.
    func trimmed(where edge: (Unicode.Scalar) -> Bool) -> String {
        let whole = String(self)
        let scalars = whole.unicodeScalars
        guard let first = scalars.firstIndex(where: { !edge($0) }),
              let last = scalars.lastIndex(where: { !edge($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return whole }
        return String(whole.unicodeScalars[first...last])
    }

    static func isSpace(_ s: Unicode.Scalar, newlines: Bool) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || v == 0x09 || (newlines && v >= 0x0A && v <= 0x0D) }
        switch s.properties.generalCategory {
        case .spaceSeparator: return true
        case .lineSeparator, .paragraphSeparator: return newlines
        default: return newlines && v == 0x85
        }
    }
}

/// Substring search over bytes.
enum ByteSearch {
    /// The offset of the first occurrence of `pattern` in `text`.
    static func firstOffset(_ text: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = pattern.count
        guard n > 0 else { return 0 }
        guard text.count >= n, let first = pattern.first else { return nil }
        var i = 0
        let last = text.count - n
        while i <= last {
            if text[i] == first {
                var k = 1
                while k < n, text[i + k] == pattern[k] { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }
}

/// Case and diacritic folding (`Ärzte` → `arzte`) as Foundation's
/// `folding(options: [.caseInsensitive, .diacriticInsensitive])` + `lowercased()`, without
/// Foundation for ASCII and Latin letters (a per-scalar table built once); other scripts go
/// through Foundation.
enum TextFold {
    /// Folded forms of U+0080–U+024F.
    private static let latin: [String] = (0x80..<0x250).map { v in
        guard let s = Unicode.Scalar(UInt32(v)) else { return "" }
        return String(Character(s)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// Folded forms of U+0080–U+024F as UTF-8.
    private static let latinBytes: [[UInt8]] = latin.map { Array($0.utf8) }

    /// Appends the folded UTF-8 of `s` to `out` (same result as `Array(fold(s).utf8)`).
    static func appendFolded(_ s: String, to out: inout [UInt8]) {
        // ASCII (most text): one copy, then A–Z lower-cased in place.
        var copy = s
        let appendedASCII: Bool = copy.withUTF8 { bytes in
            for b in bytes where b >= 0x80 { return false }
            let start = out.count
            out.append(contentsOf: bytes)
            out.withUnsafeMutableBufferPointer { all in
                for k in start..<all.count where all[k] >= 0x41 && all[k] <= 0x5A { all[k] += 0x20 }
            }
            return true
        }
        if appendedASCII { return }
        let mark = out.count
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 0x20) : UInt8(v))
            } else if v < 0x250 {
                out.append(contentsOf: latinBytes[Int(v) - 0x80])
            } else if TextFold.passesThrough(scalar) {
                var buffer = String.UnicodeScalarView()
                buffer.append(scalar)
                out.append(contentsOf: String(buffer).utf8)
            } else {
                out.removeSubrange(mark...)
                out.append(contentsOf: fold(s).utf8)
                return
            }
        }
    }

    /// Punctuation, symbols and spaces (`–`, `’`, `€`, `…`): folding leaves them as they are.
    static func passesThrough(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
             .otherPunctuation, .connectorPunctuation, .mathSymbol, .currencySymbol, .spaceSeparator:
            return true
        default:
            return false
        }
    }

    static func fold(_ s: String) -> String {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s.lowercased() }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 0x20)! : scalar)
            } else if v < 0x250 {
                out.append(contentsOf: latin[Int(v) - 0x80].unicodeScalars)
            } else if passesThrough(scalar) {
                out.append(scalar)
            } else {
                return s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
            }
        }
        return String(out)
    }
}
