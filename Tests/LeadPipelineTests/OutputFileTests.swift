import Foundation
import LeadCore
@testable import LeadPipeline
import Testing

/// The output file writes its buffer with write(2): every byte arrives, in order, and a full disk
/// is an `output_failed` error that names the file.
struct OutputFileTests {
    @Test func everyByteArrivesInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leadsmith-out-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = try OutputFile(path: path)
        var expected: [UInt8] = []
        for i in 0..<20_000 {  // several 64 KB flushes
            let line = Array("{\"n\":\(i),\"pad\":\"\(String(repeating: "é", count: i % 37))\"}\n".utf8)
            try out.write(bytes: line[...])
            expected.append(contentsOf: line)
        }
        try out.writeLine(.object([("end", .bool(true))]))
        expected.append(contentsOf: Array("{\"end\":true}\n".utf8))
        try out.finish()
        #expect(out.lines == 20_001)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsAnOutputError() throws {
        let out = try OutputFile(path: "/dev/full")
        do {
            for _ in 0..<10 { try out.write(bytes: Array(repeating: 0x41, count: 40_000)[...]) }
            try out.finish()
            Issue.record("writing to /dev/full did not fail")
        } catch {
            #expect(error.code == .outputFailed)
            #expect(error.message.contains("cannot write output"))
            #expect(error.file == "/dev/full")
        }
    }
}
