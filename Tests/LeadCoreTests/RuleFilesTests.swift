import Foundation
import LeadCore
import Testing

/// Reading rule files: an empty file is an empty text (the ICP fuzz harness found a leak in the old
/// FileManager read of empty files), a folder or a missing file is a `bad_rules` error naming the path.
@Suite struct RuleFilesTests {
    private func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulefiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func emptyFileIsEmptyText() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data().write(to: dir.appendingPathComponent("icp.yaml"))
        let rules = RuleFiles(directory: dir)
        #expect(try rules.text("icp.yaml") == "")
        #expect(try rules.list("icp.yaml") == [])
    }

    @Test func textLargerThanOneReadKeepsEveryByte() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let line = "Geschäftsführerin # ß, ł, é\n"
        let text = String(repeating: line, count: 5_000)  // well over the 64 KB read buffer
        try Data(text.utf8).write(to: dir.appendingPathComponent("big.txt"))
        let rules = RuleFiles(directory: dir)
        #expect(try rules.text("big.txt") == text)
        #expect(try rules.list("big.txt").count == 5_000)
    }

    @Test func folderAndMissingFileAreBadRules() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("bant"), withIntermediateDirectories: true)
        let rules = RuleFiles(directory: dir)
        for name in ["bant", "nope.yaml"] {
            do {
                _ = try rules.text(name)
                Issue.record("\(name) should not read")
            } catch {
                #expect(error.code == .badRules)
                #expect(error.file?.hasSuffix(name) == true)
            }
        }
    }

    @Test func notUTF8IsBadRules() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0x66, 0xFF, 0xFE, 0x0A]).write(to: dir.appendingPathComponent("x.txt"))
        #expect(throws: LeadsmithError.self) { try RuleFiles(directory: dir).text("x.txt") }
    }
}
