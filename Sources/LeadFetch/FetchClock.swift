/// The clock politeness waits on, wrapped so any `Clock<Duration>` can be injected (tests pass a
/// virtual clock whose `sleep` returns at once and advances time, so nothing really sleeps).
public struct FetchClock: Sendable {
    private let elapsedNow: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    /// Wraps `clock`; time is measured from this moment.
    public init(_ clock: any Clock<Duration>) {
        (elapsedNow, sleeper) = Self.open(clock)
    }

    private static func open<C: Clock<Duration>>(_ clock: C) -> (@Sendable () -> Duration, @Sendable (Duration) async throws -> Void) {
        let start = clock.now
        return ({ start.duration(to: clock.now) }, { try await clock.sleep(for: $0) })
    }

    /// Time since this wrapper was made.
    public var elapsed: Duration { elapsedNow() }

    /// Sleeps for `duration` (returns at once for zero or negative durations or when cancelled).
    public func sleep(for duration: Duration) async {
        guard duration > .zero else { return }
        try? await sleeper(duration)
    }
}
