import LeadCore
import LeadIntake

extension FuzzSupport {
    /// The header synonyms every intake harness reads with (loaded once).
    nonisolated(unsafe) public static let headers = try! HeaderSynonyms.load(rules)

    /// One intake input end to end: format detection on the bytes, then the bytes as a scratch file
    /// through `Intake.open(source:)` and every item. Errors (unusable input) are fine; crashes, hangs
    /// and leaks are what the harnesses look for.
    public static func readAll(_ bytes: UnsafeRawBufferPointer, as source: SourceKind) {
        _ = Intake.detect(prefix: Array(bytes.prefix(64 * 1024)))
        let path = writeScratch("input", bytes)
        do {
            var reader = try Intake.open(path: path, source: source, headers: headers)
            while let item = try reader.next() {
                if case .record(let record) = item { _ = record.fields.count }
            }
        } catch {
            _ = error.message
        }
    }
}
