import Foundation
import LeadCore
import LeadResearch
import Testing

/// A page source that serves one fixed body for the home page.
struct OneBodySource: PageSource {
    let body: [UInt8]
    func fetch(_ request: PageRequest) async -> PageResponse {
        guard request.path == "/" else {
            return PageResponse(requestedURL: request.url, finalURL: request.url, status: 404, body: [], outcome: .notFound)
        }
        return PageResponse(requestedURL: request.url, finalURL: request.url, status: 200, body: body, outcome: body.isEmpty ? .empty : .ok)
    }
    func domainRedirect(from domain: String) async -> (to: String, status: Int)? { nil }
    func hasSite(_ domain: String) async -> Bool { true }
}

/// Hostile pages end in a status, never a crash or a hang.
struct BadInputTests {
    static let rules = try! ResearchRules(files: RuleFiles(directory: RulesFolder.url))

    static let bodies: [(String, [UInt8])] = [
        ("empty", []),
        ("binary", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }),
        ("nul byte", Array("<html><body><p>We are 12\u{0}employees</p></body></html>".utf8)),
        ("invalid utf8", [0x3C, 0x70, 0x3E, 0xFF, 0xFE, 0xC3, 0x28, 0x3C, 0x2F, 0x70, 0x3E]),
        ("truncated", Array("<html><head><script type=\"application/ld+json\">{\"@type\":\"Organization\",\"name\":\"Tr".utf8)),
        ("deep nesting", Array((String(repeating: "<div>", count: 20_000) + "We are 9 employees" + String(repeating: "</div>", count: 20_000)).utf8)),
        ("huge", Array(("<html><body><p>Acme has 42 employees.</p><script>var d=\"" + String(repeating: "1234567890 ", count: 450_000) + "\";</script></body></html>").utf8)),
    ]

    @Test(arguments: bodies.map(\.0))
    func hostilePagesNeverCrash(name: String) async {
        let body = Self.bodies.first { $0.0 == name }!.1
        let p = await CompanyResearcher(source: OneBodySource(body: body), rules: Self.rules).research(domain: "hostile.nl")
        #expect(SiteStatus.allCases.contains(p.siteStatus))
        if name == "huge" { #expect(p.employees?.value.min == 42) }
    }
}
