#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CoreFoundation

/// File access for ``SnapshotPageSource`` through POSIX calls: a `stat` for a domain folder and one
/// buffer per page file, without `FileManager` or `URL` work per request.
enum SnapshotFiles {
    /// Whether `path` names a directory, following symbolic links (as `FileManager.fileExists(atPath:isDirectory:)`).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The whole file at `path`, or nil when it cannot be opened or read (as `FileManager.contents(atPath:)`):
    /// one `open`, one `fstat` for the size, `read` into one buffer until end of file.
    static func contents(atPath path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8]()
        var capacity = max(Int(info.st_size), 0) + 1
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
