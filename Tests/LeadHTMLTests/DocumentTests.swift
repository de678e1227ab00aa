import Foundation
import LeadHTML
import Testing

/// Loads a fixture page's bytes.
func fixture(_ name: String) throws -> [UInt8] {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
}

/// Parses a UTF-8 string as raw bytes (sniffing on, as for a page from a server).
func parse(_ html: String, contentType: String? = nil) throws -> HTMLDocument {
    try HTMLDocument.parse(Array(html.utf8), url: "https://acme.example/", contentType: contentType)
}

struct DocumentTests {
    @Test func companyPageExposesStructureAndText() throws {
        let document = try HTMLDocument.parse(try fixture("company-nl.html"), url: "https://acme.example/over-ons")
        #expect(document.url == "https://acme.example/over-ons")
        #expect(document.encoding == "utf-8")
        #expect(document.language == "nl-nl")
        #expect(document.root?.name == "html")
        #expect(document.head?.name == "head")
        #expect(document.body?.name == "body")
        #expect(document.title == "Acme Machinebouw B.V. – Over ons")

        let text = try #require(document.body?.innerText)
        #expect(text.contains("Wij hebben 212 medewerkers in Eindhoven."))
        #expect(text.contains("Over ons Contact"))
        #expect(text.contains("040 123 4567"))
        #expect(!text.contains("999"), "comments are not visible text")
        #expect(!text.contains("UA-12345"), "scripts are not visible text")
        #expect(!text.contains("JavaScript"), "noscript is skipped")
        #expect(!text.contains("Sjabloon"), "template is skipped")
        #expect(!text.contains("  "))
    }

    @Test func jsonLDScriptTextComesFromRawText() throws {
        let document = try HTMLDocument.parse(try fixture("company-nl.html"))
        let scripts = try document.select("//script[@type='application/ld+json']")
        #expect(scripts.count == 1)
        let json = try #require(scripts.first?.rawText)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["name"] as? String == "Acme Machinebouw B.V.")
    }

    @Test func attributesAreCaseInsensitiveAndDecoded() throws {
        let document = try parse(#"<a HREF="/x?a=1&amp;b=2" Data-Id=7 hidden>x</a>"#)
        let link = try #require(try document.select("//a").first)
        #expect(link.attribute("href") == "/x?a=1&b=2")
        #expect(link.attribute("HREF") == "/x?a=1&b=2")
        #expect(link.attribute("data-id") == "7")
        #expect(link.attribute("hidden") == "")
        #expect(link.attribute("title") == nil)
        #expect(link.attributes.map(\.name) == ["href", "data-id", "hidden"])
    }

    @Test func badXPathThrowsWithoutPrinting() throws {
        let document = try parse("<p>x</p>")
        #expect(throws: HTMLError.self) { try document.select("//a[") }
        do {
            _ = try document.select("//a[")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .xpath)
            #expect(error.message.contains("//a["))
        }
    }

    @Test func emptyAndBinaryInputAreNotPages() {
        #expect(throws: HTMLError.self) { try HTMLDocument.parse([]) }
        do {
            _ = try HTMLDocument.parse(Array(" \n\t ".utf8))
        } catch {
            #expect(error.code == .empty)
        }
        do {
            _ = try HTMLDocument.parse([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        } catch {
            #expect(error.code == .binary)
        }
    }
}
