import Foundation

/// The repository's `rules/` folder, found from this file's path.
enum RulesFolder {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("rules")
    }
}
