/// A cursor over raw page bytes for the encoding prescan: ASCII-case-insensitive prefix tests and
/// the WHATWG "get an attribute" step. Never reads past the end.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    func isSpaceOrSlash(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        return Self.isSpace(byte) || byte == UInt8(ascii: "/")
    }

    func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] { return false }
        return true
    }

    /// `prefix` must be lower-case ASCII.
    func hasPrefixIgnoringCase(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count where Self.lowercased(bytes[position + offset]) != start[offset] { return false }
        return true
    }

    /// Moves past the next occurrence of `terminator`, or to the end.
    mutating func skip(past terminator: StaticString) {
        while position < bytes.count {
            if hasPrefix(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
    }

    /// Skips a tag name (up to whitespace or `>`).
    mutating func skipTagName() {
        while let byte = byte(at: position), !Self.isSpace(byte), byte != UInt8(ascii: ">") { position += 1 }
    }

    /// The WHATWG prescan "get an attribute": returns the lower-cased name and the raw value, or
    /// `nil` at `>` (consumed) or at the end.
    mutating func nextAttribute() -> (name: [UInt8], value: [UInt8])? {
        while let byte = byte(at: position), Self.isSpace(byte) || byte == UInt8(ascii: "/") { position += 1 }
        guard let first = byte(at: position) else { return nil }
        if first == UInt8(ascii: ">") {
            position += 1
            return nil
        }
        var name: [UInt8] = []
        var value: [UInt8] = []
        // Name: up to "=", whitespace, "/" or ">" (a leading "=" belongs to the name).
        while let byte = byte(at: position) {
            if byte == UInt8(ascii: "="), !name.isEmpty { break }
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") { break }
            name.append(Self.lowercased(byte))
            position += 1
        }
        while let byte = byte(at: position), Self.isSpace(byte) { position += 1 }
        guard byte(at: position) == UInt8(ascii: "=") else { return (name, value) }
        position += 1
        while let byte = byte(at: position), Self.isSpace(byte) { position += 1 }
        guard let start = byte(at: position) else { return (name, value) }
        if start == UInt8(ascii: "\"") || start == UInt8(ascii: "'") {
            position += 1
            while let byte = byte(at: position) {
                position += 1
                if byte == start { return (name, value) }
                value.append(Self.lowercased(byte))
            }
            return (name, value)
        }
        while let byte = byte(at: position), !Self.isSpace(byte), byte != UInt8(ascii: ">") {
            value.append(Self.lowercased(byte))
            position += 1
        }
        return (name, value)
    }
}
