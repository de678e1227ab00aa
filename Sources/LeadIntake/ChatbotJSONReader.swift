import LeadCore

/// Reads a chatbot conversation export: a JSON document `{export, conversations: […]}`, a bare array
/// of conversations, a single conversation object, or NDJSON with one conversation per line.
///
/// A JSON document is read element by element, so a cut-off export still yields every complete
/// conversation, and the cut one is a `truncated_json` reject. When the conversations are a top-level
/// array or the `conversations` array that comes first, the document streams (``ChatStream``: one
/// conversation in memory at a time); other shapes are read into memory whole, since they cannot be
/// split into records before the whole structure is known. NDJSON input is streamed line by line
/// like form submissions.
///
/// Record number: 1-based index in `conversations` (document) or the physical line (NDJSON).
struct ChatbotJSONReader: RecordReader {
    let source = SourceKind.chatbot
    private let file: String
    private let headers: HeaderSynonyms
    private let names: NameResolver
    private var mode: Mode

    private enum Mode {
        case lines(LineReader)
        case document(elements: [ChatDocument.Element], bytes: [UInt8], next: Int)
        case stream(ChatStream)
    }

    /// Opens the reader; throws `.inputUnusable` when the input is not a chat export.
    init(input: ByteSource, file: String, headers: HeaderSynonyms) throws(LeadsmithError) {
        self.file = file
        self.headers = headers
        self.names = NameResolver(headers)
        let prefix = input.prefix
        var start = prefix.starts(with: TextDecoding.bom) ? 3 : 0
        while start < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[start]) { start += 1 }
        if start >= prefix.count {
            // Whitespace only: no records.
            mode = .document(elements: [], bytes: [], next: 0)
            _ = try input.readAll()
            return
        }
        let opensJSON = prefix[start] == UInt8(ascii: "{") || prefix[start] == UInt8(ascii: "[")
        if !opensJSON || Self.looksLikeNDJSON(prefix, from: start) {
            // NDJSON (possibly after junk lines): some line must be a conversation object.
            guard Self.hasConversationLine(prefix, names: NameResolver(headers)) else {
                let what = opensJSON ? "the JSON lines are not conversations (no visitor or messages)"
                                     : "the input is not JSON (expected '{' or '[' at the start)"
                throw LeadsmithError(.inputUnusable, "not a chatbot export: \(what)", file: file, line: 1)
            }
            mode = .lines(LineReader(initial: input.takePrefix()) { () throws(LeadsmithError) -> [UInt8] in try input.next() })
            return
        }
        // The usual shapes stream, one conversation at a time; the others are read whole.
        let (stream, readSoFar) = try ChatStream.open(prefix: input.takePrefix(), start: start, keys: headers.chat, input: input)
        if let stream {
            mode = .stream(stream)
            return
        }
        var bytes = readSoFar
        bytes.append(contentsOf: try input.readAll())
        do {
            let elements = try ChatDocument.elements(bytes, start: start, keys: headers.chat, file: file)
            mode = .document(elements: elements, bytes: bytes, next: 0)
        } catch {
            // Not one document; NDJSON whose first line is cut or broken is still NDJSON.
            guard Self.hasConversationLine(Array(bytes.prefix(ByteSource.chunkSize)), names: NameResolver(headers)) else { throw error }
            mode = .lines(LineReader(initial: bytes) { () throws(LeadsmithError) -> [UInt8] in [] })
        }
    }

    /// NDJSON: the first line is a complete JSON value on its own and more text follows it.
    private static func looksLikeNDJSON(_ prefix: [UInt8], from start: Int) -> Bool {
        guard let nl = prefix[start...].firstIndex(of: 0x0A) else { return false }
        guard prefix[(nl + 1)...].contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else { return false }
        return JSONParser.parseWhole(prefix, start: start, end: nl).value != nil
    }

    /// `true` when a complete line of `prefix` is a JSON object with a visitor or messages.
    private static func hasConversationLine(_ prefix: [UInt8], names: NameResolver) -> Bool {
        var lineStart = prefix.starts(with: TextDecoding.bom) ? 3 : 0
        var checked = 0
        while lineStart < prefix.count, checked < 50 {
            let nl = prefix[lineStart...].firstIndex(of: 0x0A) ?? prefix.count
            checked += 1
            if case .object(let pairs)? = JSONParser.parseWhole(prefix, start: lineStart, end: nl).value {
                let obj = KeyedObject(pairs, names: names)
                if obj.first(names.headers.chat.visitor) != nil || obj.first(names.headers.chat.messages) != nil { return true }
            }
            lineStart = nl + 1
        }
        return false
    }

    mutating func next() throws(LeadsmithError) -> IntakeItem? {
        switch mode {
        case .lines(var reader):
            let line = try reader.next()
            mode = .lines(reader)
            guard let line else { return nil }
            let n = reader.lineNumber
            if reader.overlong {
                return .reject(IntakeReject(source: .chatbot, file: file, record: n, line: n, reasonCode: IntakeReject.Reason.notJSON,
                                            reason: "line longer than \(LineReader.defaultMaxLineBytes >> 20) MB; not a conversation", raw: NDJSONLine.rawText(Array(line.prefix(4096)))))
            }
            switch NDJSONLine.classify(line) {
            case .reject(let code, let reason):
                return .reject(IntakeReject(source: .chatbot, file: file, record: n, line: n, reasonCode: code,
                                            reason: reason, raw: NDJSONLine.rawText(line)))
            case .object(let pairs, let repaired):
                var r = Conversation.record(pairs, names: names, file: file, record: n, line: n)
                if repaired { r.extra.append(("encoding_warning", "invalid UTF-8 replaced with U+FFFD")) }
                r.raw = NDJSONLine.rawText(line)
                return .record(r)
            }
        case .document(let elements, let bytes, let i):
            guard i < elements.count else { return nil }
            mode = .document(elements: elements, bytes: bytes, next: i + 1)
            let e = elements[i]
            // Elements after the first were only checked when the document was walked: parse them now,
            // one at a time, so a large export is never held as parsed values all at once.
            let (value, repaired) = e.failure != nil || e.value != nil ? (e.value, e.repairedUTF8) : { () -> (JSONValue?, Bool) in
                let p = JSONParser.parseWhole(bytes, start: e.start, end: e.end)
                return (p.value, p.repaired)
            }()
            return item(e, value: value, repaired: repaired, raw: bytes[e.start..<min(e.end, e.start + ChatStream.rawLimit)])
        case .stream(let stream):
            guard let next = try stream.next() else { return nil }
            return item(next.element, value: next.element.value, repaired: next.element.repairedUTF8, raw: next.raw)
        }
    }

    /// The record or reject of one element of the conversations array.
    private func item(_ e: ChatDocument.Element, value: JSONValue?, repaired: Bool, raw rawBytes: ArraySlice<UInt8>) -> IntakeItem {
        let raw = TextDecoding.capped(String(decoding: rawBytes, as: UTF8.self))
        let number = e.index + 1
        if let failure = e.failure {
            let (code, reason) = failure == .unexpectedEnd
                ? (IntakeReject.Reason.truncatedJSON, "conversation cut off: the document ends inside it")
                : (IntakeReject.Reason.notJSON, "malformed JSON in this conversation; the rest of the document cannot be read")
            return .reject(IntakeReject(source: .chatbot, file: file, record: number, line: e.line, reasonCode: code, reason: reason, raw: raw))
        }
        guard case .object(let pairs)? = value else {
            let kind = value.map(NDJSONLine.kindName) ?? "nothing"
            return .reject(IntakeReject(source: .chatbot, file: file, record: number, line: e.line,
                                        reasonCode: IntakeReject.Reason.notAnObject,
                                        reason: "conversation is not an object (\(kind))", raw: raw))
        }
        var r = Conversation.record(pairs, names: names, file: file, record: number, line: e.line)
        if repaired { r.extra.append(("encoding_warning", "invalid UTF-8 replaced with U+FFFD")) }
        r.raw = raw
        return .record(r)
    }
}

