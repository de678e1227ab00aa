import LeadCore

/// Splits a chunked byte stream into physical lines (LF or CRLF; the break is not included).
///
/// Memory holds one chunk plus the current line.
struct LineReader {
    private let pull: () throws(LeadsmithError) -> [UInt8]
    private var buf: [UInt8]
    private var idx = 0
    private var eof = false
    /// The physical line number of the last line returned.
    private(set) var lineNumber = 0

    init(initial: [UInt8], pull: @escaping () throws(LeadsmithError) -> [UInt8]) {
        self.buf = initial
        self.pull = pull
    }

    /// The next line's bytes, or `nil` at the end of input. A final line without a break is a line;
    /// a final break does not start another line.
    mutating func next() throws(LeadsmithError) -> [UInt8]? {
        var line: [UInt8] = []
        var any = false
        while true {
            if idx >= buf.count {
                if eof { break }
                buf = try pull()
                idx = 0
                if buf.isEmpty {
                    eof = true
                    break
                }
            }
            if let nl = buf[idx...].firstIndex(of: 0x0A) {
                line.append(contentsOf: buf[idx..<nl])
                idx = nl + 1
                lineNumber += 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            any = true
            line.append(contentsOf: buf[idx...])
            idx = buf.count
        }
        guard any, !line.isEmpty else { return nil }
        lineNumber += 1
        if line.last == 0x0D { line.removeLast() }
        return line
    }
}
