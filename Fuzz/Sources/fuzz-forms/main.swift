import FuzzSupport
import LeadCore
import LeadIntake

/// Fuzzes the download reader end to end: bytes → scratch file → `Intake.open(source: .download)` → every item.
/// Format detection runs on the same bytes too. Errors (unusable input) are fine; crashes, hangs and leaks are not.
nonisolated(unsafe) let headers = try! HeaderSynonyms.load(FuzzSupport.rules)

@_cdecl("fuzz_forms_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzSupport.runDriver(argc, argv) { data, size in fuzz(data, size) }
}

/// One input (also exported under libFuzzer's name, which its own `main` links against).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = Intake.detect(prefix: Array(bytes.prefix(64 * 1024)))
    let path = FuzzSupport.writeScratch("input", bytes)
    do {
        var reader = try Intake.open(path: path, source: .download, headers: headers)
        var items = 0
        while let item = try reader.next() {
            items += 1
            if case .record(let record) = item { _ = record.fields.count }
        }
    } catch {
        _ = error.message
    }
    return 0
}
