public import Foundation
public import LeadCore

/// A 128-bit content hash of an input file (two FNV-1a 64 lanes), so enqueueing the same file
/// again is recognised whatever its name. Not cryptographic: it detects repeats, not tampering.
public enum ContentHash {
    /// The running hash state.
    struct State {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142

        mutating func update(_ data: Data) {
            var a = self.a, b = self.b
            data.withUnsafeBytes { buf in
                for byte in buf {
                    a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
                    b = (b ^ UInt64(byte)) &* 0x100_0000_01b3
                    b = b &+ (b >> 29)
                }
            }
            self.a = a
            self.b = b
        }

        var hex: String { ContentHash.hex(a) + ContentHash.hex(b) }
    }

    /// The hash of a file's bytes as 32 hex digits.
    /// - Throws: `input_missing` (66) when the file cannot be read.
    public static func of(file path: String) throws(LeadsmithError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LeadsmithError(.inputMissing, "input file is not readable", file: path)
        }
        defer { try? handle.close() }
        var state = State()
        while true {
            let data: Data?
            do { data = try handle.read(upToCount: 1 << 20) } catch {
                throw LeadsmithError(.inputMissing, "cannot read input file: \(error)", file: path)
            }
            guard let data, !data.isEmpty else { break }
            state.update(data)
        }
        return state.hex
    }

    /// Copies everything from `input` (standard input by default) into a new file in `directory`,
    /// hashing it on the way: a pipe can be read once, but `enqueue` needs its hash before its records.
    /// - Returns: The copy (the caller deletes it) and its hash, the same as ``of(file:)`` of the copy.
    /// - Throws: `input_missing` (66) when the input cannot be read, `output_failed` (74) when the copy cannot be written.
    public static func spool(_ input: FileHandle = .standardInput,
                             into directory: URL = FileManager.default.temporaryDirectory) throws(LeadsmithError) -> (copy: URL, hash: String) {
        let copy = directory.appendingPathComponent("leadsmith-stdin-\(UInt64.random(in: 0...UInt64.max)).spool")
        guard FileManager.default.createFile(atPath: copy.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let out = FileHandle(forWritingAtPath: copy.path) else {
            throw LeadsmithError(.outputFailed, "cannot create a spool file for standard input", file: copy.path)
        }
        defer { try? out.close() }
        var state = State()
        while true {
            let data: Data?
            do { data = try input.read(upToCount: 1 << 20) } catch {
                try? FileManager.default.removeItem(at: copy)
                throw LeadsmithError(.inputMissing, "cannot read standard input: \(error)", file: "-")
            }
            guard let data, !data.isEmpty else { break }
            state.update(data)
            do { try out.write(contentsOf: data) } catch {
                try? FileManager.default.removeItem(at: copy)
                throw LeadsmithError(.outputFailed, "cannot write the spool file for standard input: \(error)", file: copy.path)
            }
        }
        return (copy, state.hex)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
