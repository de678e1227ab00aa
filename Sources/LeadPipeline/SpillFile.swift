import Foundation
import LeadCore
import Synchronization

/// An append-only temporary file private to the run: it is unlinked as soon as it is opened, so
/// it disappears when the run ends, even on a crash.
///
/// Appends are buffered and written 1 MB at a time; reads use `pread`, so any thread can read
/// what has been flushed while another appends.
final class SpillFile: Sendable {
    /// Where one appended blob is.
    struct Location: Sendable, Equatable {
        var offset: UInt64
        var length: UInt32
    }

    private struct State {
        var pending: [UInt8] = []
        /// Bytes already written to the file.
        var written: UInt64 = 0
    }

    private let fd: Int32
    private let path: String
    private let state: Mutex<State>

    /// - Throws: `output_failed` when the file cannot be created.
    init(prefix: String) throws(LeadsmithError) {
        let name = "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).tmp"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LeadsmithError(.outputFailed, "cannot create a temporary file: \(String(cString: strerror(errno)))", file: path)
        }
        unlink(path)
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 20 + 4_096)
        state = Mutex(State(pending: pending))
    }

    deinit {
        close(fd)
    }

    /// Appends `data`; returns where it is.
    /// - Throws: `output_failed` when the buffered bytes cannot be written.
    func append(_ data: [UInt8]) throws(LeadsmithError) -> Location {
        guard data.count <= Int(UInt32.max) else {
            throw LeadsmithError(.internalError, "a blob of \(data.count) bytes is too large for a temporary file", file: path)
        }
        return try state.withLock { s throws(LeadsmithError) -> Location in
            let location = Location(offset: s.written + UInt64(s.pending.count), length: UInt32(data.count))
            s.pending.append(contentsOf: data)
            if s.pending.count >= 1 << 20 { try write(&s) }
            return location
        }
    }

    /// Writes the buffered bytes out, so every appended blob can be read.
    /// - Throws: `output_failed` when they cannot be written.
    func flush() throws(LeadsmithError) {
        try state.withLock { s throws(LeadsmithError) in try write(&s) }
    }

    /// The bytes of one appended blob (after a ``flush()``).
    /// - Throws: `internal_error` when the file is shorter than the location says.
    func read(_ location: Location) throws(LeadsmithError) -> [UInt8] {
        let n = Int(location.length)
        var got = 0
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: n) { buffer, count in
            while got < n {
                let r = pread(fd, buffer.baseAddress! + got, n - got, off_t(location.offset) + off_t(got))
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
            let why = failure != 0 ? String(cString: strerror(failure)) : "the file is shorter than expected"
            throw LeadsmithError(.internalError, "cannot read back a temporary file: \(why)", file: path)
        }
        return bytes
    }

    private func write(_ s: inout State) throws(LeadsmithError) {
        guard !s.pending.isEmpty else { return }
        var done = 0
        let total = s.pending.count
        let written = s.written
        let failure: Int32? = s.pending.withUnsafeBytes { raw in
            while done < total {
                let n = pwrite(fd, raw.baseAddress! + done, total - done, off_t(written) + off_t(done))
                if n < 0, errno == EINTR { continue }
                if n < 0 { return errno }
                done += n
            }
            return nil
        }
        if let failure {
            throw LeadsmithError(.outputFailed, "cannot write a temporary file: \(String(cString: strerror(failure)))", file: path)
        }
        s.written += UInt64(total)
        s.pending.removeAll(keepingCapacity: true)
    }
}
