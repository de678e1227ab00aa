#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LeadCore

/// A file or stdin read in fixed-size chunks through `read(2)`, never whole.
///
/// The first chunk is read at open time for format detection and handed to the reader first, so
/// detection works on pipes too. UTF-16 input (a byte order mark, or the NUL pattern of UTF-16 text)
/// is transcoded to UTF-8 as it streams, so every reader sees UTF-8 (or legacy 8-bit) bytes.
final class ByteSource {
    /// Chunk size for every read.
    static let chunkSize = 64 * 1024

    let path: String
    private let fd: Int32
    private let ownsFD: Bool
    private var pending: [UInt8]
    private(set) var atEOF = false
    /// Bytes read from the input so far, before any transcoding (lets tests prove that reading streams).
    private(set) var bytesRead = 0
    /// The transcoder of a UTF-16 input, `nil` for byte-oriented text.
    private var utf16: UTF16Transcoder?
    /// The UTF-16 byte order when the input is UTF-16 (read as UTF-8 after transcoding).
    var utf16ByteOrder: UTF16Transcoder.ByteOrder? { utf16?.order }

    /// Opens `path` (`"-"` = stdin) and reads the first chunk.
    /// - Throws: `.inputMissing` naming the path when it does not exist, is a directory or cannot be read.
    init(path: String) throws(LeadsmithError) {
        self.path = path
        if path == "-" {
            fd = 0
            ownsFD = false
        } else {
            var st = stat()
            guard stat(path, &st) == 0 else {
                let err = errno
                let what = err == ENOENT || err == ENOTDIR ? "input file not found" : "cannot access input (\(String(cString: strerror(err))))"
                throw LeadsmithError(.inputMissing, "\(what): \(path)", file: path)
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw LeadsmithError(.inputMissing, "input is a directory, not a file: \(path)", file: path)
            }
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else {
                let err = errno
                throw LeadsmithError(.inputMissing, "cannot open input (\(String(cString: strerror(err)))): \(path)", file: path)
            }
            fd = opened
            ownsFD = true
        }
        pending = []
        var first = try readRawChunk()
        if let order = UTF16Transcoder.byteOrderMark(first) {
            first.removeFirst(2)
            utf16 = UTF16Transcoder(order: order)
        } else if !first.starts(with: TextDecoding.bom), let order = UTF16Transcoder.sniffByteOrder(first) {
            utf16 = UTF16Transcoder(order: order)
        }
        pending = utf16 == nil ? first : try transcoded(first)
    }

    deinit {
        if ownsFD { close(fd) }
    }

    /// The bytes read so far and not yet taken (the detection prefix right after `init`).
    var prefix: [UInt8] { pending }

    /// Takes the detection prefix (the first chunk) for the reader; later calls to ``next()`` continue after it.
    func takePrefix() -> [UInt8] {
        defer { pending = [] }
        return pending
    }

    /// Takes the next chunk (the prefix first); an empty array means end of input.
    func next() throws(LeadsmithError) -> [UInt8] {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        return try readChunk()
    }

    /// Reads everything that is left (for JSON documents, which are one value).
    func readAll() throws(LeadsmithError) -> [UInt8] {
        var all = pending
        pending = []
        while true {
            let chunk = try readChunk()
            if chunk.isEmpty { break }
            all.append(contentsOf: chunk)
        }
        return all
    }

    /// The next chunk as the readers see it (UTF-8 for a UTF-16 input); empty at the end of input.
    private func readChunk() throws(LeadsmithError) -> [UInt8] {
        guard utf16 != nil else { return try readRawChunk() }
        if atEOF { return [] }
        return try transcoded(try readRawChunk())
    }

    /// Transcodes `raw` (UTF-16), reading on while a chunk yields nothing (a lone byte) before the end.
    private func transcoded(_ raw: [UInt8]) throws(LeadsmithError) -> [UInt8] {
        var out = utf16!.transcode(raw, final: atEOF)
        while out.isEmpty, !atEOF {
            out = utf16!.transcode(try readRawChunk(), final: atEOF)
        }
        return out
    }

    private func readRawChunk() throws(LeadsmithError) -> [UInt8] {
        if atEOF { return [] }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var filled = 0
        // Fill the whole chunk when the input delivers it in pieces (pipes), so the detection prefix is useful.
        while filled < buffer.count {
            let n = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let err = errno
                throw LeadsmithError(.inputMissing, "cannot read input (\(String(cString: strerror(err)))): \(path)", file: path)
            }
            if n == 0 {
                atEOF = true
                break
            }
            filled += n
        }
        buffer.removeSubrange(filled...)
        bytesRead += filled
        return buffer
    }
}
