import Foundation
import LeadCore
import LeadHTML

/// Where on a page a piece of text or a link sits.
struct Region: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let header = Region(rawValue: 1)
    static let footer = Region(rawValue: 2)
    static let nav = Region(rawValue: 4)
    /// Inside a block that lists other offices/branches.
    static let office = Region(rawValue: 8)
    /// Inside an `<address>` or a contact block.
    static let contact = Region(rawValue: 16)
    /// Inside a byline or author box, an embedded post or a share widget, or a `rel=author` link:
    /// links there belong to someone else (an author, the embedded account), never to the company.
    static let foreign = Region(rawValue: 32)
}

/// A run of visible text between block boundaries.
struct TextSegment: Sendable {
    var text: String
    var region: Region
    var isHeading: Bool
    /// The block element holding the segment's own block, and the one above it (serials in document
    /// order, -1 at the top): neighbours that share them are siblings ("150+" and "employees" in one
    /// stat card), for pairing a label with its value.
    var parent: Int32 = -1
    var grand: Int32 = -1
    /// The block element whose end closed the segment (`dd`, `td`, `th`, `dt` …), if one did.
    var closer: String? = nil
}

/// A link on a page.
struct PageLink: Sendable {
    var href: String
    var text: String
    var region: Region
    /// Visible text of the enclosing block before the link (for labels like "Tel:", "Fax:").
    var label: String
}

/// One microdata property of an Organization-like item.
struct MicrodataProperty: Sendable {
    var name: String
    var value: String
    /// The property path inside the item (`address.addressCountry`).
    var path: String
}

/// Everything the extractors need from one parsed page, read in a single walk.
struct PageScan: Sendable {
    var url: String
    var language: String?
    var title: String?
    /// `name`/`property` (lower-case) → content, first wins.
    var meta: [String: String] = [:]
    var generators: [String] = []
    var hreflangs: [String] = []
    /// src/href of scripts, links, iframes, images, forms (not `<a>`).
    var resourceURLs: [String] = []
    var links: [PageLink] = []
    var inlineScripts: [String] = []
    var jsonLD: [String] = []
    /// Attribute names seen (`data-cfemail`, `data-wf-site`, …), lower-case.
    var attributeNames: Set<String> = []
    /// `id=<value>` and `class=<value>` entries, lower-case, each once.
    var attributeValues: Set<String> = []
    var segments: [TextSegment] = []
    /// Cloudflare-protected e-mails (hex strings) from `data-cfemail` and email-protection links.
    var cfEmails: [String] = []
    var microdata: [MicrodataProperty] = []
    /// `@type` of microdata items (`organization`, `school`).
    var microdataTypes: [String] = []
    var wordCount: Int = 0

    /// All visible text, segments joined by newlines.
    var visibleText: String { segments.map(\.text).joined(separator: "\n") }
}

/// Class/id fragments that put an element in a page region (`header`, `footer`, `navbar`,
/// `contact`, the office markers of `rules/contact_cues.yaml`, the foreign-region markers of
/// `rules/social.yaml`), found in one pass.
struct RegionMarkers: Sendable {
    private let matcher: MultiMatcher
    private let regions: [Region]
    /// `rel` tokens that make a link someone else's (`author`).
    private let foreignRel: Set<String>

    init(officeMarkers: [String], foreignMarkers: [String] = [], foreignRel: [String] = []) {
        var patterns: [(String, Region)] = [
            ("header", .header), ("masthead", .header), ("footer", .footer), ("colophon", .footer), ("navbar", .nav),
            ("navigation", .nav), ("contact", .contact),
        ]
        patterns += officeMarkers.filter { !$0.isEmpty }.map { ($0.lowercased(), .office) }
        patterns += foreignMarkers.filter { !$0.isEmpty }.map { ($0.lowercased(), .foreign) }
        matcher = MultiMatcher(patterns.map(\.0), ignoringASCIICase: true)
        regions = patterns.map(\.1)
        self.foreignRel = Set(foreignRel.map { $0.lowercased() })
    }

