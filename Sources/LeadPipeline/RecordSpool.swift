import Foundation
import LeadCore

/// An append-only temporary file of cleaned records, so a run keeps only the dedupe index in memory.
///
/// Records are written in the binary form of ``SpoolCodec``, one after the other; each append
/// returns the location used to read it back.
final class RecordSpool {
    struct Location: Sendable {
        var offset: UInt64
        var length: UInt32
    }

    private let url: URL
    private let handle: FileHandle
    private var size: UInt64 = 0
    private var pending: [UInt8] = []

    init() throws(LeadsmithError) {
        let dir = FileManager.default.temporaryDirectory
        url = dir.appendingPathComponent("leadsmith-spool-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).bin")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw LeadsmithError(.outputFailed, "cannot create the temporary spool file", file: url.path)
        }
        do {
            handle = try FileHandle(forUpdating: url)
        } catch {
            throw LeadsmithError(.outputFailed, "cannot open the temporary spool file: \(error)", file: url.path)
        }
        // The file is private to this run; unlink it now so it disappears even on a crash.
        unlink(url.path)
        pending.reserveCapacity(1 << 20 + 4096)
    }

    deinit {
        try? handle.close()
    }

    func append(_ record: CleanRecord) throws(LeadsmithError) -> Location {
        try append(encoded: Self.encode(record))
    }

    /// Appends a record already encoded (``encode(_:)``); returns where it is.
    func append(encoded bytes: [UInt8]) throws(LeadsmithError) -> Location {
        guard bytes.count <= Int(UInt32.max) else {
            throw LeadsmithError(.internalError, "a record is too large for the spool (\(bytes.count) bytes)")
        }
        let loc = Location(offset: size + UInt64(pending.count), length: UInt32(bytes.count))
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { try flush() }
        return loc
    }

    func flush() throws(LeadsmithError) {
        guard !pending.isEmpty else { return }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(pending))
        } catch {
            throw LeadsmithError(.outputFailed, "cannot write the temporary spool file: \(error)", file: url.path)
        }
        size += UInt64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    func read(_ loc: Location) throws(LeadsmithError) -> CleanRecord {
        try Self.decode(try readData(loc))
    }

    /// The stored bytes of one flushed record, to decode elsewhere (``decode(_:)``).
    func readData(_ loc: Location) throws(LeadsmithError) -> [UInt8] {
        let n = Int(loc.length)
        let fd = handle.fileDescriptor
        var got = 0
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
            while got < n {
                let r = pread(fd, buffer.baseAddress! + got, n - got, off_t(loc.offset) + off_t(got))
                if r > 0 {
                    got += r
                } else if r < 0, errno == EINTR {
                    continue
                } else {
                    failure = r < 0 ? errno : 0
                    break
                }
            }
            count = got
        }
        guard got == n else {
            let reason = failure != 0 ? String(cString: strerror(failure)) : "spool file is shorter than expected"
            throw LeadsmithError(.internalError, "cannot read back a spooled record: \(reason)", file: url.path)
        }
        return bytes
    }

    /// The spool bytes of a record.
    static func encode(_ record: CleanRecord) -> [UInt8] { SpoolCodec.encode(record) }

    /// Decodes the bytes of one spooled record.
    static func decode(_ bytes: [UInt8]) throws(LeadsmithError) -> CleanRecord {
        do {
            return try SpoolCodec.decode(bytes)
        } catch {
            throw LeadsmithError(.internalError, "cannot read back a spooled record: \(error)", cause: error)
        }
    }
}
