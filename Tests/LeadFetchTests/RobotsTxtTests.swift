import Testing
@testable import LeadFetch

/// robots.txt per RFC 9309: groups, longest match, wildcards, Crawl-delay.
struct RobotsTxtTests {
    static let text = """
    # comment
    User-agent: *
    Disallow: /private/
    Allow: /private/open
    Disallow: /*.pdf$
    Crawl-delay: 3

    User-agent: OtherBot
    Disallow: /

    User-agent: LeadSmith
    User-agent: friendly
    Disallow: /team
    Allow: /team/public
    Crawl-delay: 2
    """

    @Test(arguments: [
        ("/", true), ("/team", false), ("/team/x", false), ("/team/public/a", true), ("/private/x", true),
        ("/robots.txt", true),
    ])
    func ourGroupWins(path: String, allowed: Bool) {
        let robots = RobotsTxt(parsing: Self.text, productToken: "leadsmith")
        #expect(robots.allows(path) == allowed)
        #expect(robots.crawlDelay == 2)
    }

    @Test(arguments: [
        ("/", true), ("/private/x", false), ("/private/open/1", true), ("/docs/a.pdf", false), ("/docs/a.pdf?x=1", true),
    ])
    func starGroupWhenNotNamed(path: String, allowed: Bool) {
        let robots = RobotsTxt(parsing: Self.text, productToken: "unnamedbot")
        #expect(robots.allows(path) == allowed)
        #expect(robots.crawlDelay == 3)
    }

    @Test func emptyDisallowAndTiesAllow() {
        let r = RobotsTxt(parsing: "User-agent: *\nDisallow:\n", productToken: "leadsmith")
        #expect(r.allows("/anything"))
        let tie = RobotsTxt(parsing: "User-agent: *\nDisallow: /a\nAllow: /a\n", productToken: "leadsmith")
        #expect(tie.allows("/a"))
        #expect(!RobotsTxt.disallowAll.allows("/") && RobotsTxt.allowAll.allows("/x"))
    }

    @Test func percentEncodingAndNonASCIIMatch() {
        let r = RobotsTxt(parsing: "User-agent: *\nDisallow: /café\n", productToken: "leadsmith")
        #expect(!r.allows("/caf%C3%A9/menu"))
        #expect(!r.allows("/caf%c3%a9"))
    }

    @Test func userAgentValueIsMatchedByItsProductToken() {
        // The token is the text before the first space or slash, in any case.
        let text = "User-agent: LEADSMITH Crawler\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n"
        let r = RobotsTxt(parsing: text, productToken: "leadsmith")
        #expect(!r.allows("/private/x"))
        #expect(r.allows("/about"))
        let versioned = RobotsTxt(parsing: "User-agent: leadsmith/0.2 (+ops@example.org)\nDisallow: /x\n", productToken: "leadsmith")
        #expect(!versioned.allows("/x"))
        #expect(RobotsTxt.productToken(of: "Foo Bar") == "foo")
    }

    @Test func pathIsComparedPercentEncodedAsURLsCarryIt() {
        let r = RobotsTxt(parsing: "User-agent: *\nDisallow: /\nAllow: /straße\nAllow: /%C3%BCber\n", productToken: "leadsmith")
        #expect(r.allows("/stra%C3%9Fe"))
        #expect(r.allows("/%c3%bcber/uns"))
        // Raw non-ASCII is not a URL's form: the caller percent-encodes (LivePageSource passes percentEncodedPath).
        #expect(!r.allows("/straße"))
    }
}
