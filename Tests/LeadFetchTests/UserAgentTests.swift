import Foundation
import LeadCore
import LeadFetch
import LeadResearch
import Testing

/// The `User-Agent` names leadsmith and its version, and a contact only when the operator gives one.
struct UserAgentTests {
    @Test func defaultUserAgentIsProductAndVersionWithoutAnAddress() async throws {
        let server = try await LoopbackServer.start { _, _, _ in .html("<p>hi</p>") }
        let source = try await makeLiveSource(server: server)
        _ = await source.fetch(PageRequest(domain: "acme.nl", path: "/"))
        await source.shutdown()
        await server.stop()
        let agents = Set(server.requests.compactMap { r in r.headers.first { $0.0 == "user-agent" }?.1 })
        #expect(agents == ["leadsmith/\(LeadsmithVersion.current)"])
    }

    @Test func operatorContactIsSentAsAComment() async throws {
        let server = try await LoopbackServer.start { _, _, _ in .html("<p>hi</p>") }
        let contact = try #require(LiveFetchConfiguration.contact(parsing: "https://crawler.example.org/about"))
        let source = try await makeLiveSource(server: server, configure: { $0.contact = contact })
        _ = await source.fetch(PageRequest(domain: "acme.nl", path: "/"))
        await source.shutdown()
        await server.stop()
        let agents = Set(server.requests.compactMap { r in r.headers.first { $0.0 == "user-agent" }?.1 })
        #expect(agents == ["leadsmith/\(LeadsmithVersion.current) (+https://crawler.example.org/about)"])
    }

    @Test(arguments: [
        ("https://ops.example.com/bot", "https://ops.example.com/bot"),
        ("ops@example.com", "mailto:ops@example.com"),
        ("mailto:web-team@example.co.uk", "mailto:web-team@example.co.uk"),
        ("HTTP://Example.com", "HTTP://Example.com"),
    ])
    func contactsAreNormalised(_ text: String, _ expected: String) {
        #expect(LiveFetchConfiguration.contact(parsing: text) == expected)
    }

    @Test(arguments: ["", "example.com", "ops at example.com", "https://", "ftp://example.com", "a@b", "x@example.com)\r\nX-Evil: 1",
                      "https://example.com/a b", "@example.com"])
    func unusableContactsAreRefused(_ text: String) {
        #expect(LiveFetchConfiguration.contact(parsing: text) == nil)
    }
}
