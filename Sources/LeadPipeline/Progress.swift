import Foundation

/// Progress of a run on standard error: a live line redrawn in place on a terminal, or one plain
/// line every few seconds when standard error is a file or a pipe (nothing before the first
/// interval, so short runs print nothing). Never touches standard output.
final class Progress: @unchecked Sendable {
    // Safety: every mutable field is guarded by `lock`.
    private let mode: ProgressMode
    private let hostsWaiting: (@Sendable () -> Int)?
    private let lock = NSLock()
    private var stage = ""
    private var unit = ""
    private var total: Int?
    private var stageStart = Date()
    private var last = Date()
    private var drew = false

    init(mode: ProgressMode, hostsWaiting: (@Sendable () -> Int)? = nil) {
        self.mode = mode
        self.hostsWaiting = hostsWaiting
        last = Date()
    }

    /// Starts a stage; `total` is the number of items when known.
    func begin(_ stage: String, unit: String, total: Int?) {
        guard mode != .off else { return }
        lock.lock()
        defer { lock.unlock() }
        self.stage = stage
        self.unit = unit
        self.total = total
        stageStart = Date()
    }

    /// Reports `done` items of the current stage (throttled).
    func update(_ done: Int) {
        let interval: Double
        switch mode {
        case .off: return
        case .live: interval = 0.1
        case .plain(let seconds): interval = seconds
        }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) >= interval else { return }
        last = now
        let text = line(done: done, now: now)
        if mode == .live {
            drew = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        } else {
            FileHandle.standardError.write(Data(("leadsmith: " + text + "\n").utf8))
        }
    }

    /// The progress text: stage, count, rate, ETA and hosts waiting on Crawl-delay.
    func line(done: Int, now: Date) -> String {
        let elapsed = max(0.001, now.timeIntervalSince(stageStart))
        let rate = Double(done) / elapsed
        var parts: [String] = []
        if let total {
            let pct = total == 0 ? 100 : done * 100 / total
            parts.append("\(stage) \(done)/\(total) \(unit) (\(pct)%)")
        } else {
            parts.append("\(stage) \(done) \(unit)")
        }
        parts.append(String(format: "%.1f", rate) + " \(unit)/s")
        if let total, rate > 0, done < total {
            parts.append("ETA " + Self.duration(Double(total - done) / rate))
        }
        if let hostsWaiting, stage == "research" {
            parts.append("\(hostsWaiting()) hosts waiting on Crawl-delay")
        }
        return parts.joined(separator: ", ")
    }

    /// `45s`, `3m05s`, `2h07m`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }

    /// Removes the live line before the summary is printed.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if mode == .live && drew { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
