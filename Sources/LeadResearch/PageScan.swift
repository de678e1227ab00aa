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
}

/// A run of visible text between block boundaries.
struct TextSegment: Sendable {
    var text: String
    var region: Region
    var isHeading: Bool
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
    /// `id=<value>` and `class=<value>` entries, lower-case.
    var attributeValues: [String] = []
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

/// Builds a ``PageScan`` from an ``HTMLDocument`` in one iterative pass.
struct PageScanner {
    let officeMarkers: [String]

    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "nav", "main", "aside", "h1", "h2", "h3", "h4", "h5",
        "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead", "blockquote", "form",
        "address", "figure", "figcaption", "pre", "hr", "body", "html", "center", "fieldset", "legend", "option",
        "label", "button", "caption", "summary", "details",
    ]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select", "textarea"]
    static let microdataSkip: Set<String> = ["parentorganization", "suborganization", "brand", "member", "memberof", "founder", "employee", "employees", "author", "funder", "sponsor", "owns", "department", "alumni"]

    func scan(_ doc: HTMLDocument, url: String) -> PageScan {
        var page = PageScan(url: url)
        page.language = doc.language
        page.title = doc.title?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let head = doc.head { scanHead(head, into: &page) }
        // Some pages put meta/link/script in the body (or libxml2 moves them there): the body walk handles those too.
        guard let body = doc.body ?? doc.root else { return page }
        scanBody(body, into: &page)
        return page
    }

    private func scanHead(_ head: HTMLNode, into page: inout PageScan) {
        head.walk { node in
            handleResourceElement(node, into: &page)
            return node.isElement(named: "script") || node.isElement(named: "style") ? .skipChildren : .descend
        }
    }

