import Foundation
import LeadTestSupport

/// Where the third-party conformance suites are (`../shared/conformance`, see its README), and the
/// `suite: passed/total` lines `scripts/conformance.sh` prints.
///
/// The suites are data from other projects, not copied into this repository: the tests that read them
/// run when `$LEADSMITH_CONFORMANCE` or `<repo>/../shared/conformance` exists and skip otherwise.
enum Conformance {
    static let directory: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["LEADSMITH_CONFORMANCE"], !env.isEmpty {
            return fm.fileExists(atPath: env + "/README.md") ? URL(fileURLWithPath: env) : nil
        }
        let sibling = TestSupport.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        return fm.fileExists(atPath: sibling.appendingPathComponent("README.md").path) ? sibling : nil
    }()

    static var available: Bool { directory != nil }

    /// The JSON array in `relativePath` as objects.
    static func cases(_ relativePath: String) throws -> [[String: Any]] {
        let url = directory!.appendingPathComponent(relativePath)
        let data = try Data(contentsOf: url)
        guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw CocoaError(.coderReadCorrupt, userInfo: [NSFilePathErrorKey: url.path])
        }
        return array
    }

    /// Prints the score line the CI step greps (`robots: 141/145`), plus the cases that differ.
    static func report(_ suite: String, passed: Int, total: Int, floor: Int, differing: [String]) {
        var text = "conformance \(suite): \(passed)/\(total) (floor \(floor))\n"
        for line in differing { text += "  \(suite) differs: \(line)\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
