import Foundation
import LeadCore
import Testing
@testable import LeadIntake
#if canImport(Glibc)
import Glibc
#endif

/// Readers stream: a big file is read chunk by chunk, never whole; pipes work.
struct StreamingTests {
    static func bigCSV(rows: Int) -> [UInt8] {
        var text = "Email Address,First Name,Last Name,Company,Notes\n"
        text.reserveCapacity(rows * 80)
        for i in 1...rows {
            text += "user\(i)@company\(i % 97).example,First\(i),Last\(i),\"Company \(i), Inc.\",\"line one\nline two\"\n"
        }
        return Array(text.utf8)
    }

    @Test func twentyThousandRowsAreReadInChunks() throws {
        let bytes = Self.bigCSV(rows: 20_000)
        let path = try Support.temporaryFile(bytes, suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try ByteSource(path: path)
        var reader = NewsletterCSVReader(input: input, file: path, headers: Support.headers)
        let first = try #require(try reader.next()?.record)
        #expect(first.fields["email"] == "user1@company1.example")
        #expect(input.bytesRead <= ByteSource.chunkSize, "only the first chunk was read for the first record")
        #expect(input.bytesRead < bytes.count)
        var count = 1
        var last: RawRecord?
        while let item = try reader.next() {
            count += 1
            last = item.record
        }
        #expect(count == 20_000)
        #expect(last?.record == 20_000)
        #expect(last?.line == 1 + 2 * 19_999 + 1, "each record spans two physical lines")
        #expect(input.bytesRead == bytes.count)
    }

    @Test func readsFromAPipe() throws {
        let path = NSTemporaryDirectory() + "leadintake-fifo-\(UUID().uuidString)"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let payload = Self.bigCSV(rows: 500)
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            var offset = 0
            while offset < payload.count {
                let n = min(1000, payload.count - offset)
                _ = payload.withUnsafeBytes { write(fd, $0.baseAddress! + offset, n) }
                offset += n
            }
            close(fd)
        }
        writer.start()
        let records = try Support.readAll(path).records
        #expect(records.count == 500)
        #expect(records.last?.fields["company"] == "Company 500, Inc.")
    }
}

/// UTF-16 streams like UTF-8: transcoded chunk by chunk, the file is never held whole.
struct UTF16StreamingTests {
    @Test func aBigUTF16FileIsTranscodedChunkByChunk() throws {
        let text = String(decoding: StreamingTests.bigCSV(rows: 20_000), as: UTF8.self).replacingOccurrences(of: "Inc.", with: "Ges.m.b.H. Österreich")
        var bytes: [UInt8] = [0xFF, 0xFE]
        bytes.reserveCapacity(text.utf16.count * 2 + 2)
        for unit in text.utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        let path = try Support.temporaryFile(bytes, suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try ByteSource(path: path)
        #expect(input.utf16ByteOrder == .littleEndian)
        #expect(input.prefix.count <= ByteSource.chunkSize, "the detection prefix is one transcoded chunk")
        var reader = NewsletterCSVReader(input: input, file: path, headers: Support.headers)
        let first = try #require(try reader.next()?.record)
        #expect(first.fields["company"] == "Company 1, Ges.m.b.H. Österreich")
        #expect(input.bytesRead <= ByteSource.chunkSize, "only the first chunk was read for the first record")
        var count = 1
        var largestRaw = 0
        while let item = try reader.next() {
            count += 1
            largestRaw = max(largestRaw, item.record?.raw.utf8.count ?? 0)
        }
        #expect(count == 20_000)
        #expect(input.bytesRead == bytes.count)
        #expect(largestRaw < 200, "each record holds its own text only")
    }
}

/// NDJSON line splitting.
struct LineReaderTests {
    static func lines(_ text: String, max: Int = LineReader.defaultMaxLineBytes, chunk: Int = 3) throws -> [(String, Bool)] {
        var chunks = stride(from: 0, to: text.utf8.count, by: chunk).map { Array(Array(text.utf8)[$0..<min($0 + chunk, text.utf8.count)]) }
        var reader = LineReader(initial: [], maxLineBytes: max) { () throws(LeadsmithError) -> [UInt8] in
            chunks.isEmpty ? [] : chunks.removeFirst()
        }
        var out: [(String, Bool)] = []
        while let line = try reader.next() { out.append((String(decoding: line, as: UTF8.self), reader.overlong)) }
        return out
    }

    @Test func splitsAcrossChunksWithCRLFAndAFinalLineWithoutBreak() throws {
        let out = try Self.lines("ab\r\n\ncdef\nlast")
        #expect(out.map(\.0) == ["ab", "", "cdef", "last"])
    }

    @Test(arguments: [1, 2, 3, 5])
    func loneCRIsABreakAndCRLFStaysOneAtEveryChunkSize(chunk: Int) throws {
        let out = try Self.lines("a\rb\r\nc\n\rd\r", chunk: chunk)
        #expect(out.map(\.0) == ["a", "b", "c", "", "d"])
    }

    @Test func overlongLinesAreCutAndFlaggedWithoutKeepingTheRest() throws {
        let out = try Self.lines("short\n" + String(repeating: "x", count: 50) + "\nnext\n", max: 10)
        #expect(out.map(\.0) == ["short", "xxxxxxxxxx", "next"])
        #expect(out.map(\.1) == [false, true, false])
    }
}
