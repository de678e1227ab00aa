import Foundation
import LeadCore
@testable import LeadPipeline
import LeadResearch
import LeadTestSupport
import Testing

/// A page source with no sites that reports each domain it is asked about, as it is asked.
final class AnnouncingSource: PageSource, @unchecked Sendable {
    // Safety: the continuation is Sendable; `seen` is only touched under `lock`.
    let asked: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let lock = NSLock()
    private var seen: Set<String> = []

    init() { (asked, continuation) = AsyncStream.makeStream(of: String.self) }

    private func note(_ domain: String) {
        lock.lock()
        let first = seen.insert(domain).inserted
        lock.unlock()
        if first { continuation.yield(domain) }
    }

    func fetch(_ request: PageRequest) async -> PageResponse {
        note(request.domain)
        return PageResponse(requestedURL: request.url, finalURL: request.url, status: 404, body: [], outcome: .notFound)
    }
    func domainRedirect(from domain: String) async -> (to: String, status: Int)? { note(domain); return nil }
    func hasSite(_ domain: String) async -> Bool { note(domain); return false }
}

/// Research fed while intake still reads (``ResearchFeed``).
struct ResearchFeedTests {
    func researcher(_ source: AnnouncingSource) throws -> CompanyResearcher {
        CompanyResearcher(source: source, rules: try ResearchRules(files: TestSupport.rules))
    }

    /// The first domain the source is asked about, or `nil` when none is asked within `limit`.
    static func firstAsked(_ source: AnnouncingSource, within limit: Duration) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                var asked = source.asked.makeAsyncIterator()
                return await asked.next()
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func aDomainIsResearchedBeforeTheFeedEnds() async throws {
        let source = AnnouncingSource()
        let feed = ResearchFeed()
        let researcher = try researcher(source)
        async let companies = ResearchFeed.research(feed, with: researcher, concurrency: 2,
                                                    progress: Progress(mode: .off))
        feed.submit("first.example")
        // The feed is still open: the domain is only asked for if research runs alongside intake.
        let seen = await Self.firstAsked(source, within: .seconds(20))
        #expect(seen == "first.example", "research waited for the end of the feed")
        feed.submit("second.example")
        feed.submit("third.example")
        feed.finish()
        let result = try await companies.get()
        #expect(Set(result.domains) == ["first.example", "second.example", "third.example"])
        #expect(try result.profile(for: "first.example")?.domain == "first.example")
    }

    @Test func moreDomainsThanTheConcurrencyAreAllResearchedOnce() async throws {
        let source = AnnouncingSource()
        let feed = ResearchFeed()
        let domains = (0..<25).map { "site\($0).example" }
        for d in domains { feed.submit(d) }
        feed.finish()
        let result = try await ResearchFeed.research(feed, with: try researcher(source), concurrency: 3, progress: Progress(mode: .off)).get()
        #expect(Set(result.domains) == Set(domains))
        #expect(result.count == domains.count)
    }

    @Test func noResearcherGivesNoCompanies() async throws {
        let feed = ResearchFeed()
        feed.submit("a.example")
        feed.finish()
        let result = try await ResearchFeed.research(feed, with: nil, concurrency: 4, progress: Progress(mode: .off)).get()
        #expect(result.count == 0)
    }
}
