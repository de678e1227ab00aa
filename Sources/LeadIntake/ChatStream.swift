import LeadCore

/// The conversations of a chat export document read as they stream in, one element at a time.
///
/// A document whose conversations are a top-level array, or the array under a `conversations` key
/// (by the `chat.conversations` key names) that comes before anything unreadable, is read through a
/// window of the input: each conversation is parsed once, as the reader reaches it, and the bytes
/// before it are dropped, so memory holds about one conversation and one read chunk, not the export.
/// What it yields is what ``ChatDocument/elements(_:start:keys:file:)`` finds in the whole document:
/// the same elements, line numbers, values, failures and raw bytes. Any other shape (the
/// conversations array after another array, a single conversation, broken JSON before the array)
/// returns `nil` from ``open(prefix:start:keys:input:)`` with the bytes read so far, and is read
/// whole.
final class ChatStream {
    /// A conversation, or the broken element that ends the stream.
    struct Item {
        var element: ChatDocument.Element
        /// The element's first bytes (at most `rawLimit`), for the reject or the record's `raw`.
        var raw: ArraySlice<UInt8>
    }

    /// Bytes of a conversation kept for its raw text.
    static let rawLimit = 8192
    /// Consumed bytes are dropped once there are at least this many.
    static let compactAfter = 1 << 20

    private let input: ByteSource
    /// Input bytes `base ..< base + window.count`.
    private var window: [UInt8]
    private var base = 0
    private var atEOF = false
    /// Window position of the next byte to read in the array.
    private var pos: Int
    /// Line counting: `line` is the 1-based line of window position `lineOffset`.
    private var lineOffset = 0
    private var line = 1
    private var index = 0
    private var done = false

    private init(input: ByteSource, window: [UInt8], pos: Int) {
        self.input = input
        self.window = window
        self.pos = pos
    }

    /// Opens a stream over the document that starts at `start` of `prefix` (the input's first bytes,
    /// already taken from `input`), or returns `nil` and every byte read so far when the document
    /// must be read whole.
    static func open(prefix: [UInt8], start: Int, keys: ChatKeys, input: ByteSource) throws(LeadsmithError)
        -> (stream: ChatStream?, readSoFar: [UInt8]) {
        let s = ChatStream(input: input, window: prefix, pos: start)
        if prefix[start] == UInt8(ascii: "[") {
            s.pos = start + 1
            return (s, [])
        }
        // An object: read its members up to the conversations array; any failure first means the
        // whole-document walk decides (it may pick another array, or a single conversation).
        s.pos = start + 1
        while true {
            guard let c = try s.peek() else { return (nil, s.window) }
            if c == UInt8(ascii: "}") { return (nil, s.window) }
            if c == UInt8(ascii: ",") { s.pos += 1; continue }
            guard c == UInt8(ascii: "\""), let (key, afterKey) = try s.member() else { return (nil, s.window) }
            s.pos = afterKey
            let k = HeaderSynonyms.key(key)
            guard let v = try s.peek() else { return (nil, s.window) }
            if v == UInt8(ascii: "["), keys.conversations.contains(k), !keys.messages.contains(k) {
                s.pos += 1
                return (s, [])
            }
            // Any other value must parse whole (then the document walk would have passed it too).
            guard let end = try s.parsedEnd(from: s.pos) else { return (nil, s.window) }
            s.pos = end
        }
    }

