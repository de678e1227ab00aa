import Foundation
import LeadCore
@testable import LeadQualify

/// Paths and shared fixtures of the LeadQualify tests.
enum TestSupport {
    /// The repository root (three levels above this file).
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's real `rules/` folder.
    static var rules: RuleFiles { RuleFiles(directory: repoRoot.appendingPathComponent("rules")) }

    /// The dev corpus when `LEADSMITH_DEV_CORPUS` points at it (gated tests are skipped otherwise).
    static var devCorpus: URL? {
        guard let path = ProcessInfo.processInfo.environment["LEADSMITH_DEV_CORPUS"], !path.isEmpty,
              FileManager.default.fileExists(atPath: path + "/truth.ndjson") else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// One extractor for all tests (loading the cue files once).
    static let extractor: BANTExtractor? = try? BANTExtractor(rules: rules)

    /// Objects of an NDJSON file.
    static func ndjson(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// A temporary rules folder holding `files` (relative path → text); removed by the caller.
    static func temporaryRules(_ files: [String: String], copyingBANT: Bool = false) throws -> RuleFiles {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("leadqualify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if copyingBANT {
            try FileManager.default.copyItem(at: rules.url("bant"), to: dir.appendingPathComponent("bant"))
        }
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return RuleFiles(directory: dir)
    }
}
