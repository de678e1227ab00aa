import Foundation
import LeadCore

/// An append-only temporary file of cleaned records, so a run keeps only the dedupe index in memory.
///
/// Records are written as JSON lines; each append returns the location used to read it back.
final class RecordSpool {
    struct Location: Sendable {
        var offset: UInt64
        var length: UInt32
    }

    private let url: URL
    private let handle: FileHandle
    private var size: UInt64 = 0
    private var pending = Data()
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    init() throws(LeadsmithError) {
        let dir = FileManager.default.temporaryDirectory
        url = dir.appendingPathComponent("leadsmith-spool-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).ndjson")
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
    }

    deinit {
        try? handle.close()
    }

    func append(_ record: CleanRecord) throws(LeadsmithError) -> Location {
        let data: Data
        do {
            data = try encoder.encode(record)
        } catch {
            throw LeadsmithError(.internalError, "cannot encode a record for the spool: \(error)")
        }
        let loc = Location(offset: size + UInt64(pending.count), length: UInt32(data.count))
        pending.append(data)
        pending.append(0x0A)
        if pending.count >= 1 << 20 { try flush() }
        return loc
    }

    /// Appends a record already encoded (``encode(_:with:)``); returns where it is.
    func append(encoded data: Data) throws(LeadsmithError) -> Location {
        let loc = Location(offset: size + UInt64(pending.count), length: UInt32(data.count))
        pending.append(data)
        pending.append(0x0A)
        if pending.count >= 1 << 20 { try flush() }
        return loc
    }

    func flush() throws(LeadsmithError) {
        guard !pending.isEmpty else { return }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: pending)
        } catch {
            throw LeadsmithError(.outputFailed, "cannot write the temporary spool file: \(error)", file: url.path)
        }
        size += UInt64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    func read(_ loc: Location) throws(LeadsmithError) -> CleanRecord {
        try Self.decode(try readData(loc), with: decoder)
    }

    /// The stored bytes of one record, to decode elsewhere (``decode(_:with:)``).
    func readData(_ loc: Location) throws(LeadsmithError) -> Data {
        do {
            try handle.seek(toOffset: loc.offset)
            guard let data = try handle.read(upToCount: Int(loc.length)), data.count == Int(loc.length) else {
                throw LeadsmithError(.internalError, "spool file is shorter than expected")
            }
            return data
        } catch let e as LeadsmithError {
            throw e
        } catch {
            throw LeadsmithError(.internalError, "cannot read back a spooled record: \(error)")
        }
    }

    /// Decodes the bytes of one spooled record.
    static func decode(_ data: Data, with decoder: JSONDecoder) throws(LeadsmithError) -> CleanRecord {
        do {
            return try decoder.decode(CleanRecord.self, from: data)
        } catch {
            throw LeadsmithError(.internalError, "cannot read back a spooled record: \(error)")
        }
    }
}
