import Foundation

/// A clock whose `sleep` returns at once after moving time forward: politeness waits are measured
/// without the test really sleeping.
final class VirtualClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private var current = Instant(offset: .zero)
    private let lock = NSLock()

    var now: Instant { lock.lock(); defer { lock.unlock() }; return current }
    var minimumResolution: Duration { .zero }

    /// Time since the clock was made.
    var elapsed: Duration { now.offset }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        advance(to: deadline)
        await Task.yield()
    }

    private func advance(to deadline: Instant) {
        lock.withLock { if current < deadline { current = deadline } }
    }
}
