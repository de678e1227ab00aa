import Foundation

/// Global and per-host concurrency with a minimum interval between requests to one host.
///
/// A request first waits its turn on its host (one at a time per host), then until the host's next
/// allowed start (the previous start plus the interval: `--per-host-interval`, `Crawl-delay`, or a
/// `Retry-After` back-off), then for one of the global slots.
public final class Politeness: Sendable {
    let clock: FetchClock
    private let state: PolitenessState
    private let waitingCount = WaitingCounter()

    /// Hosts sleeping right now until their next allowed start (interval, Crawl-delay, Retry-After):
    /// a cheap snapshot for progress displays.
    public var hostsWaiting: Int { waitingCount.value }

    /// - Parameters:
    ///   - globalLimit: requests in flight at once, over all hosts.
    ///   - clock: the clock waits are measured on.
    public init(globalLimit: Int, clock: FetchClock) {
        precondition(globalLimit >= 1, "global limit must be at least 1")
        self.clock = clock
        state = PolitenessState(limit: globalLimit)
    }

    /// Runs `body` as one request to `host`, spaced at least `interval` after the previous start.
    public func run<T: Sendable>(host: String, interval: Duration, _ body: @Sendable () async -> T) async -> T {
        await state.acquireHost(host)
        let wait = await state.nextAllowed(host) - clock.elapsed
        if wait > .zero {
            waitingCount.add(1)
            await clock.sleep(for: wait)
            waitingCount.add(-1)
        }
        await state.acquireGlobal()
        let start = clock.elapsed
        let result = await body()
        await state.releaseGlobal()
        await state.releaseHost(host, nextAllowed: start + interval)
        return result
    }

    /// Pushes a host's next allowed start to at least `elapsed + delay` (for `Retry-After`).
    public func backOff(host: String, for delay: Duration) async {
        await state.push(host, to: clock.elapsed + delay)
    }
}

/// A lock-guarded counter readable from any thread.
final class WaitingCounter: @unchecked Sendable {
    // Safety: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) { lock.lock(); count += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

actor PolitenessState {
    private let limit: Int
    private var inFlight = 0
    private var globalWaiters: [CheckedContinuation<Void, Never>] = []
    private var busy: Set<String> = []
    private var hostWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var next: [String: Duration] = [:]

    init(limit: Int) { self.limit = limit }

    func acquireHost(_ host: String) async {
        if !busy.contains(host) { busy.insert(host); return }
        await withCheckedContinuation { hostWaiters[host, default: []].append($0) }
    }

    func releaseHost(_ host: String, nextAllowed: Duration) {
        next[host] = max(next[host] ?? .zero, nextAllowed)
        if var w = hostWaiters[host], !w.isEmpty {
            let c = w.removeFirst()
            hostWaiters[host] = w.isEmpty ? nil : w
            c.resume()  // the host stays busy: ownership passes on
        } else {
            busy.remove(host)
        }
    }

    func nextAllowed(_ host: String) -> Duration { next[host] ?? .zero }

    func push(_ host: String, to when: Duration) { next[host] = max(next[host] ?? .zero, when) }

    func acquireGlobal() async {
        if inFlight < limit { inFlight += 1; return }
        await withCheckedContinuation { globalWaiters.append($0) }
    }

    func releaseGlobal() {
        if !globalWaiters.isEmpty {
            globalWaiters.removeFirst().resume()
        } else {
            inFlight -= 1
        }
    }
}
