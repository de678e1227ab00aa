/// A JSON value whose objects keep their key order, for stable, byte-identical output.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Keys in insertion order; duplicate keys are the caller's bug.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// `.string` or `.null`.
    public static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    /// `.int` or `.null`.
    public static func int(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }
    /// `.bool` or `.null`.
    public static func bool(_ b: Bool?) -> JSONValue { b.map(JSONValue.bool) ?? .null }

    /// The compact JSON text (no spaces, `/` not escaped, non-ASCII kept as UTF-8).
    public var serialized: String {
        String(decoding: serializedBytes, as: UTF8.self)
    }

    /// The compact JSON text as UTF-8 bytes (the bytes of ``serialized``).
    public var serializedBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out)
        return out
    }

    /// Appends the compact JSON text to `out`.
    public func write(to out: inout String) {
        out += serialized
    }

    /// Appends the compact JSON text to `out` as UTF-8 bytes.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: Self.append("null", to: &out)
        case .bool(let b): Self.append(b ? "true" : "false", to: &out)
        case .int(let i): Self.writeInt(i, to: &out)
        case .double(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { Self.writeInt(Int(d), to: &out) } else { out.append(contentsOf: d.description.utf8) }
            } else {
                Self.append("null", to: &out)
            }
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            out.append(0x5B)  // [
            var first = true
            for item in items {
                if !first { out.append(0x2C) }
                first = false
                item.write(to: &out)
            }
            out.append(0x5D)
        case .object(let pairs):
            out.append(0x7B)  // {
            var first = true
            for (key, value) in pairs {
                if !first { out.append(0x2C) }
                first = false
                Self.writeString(key, to: &out)
                out.append(0x3A)
                value.write(to: &out)
            }
            out.append(0x7D)
        }
    }

    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Decimal digits, as `String(i)` writes them.
    static func writeInt(_ i: Int, to out: inout [UInt8]) {
        if i >= 0, i < 10 { return out.append(0x30 + UInt8(i)) }
        if i < 0 { out.append(0x2D) }
        var m = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buf in
            var k = buf.count
            while m > 0 {
                k -= 1
                buf[k] = 0x30 + UInt8(m % 10)
                m /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[k...]))
        }
    }

    /// A JSON string: `"` and `\` escaped, `\n` `\r` `\t` `\b` `\f` for those controls, `\u00xx` (lower-case hex)
    /// for the other controls below U+0020; everything else, U+2028/U+2029 included, as its UTF-8.
    /// Escaping works on bytes: no byte of a multi-byte UTF-8 sequence is below 0x80.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let u = bytes[i]
                if u >= 0x20, u != 0x22, u != 0x5C {
                    i += 1
                    continue
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                out.append(0x5C)
                switch u {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(0x6E)  // n
                case 0x0D: out.append(0x72)  // r
                case 0x09: out.append(0x74)  // t
                case 0x08: out.append(0x62)  // b
                case 0x0C: out.append(0x66)  // f
                default:
                    let hex = { (d: UInt8) -> UInt8 in d < 10 ? 0x30 + d : 0x57 + d }  // 0-9, a-f
                    out.append(0x75)  // u
                    out.append(0x30)
                    out.append(0x30)
                    out.append(hex(u >> 4))
                    out.append(hex(u & 0x0F))
                }
                i += 1
                runStart = i
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
        out.append(0x22)
    }
}

extension JSONValue {
    /// Converts the result of `JSONSerialization.jsonObject` (or similar `Any` trees) into a `JSONValue`.
    /// Dictionary keys are sorted so the result is deterministic.
    public init(any value: Any?) {
        switch value {
        case nil: self = .null
        case let s as String: self = .string(s)
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(i)
        case let d as Double: self = d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .double(d)
        case let a as [Any]: self = .array(a.map { JSONValue(any: $0) })
        case let o as [String: Any]:
            self = .object(o.keys.sorted().map { ($0, JSONValue(any: o[$0])) })
        default: self = .null
        }
    }
}
