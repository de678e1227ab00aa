import Foundation

/// File access for ``SnapshotPageSource``: one buffer per page file through POSIX calls, without
/// `Data` or `URL` work per request. No `struct stat` member is read: which C module provides its
/// fields depends on the build order, and a build failed on it.
enum SnapshotFiles {
    /// Whether `path` names a directory, following symbolic links (as `FileManager.fileExists(atPath:isDirectory:)`).
    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The whole file at `path`, or nil when it cannot be opened or read (as `FileManager.contents(atPath:)`):
    /// one `open`, one `lseek` for the size, `read` into one buffer until end of file.
    static func contents(atPath path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        guard size >= 0, lseek(fd, 0, SEEK_SET) == 0 else { return nil }
        var bytes = [UInt8]()
        var capacity = Int(size) + 1
        while true {
            let start = bytes.count
            bytes.reserveCapacity(start + capacity)
            var got = 0
            var failed = false
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            bytes.withUnsafeMutableBytes { raw in
                while got < capacity {
                    let n = read(fd, raw.baseAddress! + start + got, capacity - got)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if n == 0 { return }
                    got += n
                }
            }
            bytes.removeLast(capacity - got)
            if failed { return nil }
            if got < capacity { return bytes }
            capacity = 64 * 1024
        }
    }
}
