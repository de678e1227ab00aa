#if canImport(Glibc)
import Glibc
#endif

/// Decodes page bytes into clean UTF-8 for libxml2: valid UTF-8 only (invalid sequences become
/// U+FFFD), and C0 control bytes other than tab, LF and CR (NUL in particular, at which libxml2
/// may stop) become spaces. libxml2 is then told "UTF-8" and never re-decodes.
enum UTF8Transcoder {
    /// U+FFFD REPLACEMENT CHARACTER in UTF-8.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Whether an ASCII byte must be replaced by a space before parsing.
    @inline(__always)
    static func isDisallowedControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    // MARK: - UTF-8

    /// The length of the valid UTF-8 sequence at `index`, or the negated length of its maximal
    /// invalid subpart (at least 1) when it is not valid (Unicode "U+FFFD substitution of maximal
    /// subparts").
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let needed: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: needed = 2; high = 0x9F
        case 0xF0: needed = 3; low = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4: needed = 3; high = 0x8F
        default: return -1
        }
        for offset in 1...needed {
            guard index + offset < bytes.count else { return -offset }
            let byte = bytes[index + offset]
            let (lower, upper) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lower, byte <= upper else { return -offset }
        }
        return needed + 1
    }

    /// Whether the bytes are valid UTF-8 (control bytes allowed).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length < 0 { return false }
            index += length
        }
        return true
    }

    /// Whether UTF-8 input needs no change at all (valid, no disallowed control byte), so it can be
    /// handed to libxml2 without a copy.
    static func isCleanUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        while index < count {
            // Eight bytes at a time while they are all ASCII at or above 0x20 (most of a page).
            while index &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // High bit set in a byte: non-ASCII; `word - 0x20…` borrows into a byte's high bit
                // (with `~word`) exactly when some byte is below 0x20.
                let nonASCII = word & 0x8080_8080_8080_8080
                let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                if nonASCII | control != 0 { break }
                index &+= 8
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte < 0x80 {
                if isDisallowedControl(byte) { return false }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length < 0 { return false }
            index += length
        }
        return true
    }

    /// Repairs UTF-8: invalid sequences become U+FFFD, disallowed controls become spaces.
    static func repairUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var index = 0
        var runStart = 0
        let count = bytes.count
        func flush(upTo end: Int) {
            if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if isDisallowedControl(byte) {
                    flush(upTo: index)
                    output.append(0x20)
                    runStart = index + 1
                }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length > 0 {
                index += length
            } else {
                flush(upTo: index)
                output.append(contentsOf: replacement)
                index += -length
                runStart = index
            }
        }
        flush(upTo: count)
        return output
    }

    // MARK: - Single-byte encodings

    /// windows-1252 code points for bytes 0x80–0x9F (WHATWG index; unassigned bytes map to the
    /// C1 control of the same value).
    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Decodes windows-1252 (also used for iso-8859-1, latin1, us-ascii).
    static func decodeWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        decodeSingleByte(bytes) { byte in
            byte >= 0x80 && byte <= 0x9F ? UInt32(windows1252High[Int(byte - 0x80)]) : UInt32(byte)
        }
    }

    /// Decodes ISO-8859-15 (Latin-1 with €, Š, š, Ž, ž, Œ, œ, Ÿ).
    static func decodeISO8859_15(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        decodeSingleByte(bytes) { byte in
            switch byte {
            case 0xA4: 0x20AC
            case 0xA6: 0x0160
            case 0xA8: 0x0161
            case 0xB4: 0x017D
            case 0xB8: 0x017E
            case 0xBC: 0x0152
            case 0xBD: 0x0153
            case 0xBE: 0x0178
            default: UInt32(byte)
            }
        }
    }

    private static func decodeSingleByte(_ bytes: UnsafeBufferPointer<UInt8>, _ map: (UInt8) -> UInt32) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(isDisallowedControl(byte) ? 0x20 : byte)
            } else {
                appendScalar(map(byte), to: &output)
            }
        }
        return output
    }

    // MARK: - UTF-16

    /// Decodes UTF-16 (little- or big-endian); unpaired surrogates and a trailing odd byte become
    /// U+FFFD.
    static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        @inline(__always) func unit(at position: Int) -> UInt32 {
            bigEndian
                ? UInt32(bytes[position]) << 8 | UInt32(bytes[position + 1])
                : UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position])
        }
        while index + 1 < count {
            let first = unit(at: index)
            index += 2
            if first >= 0xD800 && first <= 0xDBFF {
                if index + 1 < count {
                    let second = unit(at: index)
                    if second >= 0xDC00 && second <= 0xDFFF {
                        index += 2
                        appendScalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &output)
                        continue
                    }
                }
                output.append(contentsOf: replacement)
            } else if first >= 0xDC00 && first <= 0xDFFF {
                output.append(contentsOf: replacement)
            } else {
                appendScalar(first, to: &output)
            }
        }
        if index < count { output.append(contentsOf: replacement) }
        return output
    }

    // MARK: - Other encodings (iconv)

    /// Decodes any other encoding with iconv; undecodable bytes become U+FFFD. Returns `nil` when
    /// iconv does not know the encoding.
    static func decodeWithIconv(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String) -> [UInt8]? {
        #if canImport(Glibc)
        let converter = iconv_open("UTF-8", EncodingLabels.iconvName(forCanonical: encoding))
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
            .assumingMemoryBound(to: CChar.self)
        var inputLeft = bytes.count
        while inputLeft > 0 {
            var failure: Int32 = 0
            let produced = chunk.withUnsafeMutableBytes { buffer -> Int in
                var out: UnsafeMutablePointer<CChar>? = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = buffer.count
                if iconv(converter, &input, &inputLeft, &out, &outLeft) == -1 { failure = errno }
                return buffer.count - outLeft
            }
            output.append(contentsOf: chunk[0..<produced])
            switch failure {
            case 0, E2BIG:
                continue
            case EINVAL:
                // Truncated multi-byte sequence at the end.
                output.append(contentsOf: replacement)
                inputLeft = 0
            default:
                // EILSEQ: an undecodable byte; replace it and go on.
                output.append(contentsOf: replacement)
                input = input.map { $0 + 1 }
                inputLeft -= 1
            }
        }
        return repairUTF8IfNeeded(output)
        #else
        return nil
        #endif
    }

    private static func repairUTF8IfNeeded(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { isCleanUTF8($0) ? bytes : repairUTF8($0) }
    }

    // MARK: - Helpers

    /// Appends a Unicode scalar as UTF-8 (disallowed controls become spaces; invalid values U+FFFD).
    @inline(__always)
    static func appendScalar(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            let byte = UInt8(scalar)
            output.append(isDisallowedControl(byte) ? 0x20 : byte)
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0xD800...0xDFFF:
            output.append(contentsOf: replacement)
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x10000...0x10FFFF:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(contentsOf: replacement)
        }
    }
}