    /// The next conversation, or `nil` at the end of the array (or of a cut input between elements).
    func next() throws(LeadsmithError) -> Item? {
        guard !done else { return nil }
        while true {
            guard let c = try peek() else { done = true; return nil }
            if c == UInt8(ascii: "]") { done = true; return nil }
            if c == UInt8(ascii: ",") { pos += 1; continue }
            break
        }
        compact()
        let start = pos
        let startLine = lineAt(start)
        let number = index
        index += 1
        while true {
            var sub = JSONParser(bytes: window, start: start)
            let failure: JSONParser.Failure
            do throws(JSONParser.Failure) {
                let value = try sub.parseValue()
                // A value that ends where the window ends may go on (a number): read on unless at the end.
                if sub.pos < window.count || atEOF {
                    pos = sub.pos
                    let element = ChatDocument.Element(index: number, line: startLine, start: base + start, end: base + sub.pos,
                                                       value: value, failure: nil, repairedUTF8: sub.repairedUTF8)
                    return Item(element: element, raw: window[start..<min(sub.pos, start + Self.rawLimit)])
                }
                failure = .unexpectedEnd
            } catch {
                failure = error
            }
            if !atEOF {
                // Cut by the window, or broken: a cut element needs more bytes; a broken one is judged
                // on the rest of the input, as the whole-document walk judges it.
                if failure == .unexpectedEnd { try grow() } else { try readRest() }
                continue
            }
            let end = ChatDocument.failureEnd(failure, start: start, limit: window.count)
            done = true
            let element = ChatDocument.Element(index: number, line: startLine, start: base + start, end: base + end,
                                               value: nil, failure: failure)
            return Item(element: element, raw: window[start..<min(end, start + Self.rawLimit)])
        }
    }

    // MARK: - Window

    /// The next non-whitespace byte at `pos` (skipping whitespace), reading on as needed; `nil` at the end.
    private func peek() throws(LeadsmithError) -> UInt8? {
        while true {
            while pos < window.count {
                switch window[pos] {
                case 0x20, 0x09, 0x0A, 0x0D: pos += 1
                default: return window[pos]
                }
            }
            if atEOF { return nil }
            try readChunk()
        }
    }

    /// A member name at `pos` and the position after its `:`, or `nil` when it does not parse.
    private func member() throws(LeadsmithError) -> (String, Int)? {
        while true {
            var p = JSONParser(bytes: window, start: pos)
            if let key = try? p.parseString(), (try? p.expect(UInt8(ascii: ":"))) != nil, p.pos < window.count || atEOF {
                return (key, p.pos)
            }
            if atEOF { return nil }
            try grow()
        }
    }

    /// The end of the value at `from` when it parses (reading on while it may be cut), else `nil`.
    private func parsedEnd(from: Int) throws(LeadsmithError) -> Int? {
        while true {
            var p = JSONParser(bytes: window, start: from)
            let failure: JSONParser.Failure
            do throws(JSONParser.Failure) {
                _ = try p.parseValue()
                if p.pos < window.count || atEOF { return p.pos }
                failure = .unexpectedEnd
            } catch {
                failure = error
            }
            if atEOF { return nil }
            if failure == .unexpectedEnd { try grow() } else { try readRest() }
        }
    }

    /// Reads one more chunk; sets `atEOF` at the end of the input.
    private func readChunk() throws(LeadsmithError) {
        let chunk = try input.next()
        if chunk.isEmpty { atEOF = true } else { window.append(contentsOf: chunk) }
    }

    /// Reads until the window has doubled (or the input ends), so a long element is re-parsed a
    /// bounded number of times.
    private func grow() throws(LeadsmithError) {
        let target = window.count * 2
        repeat { try readChunk() } while !atEOF && window.count < target
    }

    /// Reads everything left.
    private func readRest() throws(LeadsmithError) {
        while !atEOF { try readChunk() }
    }

    /// The 1-based line of window position `position` (positions only move forward).
    private func lineAt(_ position: Int) -> Int {
        var i = lineOffset
        while i < position {
            if window[i] == 0x0A { line += 1 }
            i += 1
        }
        lineOffset = max(lineOffset, position)
        return line
    }

    /// Drops the consumed bytes before `pos` once there are enough of them.
    private func compact() {
        guard pos >= Self.compactAfter else { return }
        _ = lineAt(pos)
        window.removeSubrange(0..<pos)
        base += pos
        lineOffset -= pos
        pos = 0
    }
}
