import Dispatch
import Foundation
import LeadCore

/// Shared plumbing of the harnesses: the rule folder, a scratch file for readers that take a path, and
/// a way to wait for async work from libFuzzer's synchronous callback.
public enum FuzzSupport {
    /// The rule folder: `$LEADSMITH_RULES`, else `./rules`, else `../rules` (run from `Fuzz/`).
    public static let rules: RuleFiles = {
        let env = ProcessInfo.processInfo.environment["LEADSMITH_RULES"]
        for candidate in [env, "rules", "../rules"].compactMap({ $0 }) {
            if let found = try? RuleFiles.locate(explicit: candidate) { return found }
        }
        fatalError("fuzz harness: no rules folder (set LEADSMITH_RULES)")
    }()

    /// A private scratch directory for this process (removed by the OS's tmp cleaning; small).
    public static let scratchDirectory: String = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/leadsmith-fuzz-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            fatalError("fuzz harness: mkdtemp failed")
        }
        return String(cString: made)
    }()

    /// Writes `bytes` to `name` in the scratch directory (replacing it) and returns its path.
    public static func writeScratch(_ name: String, _ bytes: UnsafeRawBufferPointer) -> String {
        let path = scratchDirectory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "fuzz harness: cannot write \(path)")
        var off = 0
        while off < bytes.count {
            let n = write(fd, bytes.baseAddress! + off, bytes.count - off)
            precondition(n > 0, "fuzz harness: short write")
            off += n
        }
        close(fd)
        return path
    }

    /// Runs `testOneInput` once on every file of `$FUZZ_WARMUP_DIR` (the seeds) before fuzzing, so
    /// rule files and lazily built statics (compiled regular expressions) are set up here, once.
    ///
    /// What Foundation keeps from that one-time set-up is not a per-input leak; `Fuzz/lsan.supp`
    /// suppresses leaks allocated under this function (its name), and only those.
    @inline(never)
    public static func warmUp(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) {
        guard let dir = ProcessInfo.processInfo.environment["FUZZ_WARMUP_DIR"],
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names.sorted() {
            guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { continue }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { testOneInput($0.baseAddress, $0.count) }
        }
    }

    /// The harness's entry point: hands the command line to libFuzzer's driver with `testOneInput`.
    ///
    /// SwiftPM links an executable's entry as `<module>_main`; with `-parse-as-library` each harness
    /// defines that symbol (`@_cdecl("fuzz_csv_main")`) and calls this.
    public static func runDriver(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                                 _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
        warmUp(testOneInput)
        var argc = argc
        var argv = Optional(argv)
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }

    /// Runs async `work` to completion and returns its result (the callback itself is synchronous).
    public static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

/// Carries a result out of the detached task (written once, read after the semaphore).
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// libFuzzer's driver (`-sanitize=fuzzer` links it): parses the flags, runs the corpus, fuzzes.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
