import FuzzSupport
import LeadFetch

/// Fuzzes robots.txt: the input's first line is a path to check, the rest is the robots.txt text
/// (read as UTF-8 with repairs, as the live source does).
@_cdecl("fuzz_robots_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzSupport.runDriver(argc, argv) { data, size in fuzz(data, size) }
}

/// One input (also exported under libFuzzer's name, which its own `main` links against).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let path = String(decoding: bytes[..<split], as: UTF8.self)
    let text = String(decoding: bytes[min(split + 1, bytes.count)...], as: UTF8.self)
    for token in ["leadsmith", "*"] {
        let robots = RobotsTxt(parsing: text, productToken: token)
        _ = robots.allows(path.hasPrefix("/") ? path : "/" + path)
        _ = robots.allows("/")
        _ = robots.crawlDelay
    }
    return 0
}
