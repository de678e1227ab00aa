import Foundation
import LeadCore

/// Shared inputs for the cleaning tests: the repo's real rules folder and the optional dev corpus.
enum CleaningFixtures {
    /// The repository root, found from this file's path.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repo's `rules/` folder.
    static let rules = RuleFiles(directory: repoRoot.appendingPathComponent("rules"))

    /// The dev corpus folder from `LEADSMITH_DEV_CORPUS`, or `nil` (checks against it are skipped).
    static let devCorpus: URL? = {
        guard let p = ProcessInfo.processInfo.environment["LEADSMITH_DEV_CORPUS"], !p.isEmpty,
              FileManager.default.fileExists(atPath: p + "/truth.ndjson") else { return nil }
        return URL(fileURLWithPath: p)
    }()

    /// The `lead` lines of the dev truth, as JSON objects.
    static func truthLeads() throws -> [[String: Any]] {
        guard let dir = devCorpus else { return [] }
        let text = try String(contentsOf: dir.appendingPathComponent("truth.ndjson"), encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return obj?["type"] as? String == "lead" ? obj : nil
        }
    }

    /// The conversations of the dev chatbot export.
    static func chatConversations() throws -> [[String: Any]] {
        guard let dir = devCorpus else { return [] }
        let data = try Data(contentsOf: dir.appendingPathComponent("leads/chatbot/chat_conversations_export.json"))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return root?["conversations"] as? [[String: Any]] ?? []
    }

    /// Shared, compiled once.
    static let titles: TitleNormalizer = {
        do { return try TitleNormalizer(rules: rules) } catch { fatalError("rules/titles.yaml: \(error)") }
    }()

    static let emailClassifier: EmailClassifier = {
        do { return try EmailClassifier(rules: rules) } catch { fatalError("rules/email: \(error)") }
    }()
}

/// `NSNull` and absent keys both read as `nil`.
func value<T>(_ obj: [String: Any]?, _ key: String, as: T.Type = T.self) -> T? {
    guard let v = obj?[key], !(v is NSNull) else { return nil }
    return v as? T
}
