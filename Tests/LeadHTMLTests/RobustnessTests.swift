import LeadHTML
import LeadTestSupport
import Testing

/// The error `body` throws, if any.
func htmlError(_ body: () throws(HTMLError) -> HTMLDocument) -> HTMLError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

struct RobustnessTests {
    @Test(arguments: [
        [UInt8](), Array("   \n\r\n\t  ".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x20, 0x0A], [0xFF, 0xFE, 0x20, 0x00],
    ])
    func emptyInputIsReportedAsEmpty(input: [UInt8]) {
        let error = htmlError { () throws(HTMLError) in try HTMLDocument.parse(input, url: "https://acme.example/") }
        #expect(error?.code == .empty)
        #expect(error?.url == "https://acme.example/")
    }

    @Test func emptyStringIsReportedAsEmpty() {
        #expect(htmlError { () throws(HTMLError) in try HTMLDocument(html: " \n ") }?.code == .empty)
    }

    @Test(arguments: [
        ("PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52] as [UInt8]),
        ("GIF", Array("GIF89a".utf8) + [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00]),
        ("JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)),
        ("PDF", Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj".utf8)),
        ("gzip", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]),
        ("ZIP", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]),
    ])
    func knownBinaryFormatsAreRejected(name: String, input: [UInt8]) {
        let error = htmlError { () throws(HTMLError) in try HTMLDocument.parse(input) }
        #expect(error?.code == .binary, "\(name)")
    }

    @Test(arguments: ["image/png", "IMAGE/JPEG; q=1", "application/pdf", "video/mp4", "font/woff2"])
    func binaryContentTypesAreRejectedWhateverTheBytes(contentType: String) {
        let error = htmlError { () throws(HTMLError) in
            try HTMLDocument.parse(Array("<html><body>x</body></html>".utf8), contentType: contentType)
        }
        #expect(error?.code == .binary)
    }

    @Test(arguments: ["text/html", "application/xhtml+xml; charset=utf-8", "text/plain", "application/octet-stream", ""])
    func textOrUnknownContentTypesAreParsed(contentType: String) throws {
        let document = try HTMLDocument.parse(Array("<p>x</p>".utf8), contentType: contentType)
        #expect(document.body?.innerText == "x")
    }

    @Test(arguments: [1 as UInt64, 2, 3, 42, 2024])
    func randomBytesAreRejected(seed: UInt64) {
        var generator = SplitMix64(state: seed)
        let input = generator.bytes(8192)
        #expect(htmlError { () throws(HTMLError) in try HTMLDocument.parse(input) }?.code == .binary)
    }

    @Test func truncatedPageKeepsWhatArrived() throws {
        let page = #"<html><head><title>Acme</title></head><body><p>Wij zijn Acme.</p><p>Opgericht in 1998</p><a href="/over"#
        let document = try parse(page)
        #expect(document.title == "Acme")
        #expect(document.body?.innerText.hasPrefix("Wij zijn Acme. Opgericht in 1998") == true)
        let cutInComment = try parse("<p>Adres: Hoofdstraat 1</p><!-- footer")
        #expect(cutInComment.body?.innerText == "Adres: Hoofdstraat 1")
        let cutInScript = try parse(#"<p>Tekst</p><script type="application/ld+json">{"name": "Ac"#)
        #expect(cutInScript.body?.innerText == "Tekst")
        #expect(try cutInScript.select("//script").first?.rawText == #"{"name": "Ac"#)
    }

    @Test func fiveMegabytePageParsesQuickly() throws {
        var page = "<!DOCTYPE html><html><head><title>Big</title></head><body>\n"
        var index = 0
        while page.utf8.count < 5_000_000 {
            page += #"<div class="row"><a href="/item/\#(index)">Item \#(index)</a> <span>€ \#(index),00</span></div>"#
            page += "\n"
            index += 1
        }
        page += "<footer>Einde</footer></body></html>"
        let clock = ContinuousClock()
        let start = clock.now
        let document = try HTMLDocument.parse(Array(page.utf8))
        let links = try document.select("//a[@href]")
        let text = try #require(document.body?.innerText)
        let elapsed = clock.now - start
        #expect(links.count == index)
        #expect(text.hasSuffix("€ \(index - 1),00 Einde"))
        #expect(elapsed < .seconds(5), "parse + XPath + innerText of 5 MB took \(elapsed)")
    }

    @Test(arguments: [10_000, 100_000])
    func deeplyNestedDivsDoNotCrashOrLoseTheRestOfThePage(depth: Int) throws {
        let page = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>diep</p>"
            + String(repeating: "</div>", count: depth) + "<footer>KvK 12345678</footer></body></html>"
        let document = try parse(page)
        let body = try #require(document.body)
        #expect(body.innerText == "diep KvK 12345678")
        #expect(body.rawText == "diepKvK 12345678")
        var elements = 0
        document.walk { _ in
            elements += 1
            return .descend
        }
        #expect(elements == depth + 4)  // html, body, divs, p, footer
        let deepest = try #require(try document.select("//p").first)
        var ancestors = 0
        var node = deepest.parent
        while let current = node {
            ancestors += 1
            node = current.parent
        }
        #expect(ancestors == depth + 2)
        #expect(try document.select("//footer").count == 1)
    }

    @Test func unclosedDivsBeyondLibxml2DefaultDepthLimitKeepTheFooter() throws {
        // Sloppy pages never close their <div>s; without XML_PARSE_HUGE libxml2 stops at depth 256.
        let page = "<body>" + String(repeating: "<div><span>x</span>", count: 1_000) + "<footer>Impressum</footer>"
        let document = try parse(page)
        #expect(document.body?.innerText.hasSuffix("x Impressum") == true)
    }

    @Test func nulBytesDoNotEndThePage() throws {
        let page = bytes("<html><body><p>voor", UInt8(0), "na</p>", UInt8(0), "<p>Telefoon 040 123</p></body></html>")
        let document = try HTMLDocument.parse(page)
        #expect(document.body?.innerText == "voor na Telefoon 040 123")
    }

    @Test func controlCharactersBecomeSpaces() throws {
        let page = bytes("<p>a", UInt8(0x01), "b", UInt8(0x0B), "c", UInt8(0x0C), "d</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.body?.innerText == "a b c d")
    }

    @Test func unclosedAndStrayTagsAreRecovered() throws {
        let document = try parse("<div><p>een<p>twee</span></div></b>drie<li>vier<table><td>vijf</div>")
        #expect(document.body?.innerText == "een twee drie vier vijf")
        #expect(try document.select("//p").count == 2)
    }

    @Test func unquotedAndOddAttributes() throws {
        let document = try parse(#"<a href=/contact class=nav data-x = "y" title='Bel ons' rel=noopener>Contact</a><img src=logo.png alt=Acme/>"#)
        let link = try #require(try document.select("//a").first)
        #expect(link.attribute("href") == "/contact")
        #expect(link.attribute("class") == "nav")
        #expect(link.attribute("data-x") == "y")
        #expect(link.attribute("title") == "Bel ons")
        #expect(link.attribute("rel") == "noopener")
        #expect(try document.select("//img").first?.attribute("alt")?.hasPrefix("Acme") == true)
    }

    @Test func plainTextAndFragmentsGetADocument() throws {
        let text = try parse("Just some text, no tags at all.")
        #expect(text.body?.innerText == "Just some text, no tags at all.")
        let comment = try parse("<!-- only a comment -->")
        #expect(comment.body == nil)
        #expect(comment.root == nil || comment.root?.innerText == "")
        let lone = try parse("<")
        #expect(lone.body?.innerText ?? "" == "<" || lone.body?.innerText ?? "" == "")
    }

    @Test func concurrentParsingOnManyThreads() async throws {
        let page = try fixture("company-nl.html")
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let document = try HTMLDocument.parse(page)
                    _ = try? document.select("//a[")
                    return try document.select("//a[@href]").map { $0.attribute("href") ?? "" }.joined(separator: " ")
                }
            }
            var all: [String] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 16)
        #expect(Set(results) == ["/over-ons /contact tel:+31401234567 mailto:info@acme.example"])
    }
}
