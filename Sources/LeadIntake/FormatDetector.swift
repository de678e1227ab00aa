import LeadCore

/// Format detection from the first bytes of an input.
enum FormatDetector {
    private static let maxLines = 50

    static func isBlank(_ bytes: [UInt8]) -> Bool {
        firstContentByte(bytes) == nil
    }

    /// The first byte that is not whitespace (after a UTF-8 BOM).
    static func firstContentByte(_ bytes: [UInt8]) -> UInt8? {
        let start = bytes.starts(with: TextDecoding.bom) ? 3 : 0
        return bytes[start...].first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
    }

    /// The first lines of the prefix (up to 50; the last one may be cut by the end of the prefix).
    /// Lines end at LF, CRLF or a lone CR.
    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var start = bytes.starts(with: TextDecoding.bom) ? 3 : 0
        var out: [ArraySlice<UInt8>] = []
        while start < bytes.count, out.count < maxLines {
            guard let brk = bytes[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
                out.append(bytes[start...])
                break
            }
            out.append(bytes[start..<brk])
            start = brk + 1
            if bytes[brk] == 0x0D, start < bytes.count, bytes[start] == 0x0A { start += 1 }
        }
        return out
    }

    /// `true` when some line of the prefix starts (after spaces) with `{`.
    static func hasJSONObjectLine(_ bytes: [UInt8]) -> Bool {
        lines(bytes).contains { line in line.first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: "{") }
    }

    static func detect(prefix: [UInt8], headers: HeaderSynonyms?) -> SourceKind? {
        guard let first = firstContentByte(prefix) else { return nil }
        let chat = headers?.chat ?? ChatKeys(nil)
        let form = headers?.form ?? FormKeys(nil)

        // 1. Lines that are whole JSON objects (NDJSON), even after junk lines.
        var votes: [SourceKind: Int] = [:]
        for line in lines(prefix) {
            guard line.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) else { continue }
            guard case .object(let pairs)? = JSONParser.parseWhole(Array(line)).value else { continue }
            if let kind = kind(of: KeyedObject(pairs), chat: chat, form: form) { votes[kind, default: 0] += 1 }
        }
        // A line that is a whole submission or conversation object cannot occur in a CSV, so one vote
        // is enough (junk lines — logs, HTML, cut objects — do not count against it).
        if let (kind, count) = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }),
           count >= 1 {
            return kind
        }

        // 2. A JSON document: look at the keys near the top.
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let keys = topKeys(prefix)
            if keys.contains(where: { chat.conversations.contains($0) || chat.messages.contains($0) || chat.visitor.contains($0) }) {
                return .chatbot
            }
            if keys.contains(where: { form.fields.contains($0) }) { return .download }
            return nil
        }

        // 3. CSV: a header line with separators.
        for line in lines(prefix) {
            guard line.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) else { continue }
            var inQuotes = false
            for b in line {
                if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                if !inQuotes, b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == 0x09 || b == UInt8(ascii: "|") {
                    return .newsletter
                }
            }
            // A one-column CSV whose header is a known field (e.g. just "Email").
            if let headers, headers.canonical(String(decoding: line, as: UTF8.self).trimmingASCIIWhitespace()) != nil {
                return .newsletter
            }
            // Report lines (a title without separators) above a header row.
            if let headers, HeaderLine.find(Array(prefix[(prefix.starts(with: TextDecoding.bom) ? 3 : 0)...]), headers: headers) != nil {
                return .newsletter
            }
            return nil
        }
        return nil
    }

    private static func kind(of obj: KeyedObject, chat: ChatKeys, form: FormKeys) -> SourceKind? {
        if obj.first(chat.conversations) != nil, case .array? = obj.first(chat.conversations)?.value { return .chatbot }
        if obj.first(chat.visitor) != nil || obj.first(chat.messages) != nil { return .chatbot }
        if case .array? = obj.first(form.fields)?.value { return .download }
        return nil
    }

    /// Matching keys of object keys at depth 1 (top-level object) and 2 (elements of a top-level
    /// array), read leniently from a prefix that may end anywhere.
    private static func topKeys(_ bytes: [UInt8]) -> Set<String> {
        var keys = Set<String>()
        var depth = 0
        var inString = false
        var escaped = false
        var stringStart = 0
        var containers: [UInt8] = []
        var i = bytes.starts(with: TextDecoding.bom) ? 3 : 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                    inString = false
                    // A key is a string followed by ':' inside an object.
                    var j = i + 1
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
                    if j < bytes.count, bytes[j] == UInt8(ascii: ":"), containers.last == UInt8(ascii: "{"), depth <= 2 {
                        keys.insert(HeaderSynonyms.key(String(decoding: bytes[stringStart..<i], as: UTF8.self)))
                    }
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true
                stringStart = i + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                containers.append(b)
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !containers.isEmpty { containers.removeLast() }
                depth -= 1
            default:
                break
            }
            i += 1
        }
        return keys
    }
}
