public import Foundation
import LeadCore
import LeadHTML

/// What ``PageBenchmark/run(files:rules:repeats:jobs:)`` measured.
public struct PageBenchmarkResult: Sendable, Equatable {
    /// A page that could not be read or parsed (an empty or binary file), with the reason.
    public struct Failure: Sendable, Equatable {
        /// The file path.
        public var file: String
        /// Why it failed (an ``LeadHTML/HTMLError`` or I/O description).
        public var error: String

        public init(file: String, error: String) {
            self.file = file
            self.error = error
        }
    }

    /// Pages measured (files that were read and parsed), each `repeats` times.
    public var pages: Int
    /// Bytes of the measured pages (once, not times `repeats`).
    public var bytes: Int
    /// How often every page was processed in each phase.
    public var repeats: Int
    /// Files that were not measured, in path order.
    public var failures: [Failure]
    /// CPU time to parse every page `repeats` times (``LeadHTML/HTMLDocument/parse(_:url:contentType:)``).
    public var parseSeconds: Double
    /// CPU time to parse and run every extractor (one parse per page), `repeats` times: the scan,
    /// JSON-LD, contacts, employee and founding phrases, fingerprints, team members and the
    /// one-page company assembly, exactly as ``CompanyResearcher`` runs them.
    public var extractSeconds: Double
    /// CPU time to read every page `repeats` times into an ``LeadHTML/HTMLFlatDocument`` (libxml2's
    /// SAX events, no tree): the parse the extraction starts with; 0 when not measured.
    public var flatParseSeconds: Double = 0

    /// Threads of the parallel phase (1: no parallel phase was run).
    public var jobs: Int
    /// Wall time of the extraction (parse, extractors, assembly; `repeats` rounds) on one thread,
    /// measured in the same run as ``parallelWallSeconds``; 0 when `jobs` is 1.
    public var oneThreadWallSeconds: Double
    /// Wall time of the same work spread over `jobs` threads (sites taken in turn); 0 when `jobs` is 1.
    public var parallelWallSeconds: Double

    public init(pages: Int, bytes: Int, repeats: Int, failures: [Failure], parseSeconds: Double, extractSeconds: Double,
                jobs: Int = 1, oneThreadWallSeconds: Double = 0, parallelWallSeconds: Double = 0) {
        self.pages = pages
        self.bytes = bytes
        self.repeats = repeats
        self.failures = failures
        self.parseSeconds = parseSeconds
        self.extractSeconds = extractSeconds
        self.jobs = jobs
        self.oneThreadWallSeconds = oneThreadWallSeconds
        self.parallelWallSeconds = parallelWallSeconds
    }

    /// Pages parsed per second.
    public var parsePagesPerSecond: Double { Self.rate(pages * repeats, parseSeconds) }
    /// Pages parsed and extracted per second.
    public var extractPagesPerSecond: Double { Self.rate(pages * repeats, extractSeconds) }
    /// Pages per second of CPU time for ``flatParseSeconds``.
    public var flatParsePagesPerSecond: Double { Self.rate(pages * repeats, flatParseSeconds) }
    /// Extraction cost relative to the bare parse: `extractSeconds / parseSeconds` (1.15 = 15 % on
    /// top of parsing); 0 when nothing was parsed.
    public var overheadRatio: Double { parseSeconds > 0 ? extractSeconds / parseSeconds : 0 }
    /// Extraction speed relative to the bare parse: `parseSeconds / extractSeconds` (1.0 = extracting
    /// a page costs no more than parsing it); 0 when nothing was extracted.
    public var speedVersusParse: Double { extractSeconds > 0 ? parseSeconds / extractSeconds : 0 }
    /// Pages extracted per second of wall time on one thread (0 without a parallel phase).
    public var oneThreadPagesPerSecond: Double { Self.rate(pages * repeats, oneThreadWallSeconds) }
    /// Pages extracted per second of wall time on `jobs` threads (0 without a parallel phase).
    public var parallelPagesPerSecond: Double { Self.rate(pages * repeats, parallelWallSeconds) }
    /// How many times one thread's throughput `jobs` threads reach: `oneThreadWallSeconds /
    /// parallelWallSeconds` (0 without a parallel phase).
    public var parallelSpeedup: Double { parallelWallSeconds > 0 ? oneThreadWallSeconds / parallelWallSeconds : 0 }

