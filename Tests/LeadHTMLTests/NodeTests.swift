import LeadHTML
import Testing

struct NodeTests {
    let document: HTMLDocument

    init() throws {
        document = try parse("""
            <html><head><title>T</title></head><body>
            <ul id="team"><li class="member">Jan <b>de</b> Vries</li><!-- hidden --><li class="member">Anna</li></ul>
            <p>Tail</p>
            </body></html>
            """)
    }

    @Test func kindsNamesAndContent() throws {
        let list = try #require(try document.select("//ul").first)
        #expect(list.kind == .element)
        #expect(list.name == "ul")
        #expect(list.content == "")
        let kinds = list.children.map(\.kind)
        #expect(kinds == [.element, .comment, .element])
        let comment = list.children[1]
        #expect(comment.name == "")
        #expect(comment.content == " hidden ")
        let text = try #require(try document.select("//li/text()").first)
        #expect(text.kind == .text)
        #expect(text.name == "")
        #expect(text.content == "Jan ")
    }

    @Test func treeNavigation() throws {
        let items = try document.select("//li")
        #expect(items.count == 2)
        let first = items[0]
        #expect(first.parent?.attribute("id") == "team")
        #expect(first.parent?.elementChildren == items)
        #expect(first.nextSibling?.kind == .comment)
        #expect(items[1].previousSibling?.kind == .comment)
        #expect(document.root?.parent == nil)
        #expect(document.root?.elementChildren.map(\.name) == ["head", "body"])
        #expect(first.isElement(named: "li"))
        #expect(!first.isElement(named: "l"))
        #expect(!first.isElement(named: "lix"))
        #expect(first.lineNumber == 2)
    }

    @Test func nodesAreHashableByIdentity() throws {
        let viaXPath = try document.select("//li[1]")
        let viaTree = try #require(try document.select("//ul").first?.elementChildren.first)
        #expect(viaXPath.first == viaTree)
        #expect(Set(try document.select("//li") + document.select("//li[@class='member']")).count == 2)
    }

    @Test func relativeXPathFromANode() throws {
        let list = try #require(try document.select("//ul").first)
        #expect(try list.select("li").count == 2)
        #expect(try list.select(".//b").map(\.innerText) == ["de"])
        #expect(try list.select("//p").count == 1, "// still searches the whole document")
        #expect(try list.select("..").first?.name == "body")
    }

    @Test func attributeNodesFromXPath() throws {
        let page = try parse(#"<a href="/a">A</a><a href="/b?x=1&amp;y=2">B</a>"#)
        let hrefs = try page.select("//a/@href")
        #expect(hrefs.map(\.kind) == [.other, .other])
        #expect(hrefs.map(\.name) == ["href", "href"])
        #expect(hrefs.map(\.content) == ["/a", "/b?x=1&y=2"])
        #expect(hrefs.map(\.rawText) == ["/a", "/b?x=1&y=2"])
        #expect(hrefs.first?.parent?.name == "a")
        #expect(hrefs.first?.children.map(\.kind) == [.text])
        #expect(hrefs.first?.attribute("href") == nil)
    }

    @Test(arguments: ["//a[", "//a) | (//p", "//p[text()=')'] | //a)", "count(//a)", "//a[@href='x'", "foo(//a)", "string(//title)", "1 + 1", "", "///"])
    func invalidOrNonNodeExpressionsThrow(expression: String) throws {
        do {
            _ = try document.select(expression)
            Issue.record("\(expression) should throw")
        } catch {
            #expect(error.code == .xpath)
            #expect(error.message.contains(expression))
            #expect(error.description.hasPrefix("html.xpath: "))
        }
    }

    @Test func xpathErrorCarriesLibxml2Message() {
        do {
            _ = try document.select("//a[")
        } catch {
            #expect(error.message.hasPrefix("Invalid predicate") || error.message.contains("Invalid"))
            #expect(error.url == "https://acme.example/")
        }
    }

    @Test func parenthesesInsideLiteralsAreFine() throws {
        let page = try parse("<p>(a)</p><p>b)</p>")
        #expect(try page.select("//p[text()='b)']").count == 1)
        #expect(try page.select(#"(//p[contains(., "(")])[1]"#).map(\.innerText) == ["(a)"])
    }

    @Test func oddButValidExpressions() throws {
        #expect(try document.select("/").isEmpty, "the document node itself is not an HTMLNode")
        #expect(try document.select("//namespace::*").isEmpty)
        #expect(try document.select("//comment()").map(\.content) == [" hidden "])
        #expect(try document.select("//li | //p").map(\.name) == ["li", "li", "p"], "document order")
        #expect(try document.select("//nothing").isEmpty)
        #expect(try document.select("//META").isEmpty, "libxml2 lower-cases names: write XPath in lower case")
    }

    @Test func walkVisitsElementsInDocumentOrder() {
        var names: [String] = []
        document.walk { node in
            names.append(node.name)
            return .descend
        }
        #expect(names == ["html", "head", "title", "body", "ul", "li", "b", "li", "p"])
    }

    @Test func walkCanSkipChildrenStopAndSeeComments() throws {
        var names: [String] = []
        document.walk(includeComments: true) { node in
            names.append(node.kind == .comment ? "#comment" : node.name)
            if node.name == "head" { return .skipChildren }
            if node.name == "p" { return .stop }
            return .descend
        }
        #expect(names == ["html", "head", "body", "ul", "li", "b", "#comment", "li", "p"])

        var stopped: [String] = []
        document.walk { node in
            stopped.append(node.name)
            return node.name == "li" ? .stop : .descend
        }
        #expect(stopped == ["html", "head", "title", "body", "ul", "li"])

        let list = try #require(try document.select("//ul").first)
        var subtree: [String] = []
        list.walk { node in
            subtree.append(node.name)
            return .descend
        }
        #expect(subtree == ["ul", "li", "b", "li"], "a node's walk stays inside its subtree")
    }
}
