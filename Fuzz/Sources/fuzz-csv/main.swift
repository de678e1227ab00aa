import FuzzSupport

/// Fuzzes the newsletter reader end to end (`FuzzSupport.readAll(_:as: .newsletter)`): format detection, then
/// `Intake.open(source: .newsletter)` and every item.
@_cdecl("fuzz_csv_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzSupport.runDriver(argc, argv) { data, size in fuzz(data, size) }
}

/// One input (also exported under libFuzzer's name, which its own `main` links against).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzSupport.readAll(UnsafeRawBufferPointer(start: data, count: size), as: .newsletter)
    return 0
}
