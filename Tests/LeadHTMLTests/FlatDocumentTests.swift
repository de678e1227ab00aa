import Foundation
import LeadHTML
import LeadTestSupport
import Testing

/// ``HTMLFlatDocument`` (libxml2's SAX events) must hold the same structure as ``HTMLDocument``
/// (libxml2's tree): the same elements, attributes and text nodes under the same parents, the same
/// head, body, title and language, and the same innerText and rawText for every element.
struct FlatDocumentTests {
    /// The tree as text: every top-level element with its subtree, then every element's
    /// innerText and rawText, then the document's accessors.
    static func outline(_ document: HTMLDocument) -> String {
        var out = ""
        func element(_ node: HTMLNode, depth: Int) {
            out += String(repeating: " ", count: depth) + "<" + node.name
            for (name, value) in node.attributes { out += " \(name)=\(value.debugDescription)" }
            out += ">\n"
            for child in node.children {
                switch child.kind {
                case .element: element(child, depth: depth + 1)
                case .text: out += String(repeating: " ", count: depth + 1) + "T" + child.content.debugDescription + "\n"
                case .cdata: out += String(repeating: " ", count: depth + 1) + "C" + child.content.debugDescription + "\n"
                default: break
                }
            }
        }
        var texts = ""
        document.walk { node in
            if node.parent == nil { element(node, depth: 0) }
            texts += node.name + " " + node.innerText.debugDescription + " " + node.innerText.debugDescription + " "
                + node.rawText.debugDescription + "\n"
            return .descend
        }
        return out + texts + "head \(document.head?.name ?? "-") body \(document.body.map { $0.innerText } ?? "-") "
            + "title \(document.title ?? "-") lang \(document.language ?? "-") root \(document.root?.name ?? "-")\n"
    }

    /// The same text from the flat document.
    static func outline(_ document: HTMLFlatDocument) -> String {
        var out = ""
        func element(_ index: Int, depth: Int) {
            out += String(repeating: " ", count: depth) + "<" + document.name(index)
            for (name, value) in document.attributes(of: index) { out += " \(name)=\(value.debugDescription)" }
            out += ">\n"
            var child = index + 1
            while child < document.end(of: index) {
                switch document.kind(child) {
                case .element: element(child, depth: depth + 1)
                case .text, .cdata:
                    let text = document.withTextBytes(child) { String(decoding: $0, as: UTF8.self) }
                    out += String(repeating: " ", count: depth + 1) + (document.kind(child) == .text ? "T" : "C") + text.debugDescription + "\n"
                }
                child = document.end(of: child)
            }
        }
        var texts = ""
        for index in 0..<document.count where document.kind(index) == .element {
            if document.parent(of: index) == nil { element(index, depth: 0) }
            // Both ways to the visible text: the folded copy and the no-copy path for leaf elements.
            let handedOver = document.withInnerTextBytes(of: index) { String(decoding: $0, as: UTF8.self) }
            texts += document.name(index) + " " + document.innerText(of: index).debugDescription + " "
                + handedOver.debugDescription + " " + document.rawText(of: index).debugDescription + "\n"
        }
        return out + texts + "head \(document.head.map { document.name($0) } ?? "-") body \(document.body.map { document.innerText(of: $0) } ?? "-") "
            + "title \(document.title ?? "-") lang \(document.language ?? "-") root \(document.root.map { document.name($0) } ?? "-")\n"
    }

