import FuzzSupport
import LeadCore
import LeadHTML
import LeadResearch

/// Fuzzes the HTML layer and every extractor: the bytes are parsed as a page (walk, text, XPath) and
/// then served as every page of one site to the company researcher (JSON-LD, meta, microdata, contacts,
/// team, employee counts, founding year, industry, technologies, site status, link discovery).
let rules = try! ResearchRules(files: FuzzSupport.rules)

/// A site whose every page is the fuzz input.
struct OnePageSite: PageSource {
    let body: [UInt8]
    func fetch(_ request: PageRequest) async -> PageResponse {
        PageResponse(requestedURL: request.url, finalURL: request.url, status: 200,
                     headers: [("Content-Type", "text/html")], body: body, outcome: body.isEmpty ? .empty : .ok)
    }
    func domainRedirect(from domain: String) async -> (to: String, status: Int)? { nil }
    func hasSite(_ domain: String) async -> Bool { true }
}

@_cdecl("fuzz_research_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzSupport.runDriver(argc, argv) { data, size in fuzz(data, size) }
}

/// One input (also exported under libFuzzer's name, which its own `main` links against).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    if let doc = try? HTMLDocument.parse(body, url: "https://fuzz.example/") {
        _ = doc.title
        _ = doc.language
        var nodes = 0
        doc.walk(includeComments: true) { node in
            nodes += 1
            _ = node.name
            _ = node.attributes
            return .descend
        }
        _ = try? doc.select("//a[@href]")
        _ = try? doc.select("//script[@type='application/ld+json']")
    }
    // The SAX-built document the extraction reads: every accessor on every node.
    if let flat = try? HTMLFlatDocument.parse(body, url: "https://fuzz.example/") {
        _ = flat.title
        _ = flat.language
        _ = flat.head
        for index in 0..<flat.count where flat.kind(index) == .element {
            _ = flat.name(index)
            _ = flat.attributes(of: index)
            _ = flat.innerText(of: index)
            _ = flat.elementChildren(of: index)
            precondition(flat.end(of: index) > index && flat.end(of: index) <= flat.count, "subtree range out of bounds")
        }
        if let bodyIndex = flat.body { _ = flat.rawText(of: bodyIndex) }
    }
    let researcher = CompanyResearcher(source: OnePageSite(body: body), rules: rules)
    let profile = FuzzSupport.blocking { await researcher.research(domain: "fuzz.example") }
    _ = profile.siteStatus
    return 0
}
