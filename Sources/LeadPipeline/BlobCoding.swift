import LeadCore

/// Appends values to a byte buffer in a compact form that ``BlobReader`` reads back: unsigned
/// integers as LEB128 varints, signed ones zig-zagged, strings as a length and their UTF-8,
/// doubles as their bit pattern, an optional as a presence byte before its value.
struct BlobWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) {
        let v = Int64(v)
        uint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    mutating func double(_ v: Double) {
        var bits = v.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// A presence byte, then the value when there is one.
    mutating func optional<T>(_ value: T?, _ write: (inout BlobWriter, T) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        write(&self, value)
    }

    /// A count, then each element.
    mutating func array<T>(_ values: [T], _ write: (inout BlobWriter, T) -> Void) {
        uint(UInt64(values.count))
        for v in values { write(&self, v) }
    }
}

/// Reads what a ``BlobWriter`` wrote, in the same order; short or malformed input throws, never traps.
struct BlobReader {
    /// What was wrong with the bytes.
    struct Malformed: Error, Sendable, CustomStringConvertible {
        var offset: Int
        var what: String
        var description: String { "\(what) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    var atEnd: Bool { offset == bytes.count }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw Malformed(offset: offset, what: "unexpected end") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint() throws(Malformed) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64, shift < 63 || b <= 1 else { throw Malformed(offset: offset - 1, what: "varint too long") }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    mutating func int() throws(Malformed) -> Int {
        let u = try uint()
        let v = Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
        guard let i = Int(exactly: v) else { throw Malformed(offset: offset, what: "integer out of range") }
        return i
    }

    mutating func count() throws(Malformed) -> Int {
        let start = offset
        let n = try uint()
        // Every element takes at least one byte: a larger count is corrupt, not a reason to allocate.
        guard n <= UInt64(bytes.count - offset) else { throw Malformed(offset: start, what: "count \(n) past the end") }
        return Int(n)
    }

    mutating func double() throws(Malformed) -> Double {
        guard bytes.count - offset >= 8 else { throw Malformed(offset: offset, what: "unexpected end") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func string() throws(Malformed) -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
    }

    mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let b: throw Malformed(offset: offset - 1, what: "bool byte \(b)")
        }
    }

    mutating func optional<T>(_ read: (inout BlobReader) throws(Malformed) -> T) throws(Malformed) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout BlobReader) throws(Malformed) -> T) throws(Malformed) -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    /// A raw-value enum written as its raw string.
    mutating func rawValue<T: RawRepresentable>(_: T.Type) throws(Malformed) -> T where T.RawValue == String {
        let start = offset
        let raw = try string()
        guard let v = T(rawValue: raw) else { throw Malformed(offset: start, what: "unknown \(T.self) \"\(raw)\"") }
        return v
    }
}