    static func check(_ bytes: [UInt8], _ label: String) throws {
        let tree = try? HTMLDocument.parse(bytes, url: "https://example.com/")
        let flat = try? HTMLFlatDocument.parse(bytes, url: "https://example.com/")
        #expect((tree == nil) == (flat == nil), "\(label): one parse failed")
        guard let tree, let flat else { return }
        #expect(tree.encoding == flat.encoding, "\(label)")
        let expected = outline(tree)
        let actual = outline(flat)
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            Issue.record("\(label): first difference at line \(line + 1):\n tree: \(line < e.count ? String(e[line]) : "<end>")\n flat: \(line < a.count ? String(a[line]) : "<end>")")
        }
    }

    @Test func handWrittenPagesMatchTheTree() throws {
        let pages = [
            "<!DOCTYPE html><html lang=' NL-be '><head><title> Acme &amp; Co </title><meta name=x content=y></head><body><p>Hi <b>there</b>!</p></body></html>",
            "<p>no html or body<br>line two",
            "text first<div>then a block</div>",
            "<html><body><span>12<!-- c -->34</span> <span>a</span><!--x--> b</body></html>after<p>late</p>",
            "<!-- lead --><html><body>x</body></html><div>second root</div>",
            "<!DOCTYPE html><html><body>x</body></html><div>sibling root</div><!DOCTYPE html><p>y",
            "<html><body><input type=checkbox checked disabled name><select multiple><option selected>o</select></body></html>",
            "<table><tr><td>a<td>b</table><ul><li>one<li>two</ul><dl><dt>k<dd>v</dl>",
            "<script>var a = '<p>' ; </script><style>p{}</style><noscript><b>n</b></noscript><template><i>t</i></template>v",
            "<body><p>\u{00A0}\u{2003}spaced\u{3000}out\t\n</p><html lang=fr><body class=x>second body</body></html>",
            "<head><link rel=alternate hreflang=de href=/de></head><frameset><frame src=f.html></frameset>",
            "<div><?php echo 1 ?>a<!---->b</div><p>&#x41;&lt;&unknown; &nbsp;</p>",
            "<html><head><title></title><title>second</title></head><body></body></html>",
            "<svg><g><text>inside svg</text></g></svg><math><mi>x</mi></math><custom-tag data-x=1>c</custom-tag>",
            "<a href='tel:+1 555'>call <span>us</span></a><form action=/go><textarea>t</textarea></form>",
            "<g:plusone size=medium></g:plusone><fb:like:x href=a>l</fb:like:x><x:script>s</x:script><:odd>o</:odd><end:>e</end:>",
        ]
        for (i, page) in pages.enumerated() { try Self.check(Array(page.utf8), "page \(i)") }
    }

    /// Tag soup: random nesting, unclosed and stray end tags, misplaced html/head/body, comments,
    /// doctypes, attributes with and without values, entities, white space and non-ASCII text.
    @Test func generatedTagSoupMatchesTheTree() throws {
        var random = SplitMix64(state: 0x5EED_F1A7)
        let tags = ["html", "head", "body", "title", "p", "div", "span", "a", "b", "i", "br", "img", "li", "ul", "table",
                    "tr", "td", "th", "dl", "dt", "dd", "h1", "h2", "script", "style", "noscript", "template", "meta",
                    "link", "form", "input", "select", "option", "textarea", "header", "footer", "nav", "address",
                    "section", "article", "button", "label", "iframe", "svg", "x-card", "font", "center", "pre", "g:plusone", "o:p", "x:script"]
        let attributes = ["id", "class", "href", "src", "content", "name", "itemprop", "itemscope", "itemtype", "lang",
                          "checked", "selected", "data-count", "rel", "type", "xml:lang", "DISABLED", "Title"]
        let words = ["Acme", "GmbH", "medewerkers", "café", "Zürich", "émployés", "150+", "  ", "\n\t", "\u{00A0}", "\u{2009}",
                     "&amp;", "&nbsp;", "&#233;", "&bogus;", "<", ">", "a&b", "2010", "日本", "😀", "'", "\""]
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        for round in 0..<1500 {
            var html = ""
            if random.next() % 4 == 0 { html += "<!DOCTYPE html>" }
            if random.next() % 5 == 0 { html += "<!-- top -->" }
            let pieces = 5 + Int(random.next() % 60)
            for _ in 0..<pieces {
                switch random.next() % 10 {
                case 0, 1, 2:
                    html += "<" + pick(tags)
                    for _ in 0..<Int(random.next() % 3) {
                        html += " " + pick(attributes)
                        switch random.next() % 4 {
                        case 0: break
                        case 1: html += "=\"" + pick(words) + "\""
                        case 2: html += "='" + pick(words) + " x'"
                        default: html += "=v" + String(random.next() % 100)
                        }
                    }
                    html += random.next() % 8 == 0 ? "/>" : ">"
                case 3, 4:
                    html += "</" + pick(tags) + ">"
                case 5:
                    html += "<!-- " + pick(words) + " -->"
                default:
                    html += pick(words) + (random.next() % 2 == 0 ? " " : "")
                }
            }
            try Self.check(Array(html.utf8), "round \(round): \(html)")
        }
    }

    @Test func fixturePagesMatchTheTree() throws {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            try Self.check([UInt8](Data(contentsOf: folder.appendingPathComponent(name))), name)
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LEADSMITH_REAL_PAGES"] != nil, "set LEADSMITH_REAL_PAGES"))
    func realPagesMatchTheTree() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LEADSMITH_REAL_PAGES"]!)
        let names = (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.hasSuffix(".html") }.sorted()
        for name in names {
            try Self.check([UInt8](Data(contentsOf: folder.appendingPathComponent(name))), name)
        }
    }

    @Test func emptyAndBinaryInputFailAsTheTreeDoes() {
        #expect(throws: HTMLError.self) { try HTMLFlatDocument.parse(Array("   \n".utf8)) }
        #expect(throws: HTMLError.self) { try HTMLFlatDocument.parse([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 200)) }
    }
}