    private static func rate(_ n: Int, _ seconds: Double) -> Double { seconds > 0 ? Double(n) / seconds : 0 }
}

/// Measures page parsing against parsing plus extraction on a set of saved pages, for
/// `leadsmith bench pages DIR`.
///
/// Files are read into memory first (I/O is not measured). Pages named as in a site snapshot
/// (`index.html`, `about.html`, `contact.html`, `team.html`, or a localised slug such as
/// `over-ons.html`) in one folder are one site, read in the researcher's order (home, about,
/// contact, team); any other file is a one-page site. Sites run in path order.
///
/// The extract phase does what ``CompanyResearcher`` does after fetching: parse each page, run the
/// per-page extractors (scan, JSON-LD, contacts, employee and founding phrases, fingerprints, team
/// members) and assemble the site's profile once. Times are process CPU time (`clock()`), so other
/// programs on a busy machine do not inflate them, and the two phases alternate page by page so
/// both run under the same conditions.
///
/// With `jobs` above 1, two more phases follow, timed by the wall clock (CPU time adds up over
/// threads, so it cannot show a speed-up): the extraction of every site on one thread, then the
/// same work on `jobs` threads that take sites in turn from a shared counter.
public enum PageBenchmark {
    /// Runs the benchmark.
    ///
    /// - Parameters:
    ///   - files: Page files (any order; duplicates once).
    ///   - rules: The research rules.
    ///   - repeats: Rounds per phase (at least 1).
    ///   - jobs: Threads of the parallel phase; 1 (or less) runs none.
    /// - Returns: Counts, failures and timings.
    public static func run(files: [URL], rules: ResearchRules, repeats: Int, jobs: Int = 1) -> PageBenchmarkResult {
        let rounds = max(1, repeats)
        var failures: [PageBenchmarkResult.Failure] = []
        var sites: [String: [Input]] = [:]
        var seen = Set<String>()
        for file in files.sorted(by: { $0.path < $1.path }) where seen.insert(file.path).inserted {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                failures.append(.init(file: file.path, error: "unreadable file"))
                continue
            }
            let bytes = [UInt8](data)
            // Pages that do not parse are failures, reported once and not timed.
            do {
                _ = try HTMLDocument.parse(bytes)
            } catch {
                failures.append(.init(file: file.path, error: error.description))
                continue
            }
            let folder = file.deletingLastPathComponent()
            let stem = file.deletingPathExtension().lastPathComponent
            let snapshotKind = stem.lowercased() == "index" ? "index" : LinkDiscovery.kind(ofSlug: stem)?.rawValue
            let domain = folder.lastPathComponent
            let kind = snapshotKind ?? "index"
            let path = kind == "index" ? "/" : "/" + kind
            let site = snapshotKind != nil ? folder.path : file.path
            sites[site, default: []].append((bytes, PageRequest(domain: domain, path: path).url, domain, kind))
        }
        let order = ["index", "about", "contact", "team"]
        let groups: [[Input]] = sites.keys.sorted().map { key in
            sites[key, default: []].enumerated().sorted { a, b in
                (order.firstIndex(of: a.element.kind) ?? 4, a.offset) < (order.firstIndex(of: b.element.kind) ?? 4, b.offset)
            }.map(\.element)
        }

