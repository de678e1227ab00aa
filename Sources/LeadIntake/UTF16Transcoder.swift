/// Streaming UTF-16 → UTF-8, chunk by chunk (Excel's "Unicode text" export is UTF-16LE with a BOM).
///
/// A code unit or surrogate pair cut by a chunk boundary is carried to the next chunk; an unpaired
/// surrogate or a final odd byte becomes U+FFFD.
struct UTF16Transcoder {
    /// The byte order of the input.
    enum ByteOrder: Sendable { case littleEndian, bigEndian }

    let order: ByteOrder
    /// A byte left over from the previous chunk (odd chunk length).
    private var pendingByte: UInt8?
    /// A high surrogate waiting for its low half.
    private var pendingHigh: UInt16?

    init(order: ByteOrder) {
        self.order = order
    }

    /// The byte order a UTF-16 byte order mark at the start of `bytes` names, and the mark's length.
    static func byteOrderMark(_ bytes: [UInt8]) -> ByteOrder? {
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0xFF, bytes[1] == 0xFE {
            // FF FE 00 00 is UTF-32LE, which is not supported: leave it to the binary check.
            if bytes.count >= 4, bytes[2] == 0, bytes[3] == 0 { return nil }
            return .littleEndian
        }
        if bytes[0] == 0xFE, bytes[1] == 0xFF { return .bigEndian }
        return nil
    }

    /// The byte order of UTF-16 text without a byte order mark, told by its NUL bytes: text that is
    /// mostly ASCII has a zero high byte in (nearly) every code unit, on one side only.
    static func sniffByteOrder(_ bytes: [UInt8]) -> ByteOrder? {
        let n = min(bytes.count, 4096) & ~1
        guard n >= 8 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { zeroEven += 1 }
            if bytes[i + 1] == 0 { zeroOdd += 1 }
        }
        let units = n / 2
        if zeroOdd * 10 >= units * 7, zeroEven * 20 <= units { return .littleEndian }
        if zeroEven * 10 >= units * 7, zeroOdd * 20 <= units { return .bigEndian }
        return nil
    }

    /// Transcodes the next chunk (`final`: the input ends after it).
    mutating func transcode(_ chunk: [UInt8], final: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chunk.count + chunk.count / 2)
        var i = 0
        if let b = pendingByte, !chunk.isEmpty {
            pendingByte = nil
            emit(unit(b, chunk[0]), into: &out)
            i = 1
        }
        while i + 1 < chunk.count {
            emit(unit(chunk[i], chunk[i + 1]), into: &out)
            i += 2
        }
        if i < chunk.count { pendingByte = chunk[i] }
        if final {
            if pendingHigh != nil { pendingHigh = nil; appendScalar(0xFFFD, into: &out) }
            if pendingByte != nil { pendingByte = nil; appendScalar(0xFFFD, into: &out) }
        }
        return out
    }

    private func unit(_ a: UInt8, _ b: UInt8) -> UInt16 {
        order == .littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b)
    }

    private mutating func emit(_ u: UInt16, into out: inout [UInt8]) {
        if let high = pendingHigh {
            pendingHigh = nil
            if u >= 0xDC00, u <= 0xDFFF {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(u) - 0xDC00)
                appendScalar(scalar, into: &out)
                return
            }
            appendScalar(0xFFFD, into: &out)
        }
        switch u {
        case 0xD800...0xDBFF: pendingHigh = u
        case 0xDC00...0xDFFF: appendScalar(0xFFFD, into: &out)
        default: appendScalar(UInt32(u), into: &out)
        }
    }

    private func appendScalar(_ v: UInt32, into out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
