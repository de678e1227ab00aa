import Foundation
import LeadCore

/// The company facts of one schema.org Organization-like JSON-LD node.
struct JSONLDOrganization: Sendable {
    var types: [String] = []
    var name: String?
    var legalName: String?
    var description: String?
    var foundingDate: String?
    var address: PostalAddress?
    var addressCountryRaw: String?
    var telephone: String?
    var emails: [String] = []
    var sameAs: [String] = []
    var employees: EmployeeCount?
}

/// Reads Organization/Corporation/LocalBusiness/… nodes from JSON-LD blocks; each block on its own.
enum JSONLDExtractor {
    /// Types that are never the company itself.
    static let nonOrganizationTypes: Set<String> = [
        "website", "webpage", "breadcrumblist", "person", "product", "offer", "imageobject", "article", "blogposting",
        "newsarticle", "faqpage", "question", "answer", "event", "searchaction", "itemlist", "listitem", "postaladdress",
        "contactpoint", "review", "aggregaterating", "videoobject", "sitenavigationelement", "collectionpage",
        "aboutpage", "contactpage", "readaction", "entrypoint", "place", "geocoordinates", "openinghoursspecification",
        "howto", "recipe", "course", "jobposting", "service", "brand", "country", "quantitativevalue", "thing",
        // Media, works and page parts: never the company, even with a name.
        "audioobject", "mediaobject", "podcastepisode", "podcastseries", "musicrecording", "musicalbum", "musicplaylist",
        "dataset", "movie", "tvseries", "episode", "book", "creativework", "socialmediaposting", "reportagenewsarticle",
        "opinionnewsarticle", "analysisnewsarticle", "backgroundnewsarticle", "liveblogposting", "techarticle",
        "scholarlyarticle", "webpageelement", "wpheader", "wpfooter", "wpsidebar", "speakablespecification", "profilepage",
        "qapage", "searchresultspage", "itempage", "mediagallery", "imagegallery", "videogallery", "offercatalog",
        "aggregateoffer", "datafeed",
    ]

    /// `sameAs` of top-level (and `@graph`) company nodes that have no name: the site's own Organization stub
    /// (`{"@type": "Organization", "url": …, "sameAs": […]}`), which ``organizations(in:)`` does not return.
    static func namelessSameAs(in json: Any) -> [String] {
        var nodes: [[String: Any]] = []
        if let a = json as? [Any] { nodes = a.compactMap { $0 as? [String: Any] } } else if let d = json as? [String: Any] { nodes = [d] }
        nodes = nodes.flatMap { d in (d["@graph"] as? [Any])?.compactMap { $0 as? [String: Any] } ?? [d] }
        var out: [String] = []
        for d in nodes where d["name"] == nil && d["legalName"] == nil {
            let ts = types(of: d).map { $0.lowercased() }
            guard !ts.isEmpty, ts.allSatisfy({ !nonOrganizationTypes.contains($0) }) else { continue }
            if let s = d["sameAs"] as? String { out.append(s) } else if let a = d["sameAs"] as? [Any] { out += a.compactMap { $0 as? String } }
        }
        return out
    }
    /// Properties under which a page-level node points at the company.
    static let containerKeys = ["publisher", "about", "mainEntity", "mainEntityOfPage", "provider", "copyrightHolder", "sourceOrganization", "isPartOf"]

