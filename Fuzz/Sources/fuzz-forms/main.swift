import FuzzSupport

/// Fuzzes the download reader end to end (`FuzzSupport.readAll(_:as: .download)`): format detection, then
/// `Intake.open(source: .download)` and every item.
@_cdecl("fuzz_forms_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzSupport.runDriver(argc, argv) { data, size in fuzz(data, size) }
}

/// One input (also exported under libFuzzer's name, which its own `main` links against).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzSupport.readAll(UnsafeRawBufferPointer(start: data, count: size), as: .download)
    return 0
}
