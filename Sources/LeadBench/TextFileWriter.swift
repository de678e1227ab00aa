import Foundation

/// Appends UTF-8 text to a file through a large buffer (the generator writes hundreds of MB).
final class TextFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    let path: String

    init(path: String) throws(BenchDatasetError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else {
            throw BenchDatasetError(path: path, message: "cannot create file")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) throws(BenchDatasetError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws(BenchDatasetError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw BenchDatasetError(path: path, message: "write failed: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(BenchDatasetError) {
        try flush()
        try? handle.close()
    }
}

/// A benchmark data set could not be written.
public struct BenchDatasetError: Error, CustomStringConvertible, Sendable {
    /// The file or folder that failed.
    public let path: String
    /// What went wrong.
    public let message: String

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
