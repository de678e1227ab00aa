import Foundation
public import LeadCore

/// A 128-bit content hash of an input file (two FNV-1a 64 lanes), so enqueueing the same file
/// again is recognised whatever its name. Not cryptographic: it detects repeats, not tampering.
public enum ContentHash {
    /// The hash of a file's bytes as 32 hex digits.
    /// - Throws: `input_missing` (66) when the file cannot be read.
    public static func of(file path: String) throws(LeadsmithError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LeadsmithError(.inputMissing, "input file is not readable", file: path)
        }
        defer { try? handle.close() }
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        while true {
            let data: Data?
            do { data = try handle.read(upToCount: 1 << 20) } catch {
                throw LeadsmithError(.inputMissing, "cannot read input file: \(error)", file: path)
            }
            guard let data, !data.isEmpty else { break }
            data.withUnsafeBytes { buf in
                for byte in buf {
                    a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
                    b = (b ^ UInt64(byte)) &* 0x100_0000_01b3
                    b = b &+ (b >> 29)
                }
            }
        }
        return hex(a) + hex(b)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