    /// Whether a link's `rel` value (space-separated tokens) marks it as someone else's.
    func isForeignRel(_ rel: String) -> Bool {
        !foreignRel.isEmpty && rel.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains { foreignRel.contains($0.lowercased()) }
    }

    /// The regions an `id`/`class` value marks.
    func regions(_ idClass: String) -> Region {
        var r: Region = []
        matcher.scan(idClass) { r.insert(regions[$0]) }
        return r
    }
}

/// What the page walk needs from the rules: region markers and the attributes fingerprints look at.
struct ScanRules: Sendable {
    let regions: RegionMarkers
    /// Attribute names worth recording (`data-cfemail`, `data-wf-site`, …), lower-case.
    let attributeNames: Set<String>
    /// Fragments of `id`/`class` values worth recording (`__next`, `shopify-section`, …).
    let attributeValueHints: MultiMatcher

    init(regions: RegionMarkers, attributeNames: Set<String>, attributeValueFragments: [String]) {
        self.regions = regions
        self.attributeNames = attributeNames
        attributeValueHints = MultiMatcher(attributeValueFragments.filter { !$0.isEmpty }, ignoringASCIICase: true)
    }
}

/// Builds a ``PageScan`` from an ``HTMLFlatDocument`` in one forward pass.
struct PageScanner {
    let rules: ScanRules

