import ArgumentParser
import Foundation
import LeadCore
import LeadFetch
import LeadResearch

extension BenchCommand {
    /// `leadsmith bench live`: live research of loopback sites with added latency.
    struct Live: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "live",
            abstract: "Research N loopback sites (each answer delayed) through the live page source; print pages/s.",
            discussion: "The bound is concurrency ÷ latency (32 ÷ 50 ms = 640 pages/s). Example: leadsmith bench live --sites 500"
        )

        @Option(help: "Sites to research.")
        var sites = 500

        @Option(help: "Milliseconds added to every answer.")
        var latencyMS = 50

        @Option(help: "HTTP requests in flight at once (also domains researched at once).")
        var concurrency = 32

        @Flag(help: "Only fetch the pages (home, then about/contact/team) without extracting facts: the fetcher alone.")
        var fetchOnly = false

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let rules: ResearchRules
            do {
                rules = try ResearchRules(files: try common.ruleFiles())
            } catch {
                throw fail(error)
            }
            let server = try await BenchmarkServer.start(latency: .milliseconds(latencyMS))
            var config = LiveFetchConfiguration()
            config.allowPrivate = true
            config.connectTo = [ConnectToRule(host: nil, port: nil, address: "127.0.0.1", addressPort: server.port)]
            config.schemes = ["http"]
            config.globalConcurrency = concurrency
            config.perHostInterval = .zero
            let source = try await LivePageSource.start(config, lookup: { _ in [] })
            let domains = (1...sites).map { String(format: "bench-site-%04d.nl", $0) }
            let researcher = CompanyResearcher(source: source, rules: rules)
            let clock = ContinuousClock()
            let started = clock.now
            let ok = await withTaskGroup(of: Bool.self) { group in
                var next = 0
                var okCount = 0
                func add() {
                    guard next < domains.count else { return }
                    let d = domains[next]
                    next += 1
                    let fetchOnly = self.fetchOnly
                    group.addTask {
                        if !fetchOnly { return await researcher.research(domain: d).siteStatus == .ok }
                        var ok = true
                        for path in ["/", "/about-us", "/contact", "/team"] {
                            ok = await source.fetch(PageRequest(domain: d, path: path)).outcome == .ok && ok
                        }
                        return ok
                    }
                }
                for _ in 0..<min(concurrency, domains.count) { add() }
                while let r = await group.next() {
                    if r { okCount += 1 }
                    add()
                }
                return okCount
            }
            let elapsed = started.duration(to: clock.now)
            await source.shutdown()
            await server.stop()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let requests = server.requests
            let bound = Double(concurrency) / (Double(latencyMS) / 1000)
            let rate = Double(requests) / seconds
            print(String(format: "sites %d (ok %d), requests %d (incl. robots.txt), %.2f s, %.0f pages/s, bound %.0f pages/s (%.0f%%)",
                         sites, ok, requests, seconds, rate, bound, 100 * rate / bound))
        }
    }
}