/// Finding the conversations in a chat export document.
enum ChatDocument {
    /// One element of the conversations array (or the single conversation).
    struct Element {
        var index: Int
        var line: Int
        var start: Int
        var end: Int
        /// The parsed element. The whole-document walk keeps it for the first element of an array (to
        /// tell a list of conversations) and a single-conversation document, and leaves `nil` for the
        /// others, which the reader parses again from `start..<end` when it reaches them (memory stays
        /// one conversation deep); ``ChatStream`` parses each element once and keeps its value.
        var value: JSONValue?
        var failure: JSONParser.Failure?
        var repairedUTF8 = false
    }

    /// The conversations of the document starting at `start`: the `conversations` array (by the
    /// `chat.conversations` key names), else the first top-level array of conversation-like objects,
    /// else the document itself when it is one conversation; a bare array is the list itself.
    /// - Throws: `.inputUnusable` when no conversations can be found.
    static func elements(_ bytes: [UInt8], start: Int, keys: ChatKeys, file: String) throws(LeadsmithError) -> [Element] {
        var p = JSONParser(bytes: bytes, start: start)
        var lines = LineCounter(bytes: bytes)
        if bytes[start] == UInt8(ascii: "[") {
            return walkArray(&p, lines: &lines)
        }
        // Top-level object: walk its keys, walking array values element by element.
        p.pos += 1
        var arrays: [(key: String, elements: [Element])] = []
        var looksLikeConversation = false
        var brokenAt: Int?
        walk: while true {
            guard let c = p.peek() else { brokenAt = p.pos; break }
            if c == UInt8(ascii: "}") { break }
            if c == UInt8(ascii: ",") { p.pos += 1; continue }
            guard c == UInt8(ascii: "\""), let key = try? p.parseString(), (try? p.expect(UInt8(ascii: ":"))) != nil else {
                brokenAt = p.pos
                break
            }
            let k = HeaderSynonyms.key(key)
            if keys.visitor.contains(k) || keys.messages.contains(k) { looksLikeConversation = true }
            if p.peek() == UInt8(ascii: "[") && !keys.messages.contains(k) {
                let els = walkArray(&p, lines: &lines)
                arrays.append((key, els))
                if els.last?.failure != nil { break walk }
            } else {
                do {
                    _ = try p.parseValue()
                } catch {
                    brokenAt = p.pos
                    break walk
                }
            }
        }
        if let found = arrays.first(where: { keys.conversations.contains(HeaderSynonyms.key($0.key)) }) {
            return found.elements
        }
        if !looksLikeConversation, let found = arrays.first(where: { isConversationList($0.elements, keys: keys) }) {
            return found.elements
        }
        if looksLikeConversation {
            // The document is a single conversation.
            let (value, failure, repaired) = JSONParser.parseWhole(bytes, start: start)
            return [Element(index: 0, line: lines.line(at: start), start: start, end: bytes.count,
                            value: value, failure: value == nil ? (failure ?? .unexpectedEnd) : nil, repairedUTF8: repaired)]
        }
        if let brokenAt {
            throw LeadsmithError(.inputUnusable, "not a usable chatbot export: malformed JSON before any conversation was found",
                                 file: file, line: lines.line(at: min(brokenAt, bytes.count)))
        }
        throw LeadsmithError(.inputUnusable, "not a chatbot export: no 'conversations' array and no conversation objects found", file: file)
    }