    /// meta/link/script/iframe/img/form: the non-text signals. Returns true when handled as a script.
    @discardableResult
    private func handleResourceElement(_ node: HTMLNode, into page: inout PageScan) -> Bool {
        let name = node.name
        switch name {
        case "meta":
            let key = (node.attribute("name") ?? node.attribute("property") ?? node.attribute("itemprop"))?.lowercased()
            if let key, let content = node.attribute("content") {
                if page.meta[key] == nil { page.meta[key] = content }
                if key == "generator" { page.generators.append(content.lowercased()) }
            }
        case "link":
            if let href = node.attribute("href") {
                page.resourceURLs.append(href.lowercased())
                let rel = node.attribute("rel")?.lowercased() ?? ""
                if rel.contains("alternate"), let hl = node.attribute("hreflang") { page.hreflangs.append(hl) }
            }
        case "script":
            if let src = node.attribute("src") { page.resourceURLs.append(src.lowercased()) }
            let type = node.attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces) ?? ""
            if type.contains("ld+json") {
                page.jsonLD.append(node.rawText)
            } else if type.isEmpty || type.contains("javascript") || type == "module" || type.contains("ecmascript") {
                let body = node.rawText
                if !body.isEmpty { page.inlineScripts.append(body.count > 200_000 ? String(body.prefix(200_000)) : body) }
            }
            noteAttributes(node, into: &page)
            return true
        case "iframe", "img", "source", "embed", "frame":
            if let src = node.attribute("src") ?? node.attribute("data-src") { page.resourceURLs.append(src.lowercased()) }
        case "form":
            if let action = node.attribute("action") { page.resourceURLs.append(action.lowercased()) }
        default:
            break
        }
        return false
    }

    private func noteAttributes(_ node: HTMLNode, into page: inout PageScan) {
        for (n, v) in node.attributes {
            if n.hasPrefix("data-") { page.attributeNames.insert(n) }
            if n == "id" || n == "class" { page.attributeValues.append(n + "=" + v.lowercased()) }
            if n == "data-cfemail" { page.cfEmails.append(v) }
        }
    }

    private struct Frame {
        var node: HTMLNode
        var region: Region
        var exiting: Bool
        var microScope: Int?
    }

    private func scanBody(_ body: HTMLNode, into page: inout PageScan) {
        var current = ""
        var currentRegion: Region = []
        var currentHeading = false
        var blockText = ""  // text of the current block so far, for link labels
        var words = 0

        func flush() {
            let t = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty {
                page.segments.append(TextSegment(text: t, region: currentRegion, isHeading: currentHeading))
                words += t.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            }
            current = ""
            blockText = ""
            currentHeading = false
        }
        func append(_ s: String, region: Region) {
            if current.isEmpty { currentRegion = region }
            current += s
            blockText += s
        }

        // Microdata item scopes: (path prefix, is org-like).
        var scopes: [(path: String, include: Bool)] = []
        var stack: [Frame] = [Frame(node: body, region: [], exiting: false, microScope: nil)]
        while let frame = stack.popLast() {
            let node = frame.node
            if frame.exiting {
                if Self.blockElements.contains(node.name) { flush() } else { append(" ", region: frame.region) }
                if frame.microScope != nil { scopes.removeLast() }
                continue
            }
            switch node.kind {
            case .text, .cdata:
                var t = node.content
                if t.contains("\n") || t.contains("\t") || t.contains("\r") {
                    t = t.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: " ")
                }
                append(t.replacingOccurrences(of: "\u{00A0}", with: " "), region: frame.region)
                continue
            case .element:
                break
            default:
                continue
            }
            let name = node.name
            if name == "br" { append("\n", region: frame.region); continue }
            if handleResourceElement(node, into: &page) { continue }
            if Self.skipped.contains(name) { noteAttributes(node, into: &page); continue }
            noteAttributes(node, into: &page)
            var region = frame.region
            let idClass = ((node.attribute("id") ?? "") + " " + (node.attribute("class") ?? "")).lowercased()
            if name == "header" || idClass.contains("header") || idClass.contains("masthead") { region.insert(.header) }
            if name == "footer" || idClass.contains("footer") || idClass.contains("colophon") { region.insert(.footer) }
            if name == "nav" || idClass.contains("navbar") || idClass.contains("navigation") { region.insert(.nav) }
            if name == "address" || idClass.contains("contact") || node.attribute("itemprop") == "address" { region.insert(.contact) }
            if !idClass.trimmingCharacters(in: .whitespaces).isEmpty,
               officeMarkers.contains(where: { idClass.contains($0) }) { region.insert(.office) }
            if name == "a", let href = node.attribute("href") {
                let lower = href.lowercased()
                if lower.contains("/cdn-cgi/l/email-protection") {
                    if let hash = href.firstIndex(of: "#") { page.cfEmails.append(String(href[href.index(after: hash)...])) }
                }
                let text = lower.hasPrefix("tel:") || lower.hasPrefix("callto:") ? node.innerText : ""
                page.links.append(PageLink(href: href, text: text, region: region, label: String(blockText.suffix(60))))
            }

            // Microdata.
            var microScope: Int?
            let itemprop = node.attribute("itemprop")?.lowercased()
            let hasScope = node.attribute("itemscope") != nil || node.attribute("itemtype") != nil
            if let itemprop, let top = scopes.last, top.include {
                let path = top.path.isEmpty ? itemprop : top.path + "." + itemprop
                if !hasScope {
                    let value = node.attribute("content") ?? node.attribute("datetime")
                        ?? ((name == "a" || name == "link") ? node.attribute("href") : nil)
                        ?? (name == "img" ? node.attribute("src") : nil)
                        ?? node.innerText
                    page.microdata.append(MicrodataProperty(name: itemprop, value: value, path: path))
                }
            }
            if hasScope {
                let type = (node.attribute("itemtype") ?? "").lowercased()
                let short = type.split(separator: "/").last.map(String.init) ?? type
                if let top = scopes.last {
                    let include = top.include && !(itemprop.map { Self.microdataSkip.contains($0) } ?? true)
                    let path = top.path.isEmpty ? (itemprop ?? "") : top.path + "." + (itemprop ?? "")
                    scopes.append((path, include))
                } else {
                    page.microdataTypes.append(short)
                    scopes.append(("", itemprop == nil || !Self.microdataSkip.contains(itemprop!)))
                }
                microScope = scopes.count
            }

            let isBlock = Self.blockElements.contains(name)
            if isBlock {
                flush()
                currentHeading = ["h1", "h2", "h3", "h4"].contains(name)
            } else {
                append(" ", region: region)
            }
            stack.append(Frame(node: node, region: region, exiting: true, microScope: microScope))
            let children = node.children
            for child in children.reversed() {
                stack.append(Frame(node: child, region: region, exiting: false, microScope: nil))
            }
        }
        flush()
        page.wordCount = words
        // Link texts: fill from the anchor's innerText lazily only where needed (tel/mailto).
    }
}