        // The phases alternate page by page (and which goes first), so both see the same machine.
        let extractor = PageExtractor(rules: rules)
        var parse: clock_t = 0
        var extract: clock_t = 0
        var flatParse: clock_t = 0
        var alternate = 0
        for _ in 0..<rounds {
            for group in groups {
                var pages: [ExtractedPage] = []
                for input in group {
                    alternate += 1
                    var page: ExtractedPage?
                    let parseFirst = alternate % 2 == 0
                    let a = clock()
                    if parseFirst { _ = try? HTMLDocument.parse(input.bytes, url: input.url) }
                    let b = clock()
                    if let document = try? HTMLFlatDocument.parse(input.bytes, url: input.url) {
                        page = extractor.extract(document, kind: input.kind, url: input.url, fallbackLanguage: pages.first?.scan.language)
                    }
                    let c = clock()
                    if !parseFirst { _ = try? HTMLDocument.parse(input.bytes, url: input.url) }
                    let d = clock()
                    _ = try? HTMLFlatDocument.parse(input.bytes, url: input.url)
                    let e = clock()
                    parse += (b - a) + (d - c)
                    extract += c - b
                    flatParse += e - d
                    if let page { pages.append(page) }
                }
                guard let first = pages.first else { continue }
                let a = clock()
                var profile = CompanyProfile(domain: group[0].domain, siteStatus: .ok)
                _ = rules.siteStatus.classify(first.scan)
                FactAssembler(rules: rules, domain: group[0].domain, pages: pages).fill(&profile)
                extract += clock() - a
            }
        }
        let pageCount = groups.reduce(0) { $0 + $1.count }
        var result = PageBenchmarkResult(pages: pageCount, bytes: groups.joined().reduce(0) { $0 + $1.bytes.count }, repeats: rounds,
                                         failures: failures, parseSeconds: Double(parse) / Double(CLOCKS_PER_SEC),
                                         extractSeconds: Double(extract) / Double(CLOCKS_PER_SEC))
        result.flatParseSeconds = Double(flatParse) / Double(CLOCKS_PER_SEC)
        if jobs > 1, !groups.isEmpty {
            result.jobs = jobs
            result.oneThreadWallSeconds = wallSeconds(groups: groups, rules: rules, rounds: rounds, threads: 1)
            result.parallelWallSeconds = wallSeconds(groups: groups, rules: rules, rounds: rounds, threads: jobs)
        }
        return result
    }

    private typealias Input = (bytes: [UInt8], url: String, domain: String, kind: String)

    /// Parses and extracts one site as ``CompanyResearcher`` does after fetching.
    private static func extractSite(_ group: [Input], rules: ResearchRules, extractor: PageExtractor) {
        var pages: [ExtractedPage] = []
        for input in group {
            guard let document = try? HTMLFlatDocument.parse(input.bytes, url: input.url) else { continue }
            pages.append(extractor.extract(document, kind: input.kind, url: input.url, fallbackLanguage: pages.first?.scan.language))
        }
        guard let first = pages.first else { return }
        var profile = CompanyProfile(domain: group[0].domain, siteStatus: .ok)
        _ = rules.siteStatus.classify(first.scan)
        FactAssembler(rules: rules, domain: group[0].domain, pages: pages).fill(&profile)
    }

    /// Wall time for `rounds` rounds over every site on `threads` threads.
    private static func wallSeconds(groups: [[Input]], rules: ResearchRules, rounds: Int, threads: Int) -> Double {
        let work = groups.count * rounds
        let next = SharedCounter()
        let extractor = PageExtractor(rules: rules)
        let finished = DispatchGroup()
        let workers = (0..<threads).map { _ in
            finished.enter()
            let thread = Thread {
                while case let k = next.take(), k < work {
                    extractSite(groups[k % groups.count], rules: rules, extractor: extractor)
                }
                finished.leave()
            }
            thread.stackSize = 8 << 20
            return thread
        }
        let start = DispatchTime.now().uptimeNanoseconds
        for worker in workers { worker.start() }
        finished.wait()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// The next work item (round × site) for the parallel phase's threads.
private final class SharedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The next item index (past the end once the work is taken).
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let k = value
        value += 1
        return k
    }
}
