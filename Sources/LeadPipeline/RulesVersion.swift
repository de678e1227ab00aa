import Foundation
import LeadCore

/// A short fingerprint of the rules folder, written on every lead (`rules_version`), so a reader
/// can tell which rules produced a score.
enum RulesVersion {
    static func of(_ rules: RuleFiles) throws(LeadsmithError) -> String {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: rules.directory.path) else {
            throw LeadsmithError(.badRules, "cannot list the rules folder", file: rules.directory.path)
        }
        var files: [String] = []
        while let f = walker.nextObject() as? String {
            if f.hasSuffix(".yaml") || f.hasSuffix(".txt") || f.hasSuffix(".tsv") || f.hasSuffix(".json") { files.append(f) }
        }
        var h: UInt64 = 0xcbf29ce484222325
        for f in files.sorted() {
            for b in f.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            if let data = fm.contents(atPath: rules.directory.appendingPathComponent(f).path) {
                for b in data { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