    init(rules: ScanRules) {
        self.rules = rules
    }

    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "nav", "main", "aside", "h1", "h2", "h3", "h4", "h5",
        "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead", "blockquote", "form",
        "address", "figure", "figcaption", "pre", "hr", "body", "html", "center", "fieldset", "legend", "option",
        "label", "button", "caption", "summary", "details",
    ]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4"]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select", "textarea"]
    static let resources: Set<String> = ["meta", "link", "script", "iframe", "img", "source", "embed", "frame", "form"]

    /// What the walk does with an element, by tag name (one look-up per element).
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let block = Flags(rawValue: 1)
        static let heading = Flags(rawValue: 2)
        static let skipped = Flags(rawValue: 4)
        static let resource = Flags(rawValue: 8)
    }

    static let flags: [String: Flags] = {
        var f: [String: Flags] = [:]
        for n in blockElements { f[n, default: []].insert(.block) }
        for n in headings { f[n, default: []].insert(.heading) }
        for n in skipped { f[n, default: []].insert(.skipped) }
        for n in resources { f[n, default: []].insert(.resource) }
        return f
    }()
    static let microdataSkip: Set<String> = ["parentorganization", "suborganization", "brand", "member", "memberof", "founder", "employee", "employees", "author", "funder", "sponsor", "owns", "department", "alumni"]
    static let emailProtection = MultiMatcher(["/cdn-cgi/l/email-protection"], ignoringASCIICase: true)

    /// Whether a link is `tel:` or `callto:` (any case).
    static func isPhoneLink(_ href: String) -> Bool {
        var prefix: [UInt8] = []
        for b in href.utf8.prefix(7) { prefix.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
        return prefix.starts(with: Array("tel:".utf8)) || prefix.starts(with: Array("callto:".utf8))
    }

    /// Inline scripts longer than this are cut (UTF-8 bytes) before fingerprinting.
    static let scriptLimit = 200_000

    func scan(_ doc: HTMLFlatDocument, url: String) -> PageScan {
        var team: TeamCollector?
        return scan(doc, url: url, team: &team)
    }

    /// Scans the page and feeds the same walk to `team` (people cards), when given.
    func scan(_ doc: HTMLFlatDocument, url: String, team: inout TeamCollector?) -> PageScan {
        var page = PageScan(url: url)
        page.language = doc.language
        page.title = doc.title?.trimmedSpace()
        if let head = doc.head { scanHead(head, in: doc, into: &page) }
        // Some pages put meta/link/script in the body (or libxml2 moves them there): the body walk handles those too.
        guard let body = doc.body ?? doc.root else { return page }
        scanBody(body, in: doc, into: &page, team: &team)
        return page
    }

    private func scanHead(_ head: Int, in doc: HTMLFlatDocument, into page: inout PageScan) {
        // Every element of the head in document order; the content of scripts and styles is skipped.
        var index = head
        let end = doc.end(of: head)
        while index < end {
            guard doc.kind(index) == .element else {
                index += 1
                continue
            }
            let name = TagTable.info(doc, index).name
            handleResourceElement(index, in: doc, name: name, into: &page)
            index = name == "script" || name == "style" ? doc.end(of: index) : index + 1
        }
    }

    /// meta/link/script/iframe/img/form: the non-text signals. Returns true when handled as a script.
    @discardableResult
    private func handleResourceElement(_ node: Int, in doc: HTMLFlatDocument, name: String, into page: inout PageScan) -> Bool {
        switch name {
        case "meta":
            let key = (doc.attribute("name", of: node) ?? doc.attribute("property", of: node) ?? doc.attribute("itemprop", of: node))?.lowercased()
            if let key, let content = doc.attribute("content", of: node) {
                if page.meta[key] == nil { page.meta[key] = content }
                if key == "generator" { page.generators.append(content.lowercased()) }
            }
        case "link":
            if let href = doc.attribute("href", of: node) {
                page.resourceURLs.append(href.lowercased())
                let rel = doc.attribute("rel", of: node)?.lowercased() ?? ""
                if rel.containsBytes("alternate"), let hl = doc.attribute("hreflang", of: node) { page.hreflangs.append(hl) }
            }
        case "script":
            if let src = doc.attribute("src", of: node) { page.resourceURLs.append(src.lowercased()) }
            let type = doc.attribute("type", of: node)?.lowercased().trimmedSpace(newlines: false) ?? ""
            if type.containsBytes("ld+json") {
                page.jsonLD.append(doc.rawText(of: node))
            } else if type.isEmpty || type.containsBytes("javascript") || type == "module" || type.containsBytes("ecmascript") {
                let body = doc.rawText(of: node)
                if !body.isEmpty { page.inlineScripts.append(Self.prefix(body, bytes: Self.scriptLimit)) }
            }
            _ = readAttributes(node, in: doc, content: false, into: &page)
            return true
        case "iframe", "img", "source", "embed", "frame":
            if let src = doc.attribute("src", of: node) ?? doc.attribute("data-src", of: node) { page.resourceURLs.append(src.lowercased()) }
        case "form":
            if let action = doc.attribute("action", of: node) { page.resourceURLs.append(action.lowercased()) }
        default:
            break
        }
        return false
    }

    /// At most `bytes` UTF-8 bytes of `s`, cut at a scalar boundary.
    static func prefix(_ s: String, bytes limit: Int) -> String {
        guard s.utf8.count > limit else { return s }
        let all = Array(s.utf8)
        var end = limit
        while end > 0, UTF8.isContinuation(all[end]) { end -= 1 }
        return String(decoding: all[..<end], as: UTF8.self)
    }

    /// The attributes the walk and ``TeamCollector`` read from an element, from one pass over its
    /// attributes; values of the others are never built. When an attribute repeats, the last wins.
    struct ElementAttributes {
        var id: String?
        var cls: String?
        var itemprop: String?
        var itemtype: String?
        var href: String?
        var rel: String?
        /// Read only when asked for (the team collector's microdata values).
        var content: String?
        var itemscope = false
        /// The first counter attribute (``counterAttributes``) that holds a number (``counterValue(_:)``).
        var counter: String?
    }

    /// Reads an element's ``ElementAttributes`` and records, on the way, the attributes fingerprints
    /// look at and Cloudflare-protected e-mails (`data-cfemail`).
    private func readAttributes(_ node: Int, in doc: HTMLFlatDocument, content wantContent: Bool, into page: inout PageScan) -> ElementAttributes {
        var a = ElementAttributes()
        doc.forEachAttribute(of: node) { attribute in
            let kind = attribute.withNameBytes(Self.attributeKind)
            switch kind {
            case .other:
                return
            case .data:
                let n = attribute.name
                if rules.attributeNames.contains(n) { page.attributeNames.insert(n) }
                var value: String?
                if n == "data-cfemail" {
                    let v = attribute.value
                    page.cfEmails.append(v)
                    value = v
                }
                if a.counter == nil, Self.counterAttributes.contains(n) {
                    a.counter = Self.counterValue(value ?? attribute.value)
                }
            case .id, .class:
                let v = attribute.value
                if rules.attributeValueHints.matchesAny(v) {
                    page.attributeValues.insert((kind == .id ? "id=" : "class=") + v.lowercased())
                }
                if kind == .id { a.id = v } else { a.cls = v }
            case .itemprop: a.itemprop = attribute.value
            case .itemscope: a.itemscope = true
            case .itemtype: a.itemtype = attribute.value
            case .href: a.href = attribute.value
            case .rel: a.rel = attribute.value
            case .content: if wantContent { a.content = attribute.value }
            }
        }
        return a
    }

    private enum AttributeKind {
        case other, data, id, `class`, itemprop, itemscope, itemtype, href, rel, content
    }

    /// Which of the read attributes a name is (ASCII case ignored, as the lower-cased names compared).
    private static func attributeKind(_ name: UnsafeBufferPointer<UInt8>) -> AttributeKind {
        switch name.count {
        case 2: return isName(name, "id") ? .id : .other
        case 3: return isName(name, "rel") ? .rel : .other
        case 4: return isName(name, "href") ? .href : .other
        case 5: return isName(name, "class") ? .class : isDataName(name) ? .data : .other
        case 7: return isName(name, "content") ? .content : isDataName(name) ? .data : .other
        case 8:
            if isName(name, "itemprop") { return .itemprop }
            if isName(name, "itemtype") { return .itemtype }
            return isDataName(name) ? .data : .other
        case 9: return isName(name, "itemscope") ? .itemscope : isDataName(name) ? .data : .other
        default: return isDataName(name) ? .data : .other
        }
    }

    /// Whether the name starts with `data-` (ASCII case ignored).
    @inline(__always)
    private static func isDataName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count >= 5 && (name[0] | 0x20) == 0x64 && (name[1] | 0x20) == 0x61 && (name[2] | 0x20) == 0x74
            && (name[3] | 0x20) == 0x61 && name[4] == 0x2D
    }

    /// Whether `bytes` are `name` (lower-case ASCII), ASCII case ignored.
    @inline(__always)
    private static func isName(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for i in 0..<bytes.count {
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            if b != expected[i] { return false }
        }
        return true
    }

    /// What the walk keeps per open element.
    private struct Context {
        var region: Region
        /// Whether the element's end is a text boundary (false for skipped elements, `<br>`, scripts).
        var counts: Bool
        var isBlock: Bool
        var opensScope: Bool
        /// The element's tag (a block's name closes its segment).
        var tag: TagInfo
    }

    private func scanBody(_ body: Int, in doc: HTMLFlatDocument, into page: inout PageScan, team: inout TeamCollector?) {
        // The current segment as UTF-8 (newlines, tabs and NBSP of text nodes become spaces; `<br>` is "\n").
        var current: [UInt8] = []
        current.reserveCapacity(4096)
        var started = false  // something (even a space) was appended since the last flush
        var currentRegion: Region = []
        var currentHeading = false
        var words = 0

        // Serials of the open block elements, for the segments' parent and grandparent.
        var blocks: [Int32] = []
        var serial: Int32 = 0
        func flush(closer: String? = nil) {
            if let text = Self.trimmed(current) {
                page.segments.append(TextSegment(text: text, region: currentRegion, isHeading: currentHeading,
                                                 parent: blocks.last ?? -1, grand: blocks.count >= 2 ? blocks[blocks.count - 2] : -1,
                                                 closer: closer))
                words += Self.wordCount(current)
            }
            current.removeAll(keepingCapacity: true)
            started = false
            currentHeading = false
        }
        func appendSpace(region: Region) {
            if !started { currentRegion = region; started = true }
            current.append(0x20)
        }
        func appendText(_ s: String, region: Region) {
            var s = s
            s.withUTF8 { appendText($0, region: region) }
        }
        func appendText(_ s: UnsafeBufferPointer<UInt8>, region: Region) {
            if !started { currentRegion = region; started = true }
            // Runs of bytes kept as they are go in with one copy each.
            var runStart = 0
            var i = 0
            let n = s.count
            while i < n {
                let b = s[i]
                if b == 0x0A || b == 0x09 || b == 0x0D {
                    current.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                    current.append(0x20)
                    runStart = i + 1
                } else if b == 0xA0, i > 0, s[i - 1] == 0xC2 {
                    // NBSP (C2 A0) → space: the C2 is the run's last byte (a C2 is always kept).
                    current.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i]))
                    current[current.count - 1] = 0x20
                    runStart = i + 1
                }
                i += 1
            }
            current.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<n]))
        }
        /// The last ~60 characters of the current block, for link labels ("Tel:", "Fax:").
        func label() -> String {
            let start = max(0, current.count - 240)
            var i = start
            while i < current.count, i > 0, UTF8.isContinuation(current[i]) { i += 1 }
            return String(String(decoding: current[i...], as: UTF8.self).suffix(60))
        }

        // Microdata item scopes: (path prefix, is org-like).
        var scopes: [(path: String, include: Bool)] = []
        var stack: [Context] = []
        stack.reserveCapacity(64)

        DocumentEvents.walk(
            doc, root: body,
            enter: { node in
                let parentRegion = stack.last?.region ?? []
                let tag = TagTable.info(doc, node)
                let name = tag.name
                if name == "br" {
                    if !started { currentRegion = parentRegion; started = true }
                    current.append(0x0A)
                    stack.append(Context(region: parentRegion, counts: false, isBlock: false, opensScope: false, tag: tag))
                    team?.enter(node, in: doc, tag: tag, attributes: ElementAttributes())
                    return .skipChildren
                }
                let flags = tag.flags
                if flags.contains(.resource), handleResourceElement(node, in: doc, name: name, into: &page) {
                    stack.append(Context(region: parentRegion, counts: false, isBlock: false, opensScope: false, tag: tag))
                    team?.enter(node, in: doc, tag: tag, attributes: ElementAttributes())
                    return .skipChildren
                }
                let attributes = readAttributes(node, in: doc, content: team != nil, into: &page)
                team?.enter(node, in: doc, tag: tag, attributes: attributes)
                if flags.contains(.skipped) {
                    stack.append(Context(region: parentRegion, counts: false, isBlock: false, opensScope: false, tag: tag))
                    return .skipChildren
                }
                let id = attributes.id, cls = attributes.cls, itemprop = attributes.itemprop, itemtype = attributes.itemtype
                let href = attributes.href, rel = attributes.rel
                let hasScope = attributes.itemscope || itemtype != nil
                let counter = attributes.counter
                var region = parentRegion
                switch name {
                case "header": region.insert(.header)
                case "footer": region.insert(.footer)
                case "nav": region.insert(.nav)
                case "address": region.insert(.contact)
                default: break
                }
                if itemprop == "address" { region.insert(.contact) }
                if let id { region.formUnion(rules.regions.regions(id)) }
                if let cls { region.formUnion(rules.regions.regions(cls)) }
                // Classes on the page itself are theme flags ("single-author", "hide_share_post_top",
                // "wp-embed-responsive"), not a byline, embed or share widget around the links.
                if name == "body" || name == "html" || name == "main" { region.remove(.foreign) }
                if name == "a", let rel, rules.regions.isForeignRel(rel) { region.insert(.foreign) }
                if name == "a", let href {
                    if Self.emailProtection.matchesAny(href) {
                        if let hash = href.firstIndex(of: "#") { page.cfEmails.append(String(href[href.index(after: hash)...])) }
                    }
                    let text = Self.isPhoneLink(href) ? doc.innerText(of: node) : ""
                    page.links.append(PageLink(href: href, text: text, region: region, label: label()))
                }

                // Microdata.
                let prop = itemprop?.lowercased()
                if let prop, let top = scopes.last, top.include {
                    let path = top.path.isEmpty ? prop : top.path + "." + prop
                    if !hasScope {
                        let value = doc.attribute("content", of: node) ?? doc.attribute("datetime", of: node)
                            ?? ((name == "a" || name == "link") ? href : nil)
                            ?? (name == "img" ? doc.attribute("src", of: node) : nil)
                            ?? doc.innerText(of: node)
                        page.microdata.append(MicrodataProperty(name: prop, value: value, path: path))
                    }
                }
                if hasScope {
                    let type = (itemtype ?? "").lowercased()
                    let short = type.split(separator: "/").last.map(String.init) ?? type
                    if let top = scopes.last {
                        let include = top.include && !(prop.map { Self.microdataSkip.contains($0) } ?? true)
                        let path = top.path.isEmpty ? (prop ?? "") : top.path + "." + (prop ?? "")
                        scopes.append((path, include))
                    } else {
                        page.microdataTypes.append(short)
                        scopes.append(("", prop == nil || !Self.microdataSkip.contains(prop!)))
                    }
                }

                let isBlock = flags.contains(.block)
                if isBlock {
                    flush()
                    currentHeading = flags.contains(.heading)
                    serial += 1
                    blocks.append(serial)
                } else {
                    appendSpace(region: region)
                }
                stack.append(Context(region: region, counts: true, isBlock: isBlock, opensScope: hasScope, tag: tag))
                // Animated counters: the number sits in an attribute while the text shows 0 (or nothing).
                if let counter, Self.isPlaceholderNumber(doc.innerText(of: node)) {
                    appendText(counter, region: region)
                    return .skipChildren
                }
                return .descend
            },
            text: { t in
                appendText(t, region: stack.last?.region ?? [])
                if team != nil { team?.text(String(decoding: t, as: UTF8.self)) }
            },
            leave: { node in
                team?.leave(node, in: doc)
                guard let context = stack.popLast(), context.counts else { return }
                if context.isBlock {
                    blocks.removeLast()
                    flush(closer: context.tag.name)
                } else {
                    appendSpace(region: context.region)
                }
                if context.opensScope { scopes.removeLast() }
            }
        )
        flush()
        page.wordCount = words
    }

    /// Attributes in which animated counters keep their final number.
    static let counterAttributes: Set<String> = [
        "data-count", "data-target", "data-to", "data-value", "data-number", "data-end", "data-counter", "data-countup",
        "data-count-to", "data-end-value", "data-final", "data-num", "data-val", "data-stop", "data-max", "data-goal",
    ]

    /// A counter attribute's value when it is a number ("150", "1,200", "1.5k"), trimmed.
    static func counterValue(_ v: String) -> String? {
        let t = v.trimmedSpace()
        guard !t.isEmpty, t.utf8.count <= 16, let first = t.utf8.first, first >= 0x30 && first <= 0x39 else { return nil }
        guard t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2C || $0 == 0x2E || $0 == 0x20 || $0 == 0x2B || $0 == 0x6B || $0 == 0x4B }) else { return nil }
        return t
    }

    /// Whether an element's text is only a counter's start value: empty, or zeros.
    static func isPlaceholderNumber(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x30 || $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }

    /// The segment text without leading and trailing white space, or `nil` when nothing is left.
    private static func trimmed(_ bytes: [UInt8]) -> String? {
        var a = 0
        var z = bytes.count
        while a < z, bytes[a] == 0x20 || bytes[a] == 0x0A { a += 1 }
        while z > a, bytes[z - 1] == 0x20 || bytes[z - 1] == 0x0A { z -= 1 }
        guard a < z else { return nil }
        let s = String(decoding: bytes[a..<z], as: UTF8.self)
        // Other Unicode spaces at the ends (rare): the full trim.
        if bytes[a] >= 0x80 || bytes[z - 1] >= 0x80 {
            let t = s.trimmedSpace()
            return t.isEmpty ? nil : t
        }
        return s
    }

    /// Words of a segment: runs between spaces and newlines.
    private static func wordCount(_ bytes: [UInt8]) -> Int {
        var n = 0
        var inWord = false
        for b in bytes {
            if b == 0x20 || b == 0x0A {
                inWord = false
            } else if !inWord {
                inWord = true
                n += 1
            }
        }
        return n
    }
}