    /// Parses one JSON-LD block; `nil` when it is not JSON (even after a cheap repair).
    static func parse(_ text: String) -> Any? {
        let trimmed = text.trimmedSpace()
        guard !trimmed.isEmpty else { return nil }
        if let data = trimmed.data(using: .utf8), let obj = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            return obj
        }
        // Cheap repairs: HTML comments, CDATA markers, trailing commas.
        var s = trimmed
        s = s.replacingOccurrences(of: "<!--", with: "").replacingOccurrences(of: "-->", with: "")
            .replacingOccurrences(of: "//<![CDATA[", with: "").replacingOccurrences(of: "//]]>", with: "")
        s = trailingComma.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: "$1")
        if let data = s.data(using: .utf8), let obj = try? JSONSerialization.jsonObject(with: data) { return obj }
        return nil
    }

    private static let trailingComma = try! NSRegularExpression(pattern: #",\s*([}\]])"#)

    /// All company nodes in a parsed block, in document order.
    static func organizations(in json: Any) -> [JSONLDOrganization] {
        var out: [JSONLDOrganization] = []
        collect(json, into: &out, depth: 0)
        return out
    }

    private static func types(of dict: [String: Any]) -> [String] {
        if let t = dict["@type"] as? String { return [t] }
        if let ts = dict["@type"] as? [Any] { return ts.compactMap { $0 as? String } }
        return []
    }

    private static func collect(_ json: Any, into out: inout [JSONLDOrganization], depth: Int) {
        guard depth < 8 else { return }
        if let arr = json as? [Any] {
            for item in arr { collect(item, into: &out, depth: depth + 1) }
            return
        }
        guard let dict = json as? [String: Any] else { return }
        if let graph = dict["@graph"] { collect(graph, into: &out, depth: depth + 1) }
        let ts = types(of: dict).map { $0.lowercased() }
        let isOrg = !ts.isEmpty && ts.allSatisfy { !nonOrganizationTypes.contains($0) }
            && (dict["name"] != nil || dict["legalName"] != nil)
        if isOrg {
            out.append(organization(dict, types: ts))
        } else {
            for key in containerKeys {
                if let v = dict[key] { collect(v, into: &out, depth: depth + 1) }
            }
        }
    }

    /// A property's text: a string (trimmed), a number, the first of an array, or an object's `name`/`@value`.
    static func string(_ v: Any?) -> String? {
        if let s = v as? String {
            let t = s.trimmedSpace()
            return t.isEmpty ? nil : t
        }
        if let n = v as? NSNumber { return n.stringValue }
        if let a = v as? [Any], let first = a.first { return string(first) }
        if let d = v as? [String: Any] { return string(d["name"] ?? d["@value"]) }
        return nil
    }

    private static func organization(_ d: [String: Any], types: [String]) -> JSONLDOrganization {
        var org = JSONLDOrganization()
        org.types = types
        org.name = string(d["name"])
        org.legalName = string(d["legalName"])
        org.description = string(d["description"])
        org.foundingDate = string(d["foundingDate"])
        org.telephone = string(d["telephone"])
        if org.telephone == nil, let cp = d["contactPoint"] {
            let first = (cp as? [Any])?.first ?? cp
            org.telephone = string((first as? [String: Any])?["telephone"])
        }
        if let e = string(d["email"]) { org.emails.append(e.replacingOccurrences(of: "mailto:", with: "")) }
        if let s = d["sameAs"] as? String { org.sameAs = [s] } else if let a = d["sameAs"] as? [Any] { org.sameAs = a.compactMap { $0 as? String } }
        let addr = (d["address"] as? [Any])?.first ?? d["address"]
        if let a = addr as? [String: Any] {
            let countryRaw = string(a["addressCountry"])
            org.addressCountryRaw = countryRaw
            org.address = PostalAddress(street: string(a["streetAddress"]), postalCode: string(a["postalCode"]),
                                        city: string(a["addressLocality"]),
                                        country: countryRaw.flatMap { Countries.iso2(fromName: $0) })
        }
        org.employees = employeeCount(d["numberOfEmployees"])
        return org
    }

    /// `numberOfEmployees` as number, numeric string, or QuantitativeValue (`value`, `minValue`/`maxValue`).
    static func employeeCount(_ v: Any?) -> EmployeeCount? {
        guard let v else { return nil }
        if let n = v as? NSNumber, n.intValue > 0 { return EmployeeCount(kind: .exact, min: n.intValue, max: n.intValue) }
        if let s = v as? String {
            let digits = s.filter(\.isNumber)
            if let n = Int(digits), n > 0, digits.count <= 7 {
                if s.contains("+") { return EmployeeCount(kind: .lowerBound, min: n, max: nil) }
                let parts = s.split(whereSeparator: { $0 == "-" || $0 == "–" }).compactMap { Int($0.filter(\.isNumber)) }
                if parts.count == 2, parts[0] < parts[1] { return EmployeeCount(kind: .range, min: parts[0], max: parts[1]) }
                return EmployeeCount(kind: .exact, min: n, max: n)
            }
            return nil
        }
        if let d = v as? [String: Any] {
            if let value = d["value"] { return employeeCount(value) }
            let lo = (d["minValue"] as? NSNumber)?.intValue ?? Int(string(d["minValue"]) ?? "")
            let hi = (d["maxValue"] as? NSNumber)?.intValue ?? Int(string(d["maxValue"]) ?? "")
            if let lo, let hi, lo <= hi { return lo == hi ? EmployeeCount(kind: .exact, min: lo, max: lo) : EmployeeCount(kind: .range, min: lo, max: hi) }
            if let lo { return EmployeeCount(kind: .lowerBound, min: lo, max: nil) }
        }
        if let a = v as? [Any], let first = a.first { return employeeCount(first) }
        return nil
    }
}
