/// Parsing a tags value into a list.
enum TagList {
    /// Understands Mailchimp's quoted list (`"Webinar 2024","Customer"`), a JSON array
    /// (`["demo","pricing"]`) and plain `,`/`;`/`|` separated lists. Tags are trimmed; empty ones dropped.
    static func parse(_ text: String) -> [String] {
        var t = Substring(text.trimmingASCIIWhitespace())
        if t.isEmpty { return [] }
        if t.first == "[" && t.last == "]" {
            t = t.dropFirst().dropLast()
        }
        var tags: [String] = []
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        var it = t.makeIterator()
        var pendingQuote = false
        func flush() {
            let v = wasQuoted ? current : current.trimmingASCIIWhitespace()
            if !v.trimmingASCIIWhitespace().isEmpty { tags.append(v.trimmingASCIIWhitespace()) }
            current = ""
            wasQuoted = false
        }
        while let ch = it.next() {
            if pendingQuote {
                pendingQuote = false
                if ch == "\"" { current.append("\""); continue }
                inQuotes = false
            }
            if inQuotes {
                if ch == "\"" { pendingQuote = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "\"":
                inQuotes = true
                wasQuoted = true
            case ",", ";", "|":
                flush()
            default:
                current.append(ch)
            }
        }
        flush()
        return tags
    }
}

/// Light HTML removal for chat message text: tags dropped, block tags and `<br>` become line
/// breaks, the common entities decoded; the text itself is kept.
enum LightHTML {
    static func strip(_ text: String) -> String {
        // Without a `<` or `&` byte there is neither Character; the Character search (which a `<` with a
        // combining mark after it does not match) runs only when the byte is there.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }),
              text.contains("<") || text.contains("&") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "<", let close = text[i...].firstIndex(of: ">"), looksLikeTag(text[text.index(after: i)..<close]) {
                let name = tagName(text[text.index(after: i)..<close])
                if ["br", "p", "/p", "div", "/div", "li", "/li", "tr", "/tr"].contains(name) {
                    if !out.isEmpty && out.last != "\n" { out.append("\n") }
                }
                i = text.index(after: close)
                continue
            }
            if ch == "&", let semi = text[i...].prefix(10).firstIndex(of: ";") {
                let entity = String(text[text.index(after: i)..<semi])
                if let decoded = decodeEntity(entity) {
                    out.append(decoded)
                    i = text.index(after: semi)
                    continue
                }
            }
            out.append(ch)
            i = text.index(after: i)
        }
        while out.last == "\n" { out.removeLast() }
        return out
    }

    private static func looksLikeTag(_ inner: Substring) -> Bool {
        guard let first = inner.first else { return false }
        return first.isLetter || first == "/" || first == "!"
    }

    private static func tagName(_ inner: Substring) -> String {
        var name = ""
        for ch in inner {
            if ch.isLetter || ch.isNumber || (name.isEmpty && ch == "/") { name.append(ch) } else { break }
        }
        return name.lowercased()
    }

    private static func decodeEntity(_ e: String) -> String? {
        switch e {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return "\u{00A0}"
        case "euro": return "€"
        default:
            if e.hasPrefix("#x") || e.hasPrefix("#X"), let v = UInt32(e.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                return String(Character(s))
            }
            if e.hasPrefix("#"), let v = UInt32(e.dropFirst()), let s = Unicode.Scalar(v) {
                return String(Character(s))
            }
            return nil
        }
    }
}
