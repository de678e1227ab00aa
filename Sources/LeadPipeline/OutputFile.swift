import Foundation
import LeadCore

/// A buffered NDJSON writer to a file or standard output; I/O failures are exit 74 errors.
final class OutputFile {
    private let fd: Int32
    private let path: String
    private var buffer = [UInt8]()
    private let closeOnFinish: Bool
    private var closed = false
    private(set) var lines = 0

    /// Opens (truncating) `path`, or standard output when `path` is `nil` or `-`.
    init(path: String?) throws(LeadsmithError) {
        if let path, path != "-" {
            // open(2), not FileManager.createFile: createFile writes a temporary file and renames it
            // over the path, which would replace /dev/null, a named pipe or a symlink with a regular file.
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                throw LeadsmithError(.outputFailed, "cannot open output file: \(reason) (check the folder exists and is writable)", file: path)
            }
            self.fd = fd
            self.path = path
            closeOnFinish = true
        } else {
            fd = STDOUT_FILENO
            self.path = "<stdout>"
            closeOnFinish = false
        }
        buffer.reserveCapacity(1 << 16)
    }

    func writeLine(_ value: JSONValue) throws(LeadsmithError) {
        value.write(to: &buffer)
        buffer.append(0x0A)
        lines += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes as they are (one line with its line ending).
    func write(bytes: ArraySlice<UInt8>) throws(LeadsmithError) {
        buffer.append(contentsOf: bytes)
        lines += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends text as it is (a CSV header or row with its own line ending).
    func write(text: String) throws(LeadsmithError) {
        buffer.append(contentsOf: text.utf8)
        lines += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes the buffered bytes with write(2), straight from the buffer.
    func flush() throws(LeadsmithError) {
        guard !buffer.isEmpty else { return }
        let failure: Int32? = buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0, errno == EINTR { continue }
                if n < 0 { return errno }
                done += n
            }
            return nil
        }
        if let failure {
            throw LeadsmithError(.outputFailed, "cannot write output: \(String(cString: strerror(failure)))", file: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws(LeadsmithError) {
        try flush()
        if closeOnFinish, !closed {
            closed = true
            guard close(fd) == 0 else {
                throw LeadsmithError(.outputFailed, "cannot close output: \(String(cString: strerror(errno)))", file: path)
            }
        }
    }

    deinit {
        // A run that failed before finish(): the file is closed, never left open.
        if closeOnFinish, !closed { close(fd) }
    }
}
