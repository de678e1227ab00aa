import Foundation
import LeadFetch
import Testing

/// Google's robots.txt parser tests (`robotstxt/cases.json`, every `IsUserAgentAllowed` assertion of
/// google/robotstxt's `robots_test.cc`) through ``RobotsTxt``. Only cases Google marks as its own
/// extensions (`GoogleOnly_…`) may differ; the floor is 141 of 145.
struct RobotsConformanceTests {
    static let floor = 141

    /// The part of `url` the matcher sees: path, params and query (`/` when there is no path), as
    /// google/robotstxt's `GetPathParamsQuery` takes it: no percent-encoding, fragment dropped.
    static func pathParamsQuery(_ url: String) -> String {
        var rest = Substring(url)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        // Skip "scheme://authority" or "//authority" when present.
        let searchEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == ";" }) ?? rest.endIndex
        if let sep = rest.range(of: "//"), sep.lowerBound <= searchEnd || rest[..<sep.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "+-.:".contains($0) }) {
            rest = rest[sep.upperBound...]
            let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == ";" }) ?? rest.endIndex
            rest = rest[hostEnd...]
        } else if !rest.hasPrefix("/") {
            // A bare host ("foo.bar/x").
            let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == ";" }) ?? rest.endIndex
            rest = rest[hostEnd...]
        }
        if rest.isEmpty { return "/" }
        return rest.hasPrefix("/") ? String(rest) : "/" + rest
    }

    @Test(.enabled(if: Conformance.available, "needs ../shared/conformance"))
    func googleRobotsTxtSuite() throws {
        let cases = try Conformance.cases("robotstxt/cases.json")
        var passed = 0
        var differing: [String] = []
        var nonGoogleFailures: [String] = []
        for c in cases {
            let robots = RobotsTxt(parsing: c["robots"] as? String ?? "", productToken: c["agent"] as? String ?? "")
            let path = Self.pathParamsQuery(c["url"] as? String ?? "")
            let expected = c["allowed"] as? Bool ?? false
            if robots.allows(path) == expected {
                passed += 1
            } else {
                let id = c["id"] as? String ?? "?"
                let googleOnly = c["google_specific"] as? Bool ?? false
                differing.append("\(id) \(path.count > 60 ? path.prefix(60) + "…" : path) expected \(expected ? "allowed" : "disallowed")\(googleOnly ? " [Google-specific]" : "")")
                if !googleOnly { nonGoogleFailures.append(id) }
            }
        }
        Conformance.report("robots", passed: passed, total: cases.count, floor: Self.floor, differing: differing)
        #expect(passed >= Self.floor, "robots: \(passed)/\(cases.count) is below the floor \(Self.floor)")
        #expect(nonGoogleFailures.isEmpty, "robots cases that are not Google-specific fail: \(nonGoogleFailures)")
    }

    @Test func urlPartsAsTheSuiteTakesThem() {
        #expect(Self.pathParamsQuery("http://foo.bar/x/y?a=1#frag") == "/x/y?a=1")
        #expect(Self.pathParamsQuery("http://foo.bar") == "/")
        #expect(Self.pathParamsQuery("") == "/")
        #expect(Self.pathParamsQuery("http://foo.bar?q") == "/?q")
        #expect(Self.pathParamsQuery("//foo.bar/a;b") == "/a;b")
        #expect(Self.pathParamsQuery("foo.bar/a") == "/a")
    }
}