    private static func isConversationList(_ elements: [Element], keys: ChatKeys) -> Bool {
        guard case .object(let pairs)? = elements.first?.value else { return false }
        let obj = KeyedObject(pairs)
        return obj.first(keys.visitor) != nil || obj.first(keys.messages) != nil
    }

    /// Where a broken element's bytes end: just past the invalid byte, or at `limit` (the end of the
    /// bytes) for a cut one.
    static func failureEnd(_ failure: JSONParser.Failure, start: Int, limit: Int) -> Int {
        guard case .invalid(let offset) = failure else { return limit }
        return min(limit, max(offset + 1, start + 1))
    }

    /// Walks an array at the parser position, one element at a time; stops at the first broken element.
    private static func walkArray(_ p: inout JSONParser, lines: inout LineCounter) -> [Element] {
        var out: [Element] = []
        p.pos += 1
        var index = 0
        while true {
            guard let c = p.peek() else { return out }
            if c == UInt8(ascii: "]") { p.pos += 1; return out }
            if c == UInt8(ascii: ",") { p.pos += 1; continue }
            let start = p.pos
            let line = lines.line(at: start)
            var sub = JSONParser(bytes: p.bytes, start: start)
            do {
                let v = try sub.parseValue()
                out.append(Element(index: index, line: line, start: start, end: sub.pos, value: index == 0 ? v : nil,
                                   failure: nil, repairedUTF8: sub.repairedUTF8))
                p.pos = sub.pos
            } catch {
                let end = failureEnd(error, start: start, limit: p.end)
                out.append(Element(index: index, line: line, start: start, end: end, value: nil, failure: error))
                p.pos = p.end
                return out
            }
            index += 1
        }
    }
}

