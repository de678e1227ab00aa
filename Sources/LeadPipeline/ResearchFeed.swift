import LeadCore
import LeadResearch
import Synchronization

/// Company domains handed to research as intake finds them, so pages are read while records are
/// still streaming in.
///
/// ``RunJob`` submits each person's domain the first time the dedupe index sees it, and finishes
/// the feed when intake ends; ``research(_:with:concurrency:progress:)`` reads the feed with a
/// bounded number of domains in flight. Progress is shown only once intake is over (the progress
/// line describes one stage at a time), from ``showProgress()`` on.
final class ResearchFeed: Sendable {
    private let domains: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let progressShown = Atomic<Bool>(false)

    init() {
        (domains, continuation) = AsyncStream.makeStream(of: String.self)
    }

    /// Queues a domain for research; each domain must be submitted once.
    func submit(_ domain: String) {
        continuation.yield(domain)
    }

    /// Ends the feed: research returns once the submitted domains are done.
    func finish() {
        continuation.finish()
    }

    /// From now on, finished domains update the progress line (the research stage has begun).
    func showProgress() {
        progressShown.store(true, ordering: .relaxed)
    }

    /// Researches the feed's domains, at most `concurrency` at a time, until the feed is finished
    /// (or the task is cancelled); an absent researcher gives no companies. Profiles beyond
    /// `memoryLimit` go to the store's temporary file as they arrive.
    /// - Returns: the store, or `output_failed` when the temporary file cannot be written (research
    ///   stops at the first such failure).
    static func research(_ feed: ResearchFeed, with researcher: CompanyResearcher?, concurrency: Int,
                         memoryLimit: Int = CompanyStore.defaultMemoryLimit,
                         progress: Progress) async -> Result<CompanyStore, LeadsmithError> {
        guard let researcher else { return .success(CompanyStore()) }
        let limit = max(1, concurrency)
        var store = CompanyStore.Builder(memoryLimit: memoryLimit)
        var researched = 0
        let failure = await withTaskGroup(of: (String, CompanyProfile).self) { group -> LeadsmithError? in
            var pending = feed.domains.makeAsyncIterator()
            var inFlight = 0
            var fed = true
            while true {
                if fed, inFlight < limit {
                    if let domain = await pending.next() {
                        group.addTask { (domain, await researcher.research(domain: domain)) }
                        inFlight += 1
                        continue
                    }
                    fed = false
                }
                guard let (domain, profile) = await group.next() else { break }
                inFlight -= 1
                do throws(LeadsmithError) {
                    try store.add(profile, for: domain)
                } catch {
                    group.cancelAll()
                    return error
                }
                researched += 1
                if feed.progressShown.load(ordering: .relaxed) { progress.update(researched) }
            }
            return nil
        }
        if let failure { return .failure(failure) }
        do throws(LeadsmithError) {
            return .success(try store.finish())
        } catch {
            return .failure(error)
        }
    }
}
