import LeadCore

/// A small byte-level JSON parser that keeps object key order and says *why* a text is not JSON.
///
/// Why not `JSONSerialization`: intake must tell a cut-off object (`truncated_json`) from text that
/// is not JSON at all (`not_json`), keep the order of unknown keys for `extra`, keep `true` apart
/// from `1`, and salvage the complete conversations of a cut-off chat export. All of this needs
/// the position where parsing stopped, which Foundation does not report.
struct JSONParser {
    /// Why parsing stopped.
    enum Failure: Error, Equatable {
        /// The input ended inside a value: the text was cut off.
        case unexpectedEnd
        /// A byte that cannot start or continue a value at `offset`.
        case invalid(offset: Int)
        /// Nesting deeper than ``JSONParser/maxDepth``.
        case tooDeep(offset: Int)
    }

    /// Deepest nesting accepted (protects the stack against hostile input).
    static let maxDepth = 256

    let bytes: [UInt8]
    /// Current position.
    var pos: Int
    let end: Int
    /// `true` once a string with invalid UTF-8 had to be repaired with U+FFFD.
    private(set) var repairedUTF8 = false
    private var depth = 0

    init(bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.pos = start
        self.end = end ?? bytes.count
    }

    /// Parses exactly one JSON value between `start` and `end` (whitespace around is fine).
    static func parseWhole(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) -> (value: JSONValue?, failure: Failure?, repaired: Bool) {
        var p = JSONParser(bytes: bytes, start: start, end: end)
        do {
            let v = try p.parseValue()
            p.skipWhitespace()
            if p.pos < p.end { return (nil, .invalid(offset: p.pos), p.repairedUTF8) }
            return (v, nil, p.repairedUTF8)
        } catch {
            return (nil, error, p.repairedUTF8)
        }
    }

    mutating func skipWhitespace() {
        while pos < end {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte without consuming it, or `nil` at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return pos < end ? bytes[pos] : nil
    }

    /// Consumes `byte` (after whitespace).
    mutating func expect(_ byte: UInt8) throws(Failure) {
        guard let b = peek() else { throw .unexpectedEnd }
        guard b == byte else { throw .invalid(offset: pos) }
        pos += 1
    }

    /// Parses one value at the current position.
    mutating func parseValue() throws(Failure) -> JSONValue {
        guard let b = peek() else { throw .unexpectedEnd }
        switch b {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw .invalid(offset: pos)
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for c in word.utf8 {
            guard pos < end else { throw .unexpectedEnd }
            guard bytes[pos] == c else { throw .invalid(offset: pos) }
            pos += 1
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maxDepth { throw .tooDeep(offset: pos) }
    }

    mutating func parseObject() throws(Failure) -> JSONValue {
        try expect(UInt8(ascii: "{"))
        try enter()
        defer { depth -= 1 }
        var pairs: [(String, JSONValue)] = []
        guard let first = peek() else { throw .unexpectedEnd }
        if first == UInt8(ascii: "}") { pos += 1; return .object(pairs) }
        while true {
            guard let q = peek() else { throw .unexpectedEnd }
            guard q == UInt8(ascii: "\"") else { throw .invalid(offset: pos) }
            let key = try parseString()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue()
            pairs.append((key, value))
            guard let sep = peek() else { throw .unexpectedEnd }
            pos += 1
            if sep == UInt8(ascii: ",") { continue }
            if sep == UInt8(ascii: "}") { return .object(pairs) }
            throw .invalid(offset: pos - 1)
        }
    }

    mutating func parseArray() throws(Failure) -> JSONValue {
        try expect(UInt8(ascii: "["))
        try enter()
        defer { depth -= 1 }
        var items: [JSONValue] = []
        guard let first = peek() else { throw .unexpectedEnd }
        if first == UInt8(ascii: "]") { pos += 1; return .array(items) }
        while true {
            items.append(try parseValue())
            guard let sep = peek() else { throw .unexpectedEnd }
            pos += 1
            if sep == UInt8(ascii: ",") { continue }
            if sep == UInt8(ascii: "]") { return .array(items) }
            throw .invalid(offset: pos - 1)
        }
    }

    /// Parses a string at the current position (which must be a `"`).
    mutating func parseString() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        let start = pos
        // Fast path: no escapes.
        while pos < end {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                let s = decode(bytes[start..<pos])
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw .invalid(offset: pos) }
            pos += 1
        }
        guard pos < end else { throw .unexpectedEnd }
        var out: [UInt8] = Array(bytes[start..<pos])
        while pos < end {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return decode(out[...])
            }
            if c < 0x20 { throw .invalid(offset: pos) }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                pos += 1
                continue
            }
            pos += 1
            guard pos < end else { throw .unexpectedEnd }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate needs its low half.
                    if pos + 1 < end, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                        let save = pos
                        pos += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            pos = save
                            scalar = 0xFFFD
                        }
                    } else if pos >= end || (bytes[pos] == UInt8(ascii: "\\") && pos + 1 >= end) {
                        throw .unexpectedEnd
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw .invalid(offset: pos - 1)
            }
        }
        throw .unexpectedEnd
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < end else { throw .unexpectedEnd }
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw .invalid(offset: pos)
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    private mutating func decode(_ slice: ArraySlice<UInt8>) -> String {
        let (text, repaired) = TextDecoding.utf8(slice)
        if repaired { repairedUTF8 = true }
        return text
    }

    private mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = pos
        var isInteger = true
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < end else { throw .unexpectedEnd }
        guard isDigit(bytes[pos]) else { throw .invalid(offset: pos) }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
        } else {
            while pos < end, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < end, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < end else { throw .unexpectedEnd }
            guard isDigit(bytes[pos]) else { throw .invalid(offset: pos) }
            while pos < end, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < end, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < end, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < end else { throw .unexpectedEnd }
            guard isDigit(bytes[pos]) else { throw .invalid(offset: pos) }
            while pos < end, isDigit(bytes[pos]) { pos += 1 }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        return .double(Double(text) ?? 0)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}

extension JSONValue {
    /// The value of `key` in an object (first match), else `nil`.
    subscript(key key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The text of a scalar for a field value: strings as-is, numbers and booleans as JSON text;
    /// `null` → `nil`; arrays and objects as compact JSON text.
    var fieldText: String? {
        switch self {
        case .null: return nil
        case .string(let s): return s
        default: return serialized
        }
    }
}
