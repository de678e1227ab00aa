/// Finds a page's character encoding from cheap byte scans, before any parsing.
///
/// Order (WHATWG "encoding sniffing", simplified): a byte-order mark; the HTTP `Content-Type`
/// charset; a UTF-16 byte pattern (NUL bytes at every other position, which no declaration inside
/// the page can be read through); `<meta charset>` / `<meta http-equiv="Content-Type">` in the
/// first 4 KB; an XML prolog `encoding=`. Without any of these the caller decides between UTF-8
/// (when the bytes are valid UTF-8) and windows-1252.
enum EncodingSniffer {
    /// How many leading bytes the `<meta>` and XML prolog scans look at.
    static let prescanLimit = 4096

    /// Where an encoding decision came from.
    enum Source: Equatable {
        case byteOrderMark, contentType, utf16Pattern, meta, xmlProlog
    }

    /// An encoding decision: the canonical name, its source and how many BOM bytes to skip.
    struct Decision: Equatable {
        var encoding: String
        var source: Source
        var bomLength: Int = 0
    }

    /// Sniffs the encoding, or returns `nil` when nothing declares one.
    static func sniff(_ bytes: UnsafeBufferPointer<UInt8>, contentType: String?) -> Decision? {
        if let bom = byteOrderMark(bytes) { return bom }
        if let contentType, let label = charsetParameter(in: Array(contentType.utf8)),
           let name = EncodingLabels.canonicalName(forLabel: label) {
            return Decision(encoding: name, source: .contentType)
        }
        if let utf16 = utf16Pattern(bytes) { return Decision(encoding: utf16, source: .utf16Pattern) }
        let prefix = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, prescanLimit)])
        if let name = metaCharset(prefix) { return Decision(encoding: name, source: .meta) }
        if let name = xmlPrologEncoding(prefix) { return Decision(encoding: name, source: .xmlProlog) }
        return nil
    }

    /// A UTF-8 or UTF-16 byte-order mark.
    static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Decision? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return Decision(encoding: EncodingLabels.utf8, source: .byteOrderMark, bomLength: 3)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return Decision(encoding: EncodingLabels.utf16LE, source: .byteOrderMark, bomLength: 2)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return Decision(encoding: EncodingLabels.utf16BE, source: .byteOrderMark, bomLength: 2)
        }
        return nil
    }

    /// UTF-16 without a BOM: in the first 1 KB, at least 30% of the odd (LE) or even (BE) bytes are
    /// NUL and the other positions almost never are.
    static func utf16Pattern(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let count = min(bytes.count, 1024) & ~1
        guard count >= 4 else { return nil }
        var evenNUL = 0
        var oddNUL = 0
        var index = 0
        while index < count {
            if bytes[index] == 0 { evenNUL += 1 }
            if bytes[index + 1] == 0 { oddNUL += 1 }
            index += 2
        }
        let pairs = count / 2
        if oddNUL * 10 >= pairs * 3, evenNUL * 10 <= oddNUL { return EncodingLabels.utf16LE }
        if evenNUL * 10 >= pairs * 3, oddNUL * 10 <= evenNUL { return EncodingLabels.utf16BE }
        return nil
    }

    // MARK: - <meta> prescan

    /// The WHATWG prescan for `<meta charset>` and `<meta http-equiv=Content-Type content=…>`,
    /// skipping comments and other tags. A declared UTF-16 means UTF-8 (the declaration could not
    /// have been read in UTF-16).
    static func metaCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var scanner = ByteScanner(bytes: bytes)
        while !scanner.atEnd {
            if scanner.hasPrefix("<!--") {
                scanner.position += 4
                scanner.skip(past: "-->")
            } else if scanner.hasPrefixIgnoringCase("<meta"), scanner.isSpaceOrSlash(at: scanner.position + 5) {
                scanner.position += 5
                if let name = metaElementCharset(&scanner) {
                    if name == EncodingLabels.utf16LE || name == EncodingLabels.utf16BE { return EncodingLabels.utf8 }
                    return name
                }
            } else if scanner.byte(at: scanner.position) == UInt8(ascii: "<"),
                      let next = scanner.byte(at: scanner.position + 1),
                      ByteScanner.isASCIILetter(next)
                        || (next == UInt8(ascii: "/") && scanner.byte(at: scanner.position + 2).map(ByteScanner.isASCIILetter) == true) {
                scanner.position += 1
                scanner.skipTagName()
                while scanner.nextAttribute() != nil {}
            } else if scanner.hasPrefix("<!") || scanner.hasPrefix("</") || scanner.hasPrefix("<?") {
                scanner.skip(past: ">")
            } else {
                scanner.position += 1
            }
        }
        return nil
    }

    /// Reads the attributes of one `<meta>` element and applies the WHATWG rules.
    private static func metaElementCharset(_ scanner: inout ByteScanner) -> String? {
        var seen = Set<[UInt8]>()
        var gotPragma = false
        var needPragma: Bool?
        var charset: String?
        while let (name, value) = scanner.nextAttribute() {
            guard seen.insert(name).inserted else { continue }
            switch String(decoding: name, as: UTF8.self) {
            case "http-equiv":
                if String(decoding: value, as: UTF8.self).lowercased() == "content-type" { gotPragma = true }
            case "content":
                if charset == nil, let label = charsetParameter(in: value),
                   let name = EncodingLabels.canonicalName(forLabel: label) {
                    charset = name
                    needPragma = true
                }
            case "charset":
                if charset == nil {
                    charset = EncodingLabels.canonicalName(forLabel: String(decoding: value, as: UTF8.self))
                    needPragma = false
                }
            default:
                break
            }
        }
        guard let needPragma, let charset else { return nil }
        if needPragma && !gotPragma { return nil }
        return charset
    }

    /// The WHATWG "extract a character encoding from a meta element" algorithm, also used on the
    /// HTTP `Content-Type` value: the value after `charset=`, quoted or not.
    static func charsetParameter(in value: [UInt8]) -> String? {
        let needle = Array("charset".utf8)
        var position = 0
        while position + needle.count <= value.count {
            var matches = true
            for offset in 0..<needle.count where ByteScanner.lowercased(value[position + offset]) != needle[offset] {
                matches = false
                break
            }
            guard matches else {
                position += 1
                continue
            }
            position += needle.count
            while position < value.count, ByteScanner.isSpace(value[position]) { position += 1 }
            guard position < value.count, value[position] == UInt8(ascii: "=") else { continue }
            position += 1
            while position < value.count, ByteScanner.isSpace(value[position]) { position += 1 }
            guard position < value.count else { return nil }
            let first = value[position]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard let end = value[(position + 1)...].firstIndex(of: first) else { return nil }
                return String(decoding: value[(position + 1)..<end], as: UTF8.self)
            }
            var end = position
            while end < value.count, !ByteScanner.isSpace(value[end]), value[end] != UInt8(ascii: ";") { end += 1 }
            return end > position ? String(decoding: value[position..<end], as: UTF8.self) : nil
        }
        return nil
    }

    // MARK: - XML prolog

    /// `<?xml version="1.0" encoding="…"?>` at the start of the page (after optional whitespace).
    static func xmlPrologEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var scanner = ByteScanner(bytes: bytes)
        while let byte = scanner.byte(at: scanner.position), ByteScanner.isSpace(byte) { scanner.position += 1 }
        guard scanner.hasPrefix("<?xml"), scanner.isSpaceOrSlash(at: scanner.position + 5) else { return nil }
        let start = scanner.position + 5
        scanner.position = start
        scanner.skip(past: "?>")
        let prolog = Array(bytes[start..<scanner.position])
        let needle = Array("encoding".utf8)
        guard prolog.count >= needle.count else { return nil }
        for position in 0...(prolog.count - needle.count) where Array(prolog[position..<(position + needle.count)]) == needle {
            var index = position + needle.count
            while index < prolog.count, ByteScanner.isSpace(prolog[index]) { index += 1 }
            guard index < prolog.count, prolog[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < prolog.count, ByteScanner.isSpace(prolog[index]) { index += 1 }
            guard index < prolog.count else { return nil }
            let quote = prolog[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                  let end = prolog[(index + 1)...].firstIndex(of: quote) else { return nil }
            return EncodingLabels.canonicalName(forLabel: String(decoding: prolog[(index + 1)..<end], as: UTF8.self))
        }
        return nil
    }
}
