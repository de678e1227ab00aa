import Foundation
import LeadCore
@testable import LeadIntake

/// Shared helpers for the intake tests.
enum Support {
    /// The repository's real rules folder.
    static let rules = RuleFiles(directory: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules"))

    /// Header synonyms from the real rules folder (loaded once).
    static let headers: HeaderSynonyms = {
        do {
            return try HeaderSynonyms.load(rules)
        } catch {
            fatalError("rules/intake/headers.yaml does not load: \(error)")
        }
    }()

    /// The path of a fixture file.
    static func fixture(_ name: String) -> String {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return dir.appendingPathComponent(name).path
    }

    /// Reads every item of `path`.
    static func readAll(_ path: String, source: SourceKind? = nil) throws -> [IntakeItem] {
        var reader = try Intake.open(path: path, source: source, headers: headers)
        var items: [IntakeItem] = []
        while let item = try reader.next() { items.append(item) }
        return items
    }

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], suffix: String = ".txt") throws -> String {
        let path = NSTemporaryDirectory() + "leadintake-\(UUID().uuidString)\(suffix)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func temporaryFile(_ text: String, suffix: String = ".txt") throws -> String {
        try temporaryFile(Array(text.utf8), suffix: suffix)
    }

    /// Reads every item of in-memory text (through a temporary file).
    static func read(_ text: String, source: SourceKind? = nil, suffix: String = ".txt") throws -> [IntakeItem] {
        let path = try temporaryFile(text, suffix: suffix)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try readAll(path, source: source)
    }

    static func read(bytes: [UInt8], source: SourceKind? = nil) throws -> [IntakeItem] {
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try readAll(path, source: source)
    }
}

extension IntakeItem {
    var record: RawRecord? {
        if case .record(let r) = self { return r }
        return nil
    }

    var reject: IntakeReject? {
        if case .reject(let r) = self { return r }
        return nil
    }
}

extension Array where Element == IntakeItem {
    var records: [RawRecord] { compactMap(\.record) }
    var rejects: [IntakeReject] { compactMap(\.reject) }
}
