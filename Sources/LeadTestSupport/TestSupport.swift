public import Foundation
public import LeadCore

/// Paths and helpers shared by the test targets.
public enum TestSupport {
    /// The repository root (found from this file's location).
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's real `rules/` folder.
    public static var rules: RuleFiles { RuleFiles(directory: repoRoot.appendingPathComponent("rules")) }

    /// The dev corpus when `LEADSMITH_DEV_CORPUS` points at it, else `nil` (tests that need it skip).
    public static var devCorpus: URL? {
        guard let p = ProcessInfo.processInfo.environment["LEADSMITH_DEV_CORPUS"], !p.isEmpty,
              FileManager.default.fileExists(atPath: p + "/truth.ndjson") else { return nil }
        return URL(fileURLWithPath: p)
    }

    /// A fresh temporary directory, removed by the caller with `removeItem` when done.
    public static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadsmith-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `dir/name` and returns the path.
    @discardableResult
    public static func write(_ text: String, to dir: URL, name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Parses NDJSON text into JSON objects (Foundation), failing on any line that is not an object.
    public static func ndjsonObjects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            return obj
        }
    }
}

extension TestSupport {
    /// The non-empty lines of NDJSON text.
    public static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }
}
