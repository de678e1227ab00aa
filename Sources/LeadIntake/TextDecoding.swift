/// Byte-to-text decoding for inputs: UTF-8, windows-1252, and the per-file choice between them.
enum TextDecoding {
    /// The UTF-8 byte order mark.
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// What a byte run looks like as UTF-8.
    struct UTF8Evidence {
        /// Well-formed multi-byte sequences.
        var validMultibyte = 0
        /// Bytes that are not part of a well-formed sequence.
        var invalid = 0
        /// A multi-byte sequence cut off by the end of the run (may continue in the next chunk).
        var incompleteAtEnd = false
    }

    /// Scans `bytes` as UTF-8 and counts well-formed multi-byte sequences and invalid bytes.
    static func utf8Evidence<C: Collection>(_ bytes: C) -> UTF8Evidence where C.Element == UInt8, C.Index == Int {
        var e = UTF8Evidence()
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default:
                e.invalid += 1
                i += 1
                continue
            }
            if i + len > end {
                // Check what is there; a valid start cut by the end is "incomplete", not invalid.
                var ok = true
                var j = i + 1
                while j < end {
                    let c = bytes[j]
                    let (l, h) = j == i + 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
                    if c < l || c > h { ok = false; break }
                    j += 1
                }
                if ok { e.incompleteAtEnd = true; return e }
                e.invalid += 1
                i += 1
                continue
            }
            var ok = true
            for k in 1..<len {
                let c = bytes[i + k]
                let (l, h) = k == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
                if c < l || c > h { ok = false; break }
            }
            if ok {
                e.validMultibyte += 1
                i += len
            } else {
                e.invalid += 1
                i += 1
            }
        }
        return e
    }

    /// `true` when every byte is ASCII.
    static func isASCII<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        !bytes.contains { $0 >= 0x80 }
    }

    /// Decodes UTF-8; `repaired` is `true` when invalid sequences were replaced with U+FFFD.
    static func utf8(_ bytes: ArraySlice<UInt8>) -> (text: String, repaired: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var ascii = true
            for b in buffer where b >= 0x80 {
                ascii = false
                break
            }
            let text = String(decoding: buffer, as: UTF8.self)
            if ascii { return (text, false) }
            let evidence = utf8Evidence(buffer)
            return (text, evidence.invalid > 0 || evidence.incompleteAtEnd)
        }
    }

    /// Decodes windows-1252 (as WHATWG does for `iso-8859-1` too); the five unassigned bytes map to C1 controls.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            if b < 0x80 || b >= 0xA0 {
                scalars.append(Unicode.Scalar(b))
            } else {
                let v = cp1252High[Int(b) - 0x80]
                scalars.append(Unicode.Scalar(v) ?? Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    /// Code points for bytes 0x80–0x9F in windows-1252.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Caps `text` at about `limit` UTF-8 bytes on a character boundary, marking the cut with `…`.
    static func capped(_ text: String, limit: Int = 4096) -> String {
        if text.utf8.count <= limit { return text }
        let utf8 = text.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        // Step back to the start of a scalar (never cut a UTF-8 sequence).
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 {
            end = utf8.index(before: end)
        }
        return String(decoding: utf8[..<end], as: UTF8.self) + "…"
    }
}

/// The per-file text encoding of a CSV input.
///
/// Decided on the first bytes that are not ASCII (the first chunk, or the first record that has any):
/// well-formed UTF-8 multi-byte sequences mean UTF-8; otherwise invalid bytes mean windows-1252 (legacy
/// spreadsheet exports). Once UTF-8, a stray invalid sequence is replaced with U+FFFD and the record
/// gets an `encoding_warning`; the rest of the file stays UTF-8.
struct EncodingDecision {
    enum Mode { case undecided, utf8, windows1252 }
    private(set) var mode: Mode = .undecided

    /// Looks at `bytes` and decides when they are conclusive.
    mutating func observe<C: Collection>(_ bytes: C) where C.Element == UInt8, C.Index == Int {
        guard mode == .undecided else { return }
        let e = TextDecoding.utf8Evidence(bytes)
        if e.validMultibyte > 0 && e.validMultibyte >= e.invalid {
            mode = .utf8
        } else if e.invalid > 0 {
            mode = .windows1252
        } else if e.incompleteAtEnd {
            return
        }
    }

    /// Decodes a field or record; `warning` is set when UTF-8 had to be repaired.
    mutating func decode(_ bytes: ArraySlice<UInt8>) -> (text: String, warning: Bool) {
        if mode == .undecided, !TextDecoding.isASCII(bytes) { observe(Array(bytes)) }
        switch mode {
        case .windows1252:
            if TextDecoding.isASCII(bytes) { return (String(decoding: bytes, as: UTF8.self), false) }
            return (TextDecoding.windows1252(bytes), false)
        case .utf8, .undecided:
            let (text, repaired) = TextDecoding.utf8(bytes)
            return (text, repaired)
        }
    }
}
