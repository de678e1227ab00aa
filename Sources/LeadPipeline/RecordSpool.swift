import LeadCore

/// An append-only temporary file of cleaned records, so a run keeps only the dedupe index in memory.
///
/// Records are written in the binary form of ``SpoolCodec``, one after the other; each append
/// returns the location used to read it back. Flushed records can be read from any thread.
final class RecordSpool: Sendable {
    typealias Location = SpillFile.Location

    private let file: SpillFile

    init() throws(LeadsmithError) {
        file = try SpillFile(prefix: "leadsmith-spool")
    }

    func append(_ record: CleanRecord) throws(LeadsmithError) -> Location {
        try append(encoded: Self.encode(record))
    }

    /// Appends a record already encoded (``encode(_:)``); returns where it is.
    func append(encoded bytes: [UInt8]) throws(LeadsmithError) -> Location {
        try file.append(bytes)
    }

    /// Writes the buffered records out, so every appended record can be read.
    func flush() throws(LeadsmithError) {
        try file.flush()
    }

    func read(_ loc: Location) throws(LeadsmithError) -> CleanRecord {
        try Self.decode(try readData(loc))
    }

    /// The stored bytes of one flushed record, to decode elsewhere (``decode(_:)``).
    func readData(_ loc: Location) throws(LeadsmithError) -> [UInt8] {
        try file.read(loc)
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
