import Foundation
import FuzzSupport
import LeadCore
import LeadQualify

/// Fuzzes the ICP rule parser: the bytes are an `icp.yaml` in a scratch rule folder; parse problems
/// are errors with a position, never a crash.
@_cdecl("fuzz_icp_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzSupport.runDriver(argc, argv) { data, size in fuzz(data, size) }
}

/// One input (also exported under libFuzzer's name, which its own `main` links against).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    _ = FuzzSupport.writeScratch("icp.yaml", UnsafeRawBufferPointer(start: data, count: size))
    let rules = RuleFiles(directory: URL(fileURLWithPath: FuzzSupport.scratchDirectory))
    do {
        _ = try ICPRules.load(rules)
    } catch {
        _ = error.message
    }
    return 0
}
