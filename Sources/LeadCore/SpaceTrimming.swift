/// Trimming on Unicode scalars that removes exactly what Foundation's
/// `trimmingCharacters(in: .whitespacesAndNewlines)` and `trimmingCharacters(in: .whitespaces)`
/// remove, without bridging the text to `NSString` (which copies it to UTF-16 on Linux and showed
/// up at 2 % of a pipeline run).
///
/// Foundation's sets (swift-corelibs-foundation, checked scalar by scalar): `.whitespaces` is
/// U+0009, the space separators (U+0020, U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000)
/// and U+200B; `.whitespacesAndNewlines` adds U+000A–U+000D, U+0085, U+2028 and U+2029. All of them
/// are single UTF-16 units, so trimming scalars gives the same text as Foundation's UTF-16 trim.
public enum SpaceTrimming {
    /// A scalar of Foundation's `CharacterSet.whitespaces`.
    @inlinable
    public static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A scalar of Foundation's `CharacterSet.whitespacesAndNewlines`.
    @inlinable
    public static func isWhitespaceOrNewline(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default: return false
        }
    }
}

extension String {
    /// The text without leading and trailing whitespace and newlines; the same result as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` (see ``SpaceTrimming``).
    public func trimmingWhitespaceAndNewlines() -> String {
        SpaceTrimming.trimmed(self[...], where: SpaceTrimming.isWhitespaceOrNewline)
    }

    /// The text without leading and trailing whitespace (newlines kept); the same result as
    /// `trimmingCharacters(in: .whitespaces)` (see ``SpaceTrimming``).
    public func trimmingWhitespace() -> String {
        SpaceTrimming.trimmed(self[...], where: SpaceTrimming.isWhitespace)
    }

    /// Whether the text is empty or only whitespace and newlines: the same answer as
    /// `trimmingCharacters(in: .whitespacesAndNewlines).isEmpty`.
    public var isBlankText: Bool {
        unicodeScalars.allSatisfy(SpaceTrimming.isWhitespaceOrNewline)
    }

    /// Runs of ASCII white space (U+0009–U+000D and the space) made one space, none left at either
    /// end; every other byte kept. Equal to splitting on white space and joining with one space only
    /// when the text holds no other white space (NBSP, U+2000…): callers check that first.
    public func collapsingASCIIWhitespaceRuns() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for b in utf8 {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Substring {
    /// The text without leading and trailing whitespace and newlines; the same result as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` (see ``SpaceTrimming``).
    public func trimmingWhitespaceAndNewlines() -> String {
        SpaceTrimming.trimmed(self, where: SpaceTrimming.isWhitespaceOrNewline)
    }

    /// The text without leading and trailing whitespace (newlines kept); the same result as
    /// `trimmingCharacters(in: .whitespaces)` (see ``SpaceTrimming``).
    public func trimmingWhitespace() -> String {
        SpaceTrimming.trimmed(self, where: SpaceTrimming.isWhitespace)
    }
}

extension SpaceTrimming {
    static func trimmed(_ text: Substring, where isSpace: (Unicode.Scalar) -> Bool) -> String {
        let utf8 = text.utf8
        // ASCII edges that are not spaces: nothing to trim (the common case).
        if let f = utf8.first, let l = utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return String(text) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