/// Line numbers of byte offsets, counted forward incrementally.
struct LineCounter {
    let bytes: [UInt8]
    private var offset = 0
    private var current = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The 1-based line of `position` (positions must not decrease between calls for speed; they may).
    mutating func line(at position: Int) -> Int {
        if position < offset {
            offset = 0
            current = 1
        }
        var i = offset
        let end = min(position, bytes.count)
        while i < end {
            if bytes[i] == 0x0A { current += 1 }
            i += 1
        }
        offset = max(offset, end)
        return current
    }
}

/// Turns one conversation object into a ``RawRecord``.
enum Conversation {
    static func record(_ pairs: [(String, JSONValue)], names: NameResolver, file: String, record: Int, line: Int) -> RawRecord {
        let keys = names.headers.chat
        var r = RawRecord(source: .chatbot, file: file, record: record, line: line)
        r.fields.reserveCapacity(16)
        var idSeen = false, timeSeen = false, visitorSeen = false, messagesSeen = false
        for (name, value) in pairs {
            let k = names.key(name)
            if !idSeen, keys.id.contains(k), !FormSubmission.isContainer(value), let text = value.fieldText {
                idSeen = true
                r.sourceID = text
                continue
            }
            if !timeSeen, keys.createdAt.contains(k), let iso = FormSubmission.timestamp(value) {
                timeSeen = true
                r.timestamp = iso
                continue
            }
            if !visitorSeen, keys.visitor.contains(k), case .object(let visitor) = value {
                visitorSeen = true
                for (vk, vv) in visitor {
                    if r.consent == nil, keys.consent.contains(names.key(vk)), let b = names.bool(vv) {
                        r.consent = b
                        continue
                    }
                    RecordFields.add(name: vk, label: "\(name).\(vk)", value: vv, names: names, to: &r)
                }
                continue
            }
            if !messagesSeen, keys.messages.contains(k), case .array(let messages) = value {
                messagesSeen = true
                for (i, m) in messages.enumerated() {
                    if let message = chatMessage(m, keys: keys, names: names) {
                        r.transcript.append(message)
                    } else if let text = m.fieldText {
                        r.extra.append(("\(name)[\(i)]", text))
                    }
                }
                continue
            }
            if r.consent == nil, keys.consent.contains(k), let b = names.bool(value) {
                r.consent = b
                continue
            }
            RecordFields.add(name: name, label: name, value: value, names: names, to: &r)
        }
        return r
    }

    private static func chatMessage(_ value: JSONValue, keys: ChatKeys, names: NameResolver) -> ChatMessage? {
        guard case .object(let pairs) = value else { return nil }
        let obj = KeyedObject(pairs, names: names)
        var role = "unknown"
        var author: String?
        if let (_, v) = obj.first(keys.messageRole), case .string(let s) = v {
            role = keys.roles[names.key(s)] ?? s.lowercased()
        }
        if let (_, v) = obj.first(keys.messageAuthor) {
            switch v {
            case .string(let s):
                author = s
            case .object(let authorPairs):
                // An author object ({type, name}) as some tools export it.
                let a = KeyedObject(authorPairs, names: names)
                if role == "unknown", let (_, t) = a.first(keys.messageRole), case .string(let s) = t {
                    role = keys.roles[names.key(s)] ?? s.lowercased()
                }
                if case .string(let s)? = a.first(keys.messageAuthor)?.value { author = s }
            default:
                break
            }
        }
        var at: String?
        if let (_, v) = obj.first(keys.messageAt) {
            if case .string = v { at = v.fieldText } else { at = FormSubmission.timestamp(v) ?? v.fieldText }
        }
        var text = ""
        if let (_, v) = obj.first(keys.messageText), let t = v.fieldText { text = LightHTML.strip(t) }
        return ChatMessage(role: role, author: author, at: at, text: text)
    }
}
