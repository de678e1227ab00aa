import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// A streamed chat export gives what the whole-document walk gives: the same elements, lines,
/// values, failures and raw bytes, across read-chunk and compaction boundaries; it holds one window,
/// not the export.
struct ChatStreamTests {
    struct Seen: Equatable, CustomStringConvertible {
        var index, line, start, end: Int
        var value: JSONValue?
        var failure: JSONParser.Failure?
        var repaired: Bool
        var raw: [UInt8]
        var description: String { "#\(index) line \(line) \(start)..<\(end) failure \(String(describing: failure)) raw \(raw.count)B" }
    }

    static func start(_ bytes: [UInt8]) -> Int {
        var s = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while s < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[s]) { s += 1 }
        return s
    }

    /// The whole-document walk, as the reader used it before streaming.
    static func whole(_ bytes: [UInt8]) throws -> [Seen] {
        let elements = try ChatDocument.elements(bytes, start: start(bytes), keys: Support.headers.chat, file: "t.json")
        return elements.map { e in
            let (value, repaired) = e.failure != nil || e.value != nil ? (e.value, e.repairedUTF8)
                : { let p = JSONParser.parseWhole(bytes, start: e.start, end: e.end); return (p.value, p.repaired) }()
            return Seen(index: e.index, line: e.line, start: e.start, end: e.end, value: value, failure: e.failure,
                        repaired: repaired, raw: Array(bytes[e.start..<min(e.end, e.start + ChatStream.rawLimit)]))
        }
    }

    /// The stream, or `nil` when the document is read whole (then the bytes read so far are a prefix).
    static func streamed(_ bytes: [UInt8]) throws -> (items: [Seen], maxWindowRead: Int)? {
        let path = try Support.temporaryFile(bytes, suffix: ".json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try ByteSource(path: path)
        let (stream, readSoFar) = try ChatStream.open(prefix: input.takePrefix(), start: start(bytes), keys: Support.headers.chat, input: input)
        guard let stream else {
            #expect(bytes.starts(with: readSoFar), "the bytes read before falling back are the document's start")
            return nil
        }
        var items: [Seen] = []
        var ahead = 0
        while let item = try stream.next() {
            let e = item.element
            items.append(Seen(index: e.index, line: e.line, start: e.start, end: e.end, value: e.value, failure: e.failure,
                              repaired: e.repairedUTF8, raw: Array(item.raw)))
            ahead = max(ahead, input.bytesRead - e.end)
        }
        return (items, ahead)
    }

    /// About `count` conversations with varied sizes, whitespace, escapes and non-ASCII text.
    static func conversations(_ count: Int, longEvery: Int = 97) -> [String] {
        (0..<count).map { i in
            let text = i % longEvery == 5 ? String(repeating: "Wir brauchen ein Budget von 50.000 € — ", count: 2_000) : "hello \(i) \\\"quoted\\\" ünïcödé \\u00e9"
            let sep = i % 3 == 0 ? "\n  " : " "
            return "{\"id\":\"c\(i)\",\(sep)\"visitor\":{\"email\":\"p\(i)@example.com\",\"name\":\"P \(i)\"},\"messages\":[{\"role\":\"visitor\",\"text\":\"\(text)\"}],\"n\":\(i)}"
        }
    }

    static func array(_ items: [String]) -> [UInt8] { Array(("[\n" + items.joined(separator: ",\n") + "\n]\n").utf8) }
    static func wrapped(_ items: [String]) -> [UInt8] {
        Array(("{\"export\":{\"tool\":\"bot\",\"at\":\"2026-11-01\"},\"visitor\":null,\n\"conversations\": [" + items.joined(separator: ",") + "]}").utf8)
    }

    @Test func aLargeArrayStreamsWithTheWholeDocumentsElements() throws {
        let doc = Self.array(Self.conversations(6_000))
        #expect(doc.count > 3 * ChatStream.compactAfter, "the test spans several compactions")
        let reference = try Self.whole(doc)
        let got = try #require(try Self.streamed(doc))
        #expect(got.items == reference)
        #expect(got.items.count == 6_000)
        #expect(got.maxWindowRead < 2 * ChatStream.compactAfter, "reading stays about one window ahead, not the whole export")
    }

    @Test func theConversationsArrayOfAnExportObjectStreams() throws {
        let doc = Self.wrapped(Self.conversations(3_000))
        let got = try #require(try Self.streamed(doc))
        #expect(got.items == (try Self.whole(doc)))
        #expect(got.items.count == 3_000)
    }

    @Test func cutAndBrokenDocumentsEndAsTheWholeWalkEnds() throws {
        let full = Self.array(Self.conversations(400))
        var cuts = [ByteSource.chunkSize - 1, ByteSource.chunkSize, ByteSource.chunkSize + 1, 2 * ByteSource.chunkSize + 7,
                    full.count - 1, full.count - 3, full.count / 2]
        // Right after a comma between elements, and inside a string.
        if let comma = full[(ByteSource.chunkSize + 10)...].firstIndex(of: UInt8(ascii: ",")) { cuts += [comma, comma + 1] }
        for cut in cuts {
            let doc = Array(full[..<cut])
            let got = try #require(try Self.streamed(doc))
            #expect(got.items == (try Self.whole(doc)), "cut at \(cut)")
        }
        // A broken element in the middle ends the stream with the same failure and raw bytes.
        var broken = full
        let at = try #require(broken[(3 * ByteSource.chunkSize)...].firstIndex(of: UInt8(ascii: ":")))
        broken[at] = UInt8(ascii: "?")
        let got = try #require(try Self.streamed(broken))
        let reference = try Self.whole(broken)
        #expect(got.items == reference)
        #expect(reference.last?.failure != nil)
    }

    @Test func aNumberAcrossAChunkBoundaryIsReadWhole() throws {
        // Bare numbers are elements too (each a not-an-object reject): one must not be cut at a chunk end.
        var text = "["
        var i = 0
        while text.utf8.count < 3 * ByteSource.chunkSize { text += "\(123_456_789 + i), "; i += 1 }
        text += "1]"
        let doc = Array(text.utf8)
        let got = try #require(try Self.streamed(doc))
        #expect(got.items == (try Self.whole(doc)))
        #expect(got.items.allSatisfy { if case .int? = $0.value { true } else { false } })
    }

    @Test func otherShapesAreReadWhole() throws {
        // Another array that parses whole comes first: the walk passes it too, so the stream opens.
        let agentsFirst = Array(("{\"agents\":[{\"id\":1}],\"conversations\":[" + Self.conversations(3).joined(separator: ",") + "]}").utf8)
        let streamed = try #require(try Self.streamed(agentsFirst))
        #expect(streamed.items == (try Self.whole(agentsFirst)))
        #expect(streamed.items.count == 3)
        // A broken array before the conversations: the walk stops in it, so the stream declines.
        let brokenFirst = Array(("{\"agents\":[{\"id\":1},{bad],\"conversations\":[" + Self.conversations(3).joined(separator: ",") + "]}").utf8)
        #expect(try Self.streamed(brokenFirst) == nil)
        // A single conversation, and broken JSON before any array.
        #expect(try Self.streamed(Array(Self.conversations(1)[0].utf8)) == nil)
        #expect(try Self.streamed(Array("{\"export\": {\"tool\": ,}, \"conversations\": []}".utf8)) == nil)
        // The reader still gives the whole walk's records for a single conversation.
        let single = try Support.read(bytes: Array(Self.conversations(1)[0].utf8))
        #expect(single.count == 1)
    }

    @Test func theReaderStreamsALargeExportInChunks() throws {
        let doc = Self.wrapped(Self.conversations(4_000))
        let path = try Support.temporaryFile(doc, suffix: ".json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try ByteSource(path: path)
        var reader = try ChatbotJSONReader(input: input, file: path, headers: Support.headers)
        guard case .record(let first)? = try reader.next() else { Issue.record("no first record"); return }
        #expect(first.record == 1)
        #expect(input.bytesRead < doc.count / 2, "the first record comes before the export is read")
        var records = 1
        while let item = try reader.next() { if case .record = item { records += 1 } }
        #expect(records == 4_000)
        #expect(input.bytesRead == doc.count)
    }
}
