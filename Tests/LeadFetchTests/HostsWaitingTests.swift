import Foundation
import Testing
@testable import LeadFetch

/// A clock whose sleeps hang until the test opens the gate, so a waiting host can be observed.
final class GateClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        await withCheckedContinuation { c in
            let goNow: Bool = lock.withLock {
                if current < deadline { current = deadline }
                if isOpen { return true }
                waiters.append(c)
                return false
            }
            if goNow { c.resume() }
        }
    }

    /// Lets every sleeper go, now and later.
    func open() { lock.withLock { isOpen = true; let w = waiters; waiters = []; return w }.forEach { $0.resume() } }
}

/// The progress line asks politeness how many hosts are waiting out an interval or Crawl-delay.
struct HostsWaitingTests {
    @Test func aHostSleepingOutItsIntervalIsCountedWhileItWaits() async throws {
        let clock = GateClock()
        let politeness = Politeness(globalLimit: 4, clock: FetchClock(clock))
        #expect(politeness.hostsWaiting == 0)
        _ = await politeness.run(host: "acme.nl", interval: .seconds(5)) { 1 }  // first request: no wait
        #expect(politeness.hostsWaiting == 0)
        let second = Task { await politeness.run(host: "acme.nl", interval: .seconds(5)) { 2 } }
        var seen = 0
        for _ in 0..<200 where seen == 0 {
            seen = politeness.hostsWaiting
            if seen == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(seen == 1, "the second request to the host waits its 5 s")
        clock.open()
        #expect(await second.value == 2)
        #expect(politeness.hostsWaiting == 0)
    }
}
