public import Foundation
import LeadCore
import LeadHTML

/// What ``PageBenchmark/run(files:rules:repeats:)`` measured.
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

    public init(pages: Int, bytes: Int, repeats: Int, failures: [Failure], parseSeconds: Double, extractSeconds: Double) {
        self.pages = pages
        self.bytes = bytes
        self.repeats = repeats
        self.failures = failures
        self.parseSeconds = parseSeconds
        self.extractSeconds = extractSeconds
    }

    /// Pages parsed per second.
    public var parsePagesPerSecond: Double { Self.rate(pages * repeats, parseSeconds) }
    /// Pages parsed and extracted per second.
    public var extractPagesPerSecond: Double { Self.rate(pages * repeats, extractSeconds) }
    /// Extraction cost relative to the bare parse: `extractSeconds / parseSeconds` (1.15 = 15 % on
    /// top of parsing); 0 when nothing was parsed.
    public var overheadRatio: Double { parseSeconds > 0 ? extractSeconds / parseSeconds : 0 }

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
public enum PageBenchmark {
    /// Runs the benchmark.
    ///
    /// - Parameters:
    ///   - files: Page files (any order; duplicates once).
    ///   - rules: The research rules.
    ///   - repeats: Rounds per phase (at least 1).
    /// - Returns: Counts, failures and timings.
    public static func run(files: [URL], rules: ResearchRules, repeats: Int) -> PageBenchmarkResult {
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
                    if let document = try? HTMLDocument.parse(input.bytes, url: input.url) {
                        page = extractor.extract(document, kind: input.kind, url: input.url, fallbackLanguage: pages.first?.scan.language)
                    }
                    let c = clock()
                    if !parseFirst { _ = try? HTMLDocument.parse(input.bytes, url: input.url) }
                    let d = clock()
                    parse += (b - a) + (d - c)
                    extract += c - b
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
        return PageBenchmarkResult(pages: pageCount, bytes: groups.joined().reduce(0) { $0 + $1.bytes.count }, repeats: rounds,
                                   failures: failures, parseSeconds: Double(parse) / Double(CLOCKS_PER_SEC),
                                   extractSeconds: Double(extract) / Double(CLOCKS_PER_SEC))
    }

    private typealias Input = (bytes: [UInt8], url: String, domain: String, kind: String)
}
