import LeadHTML
import Testing

/// A piece of a test page: ASCII/UTF-8 text or raw (legacy-encoded) bytes.
protocol PagePart {
    var pageBytes: [UInt8] { get }
}

extension String: PagePart {
    var pageBytes: [UInt8] { Array(utf8) }
}

extension UInt8: PagePart {
    var pageBytes: [UInt8] { [self] }
}

extension Int: PagePart {
    var pageBytes: [UInt8] { [UInt8(self)] }
}

extension Array: PagePart where Element: BinaryInteger {
    var pageBytes: [UInt8] { map { UInt8($0) } }
}

/// Builds a page from text parts and raw byte parts.
func bytes(_ parts: any PagePart...) -> [UInt8] {
    parts.flatMap(\.pageBytes)
}

struct EncodingTests {
    @Test func windows1252PageDecodesEuroAccentsAndUmlauts() throws {
        // "€ 5", "café", "Müller" in windows-1252: 0x80, 0xE9, 0xFC.
        let page = bytes(
            #"<html><head><meta charset="windows-1252"></head><body><p>Prijs: "#, UInt8(0x80), " 5, caf", UInt8(0xE9),
            ", M", UInt8(0xFC), "ller</p></body></html>"
        )
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "windows-1252")
        #expect(document.body?.innerText == "Prijs: € 5, café, Müller")
    }

    @Test(arguments: ["iso-8859-1", "ISO-8859-1", "latin1", "us-ascii", "ascii", "iso_8859-1", "cp1252"])
    func latin1LabelsDecodeAsWindows1252(label: String) throws {
        let page = bytes(#"<meta http-equiv="Content-Type" content="text/html; charset="#, label, #"">"#,
                         "<p>", UInt8(0x80), " 12 ", UInt8(0x96), " Gr", UInt8(0xFC), "n</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "windows-1252")
        #expect(document.body?.innerText == "€ 12 – Grün")
    }

    @Test func iso8859_15StaysItself() throws {
        let page = bytes(#"<meta charset="ISO-8859-15"><p>"#, UInt8(0xA4), " 3, ", UInt8(0xBD), "uvre</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "iso-8859-15")
        #expect(document.body?.innerText == "€ 3, œuvre")
    }

    @Test func utf8ByteOrderMarkWithoutDeclaration() throws {
        let page = bytes([0xEF, 0xBB, 0xBF], "<p>Caf", [0xC3, 0xA9], " M", [0xC3, 0xBC], "ller ", [0xE2, 0x82, 0xAC], "</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "utf-8")
        #expect(document.body?.innerText == "Café Müller €")
    }

    @Test func byteOrderMarkWinsOverDeclarations() throws {
        let page = bytes([0xEF, 0xBB, 0xBF], #"<meta charset="windows-1252"><p>"#, [0xC3, 0xA9], "</p>")
        let document = try HTMLDocument.parse(page, contentType: "text/html; charset=iso-8859-1")
        #expect(document.encoding == "utf-8")
        #expect(document.body?.innerText == "é")
    }

    @Test func contentTypeCharsetWinsOverMeta() throws {
        let page = bytes(#"<meta charset="utf-8"><p>caf"#, UInt8(0xE9), "</p>")
        let document = try HTMLDocument.parse(page, contentType: #"text/html; Charset="ISO-8859-1""#)
        #expect(document.encoding == "windows-1252")
        #expect(document.body?.innerText == "café")
    }

    @Test func metaDeclarationIsNotReappliedByLibxml2() throws {
        // Bytes are UTF-8 (the header says so); the page's own <meta> claims windows-1252.
        let page = bytes(#"<meta charset="windows-1252"><p>"#, [0xC3, 0xA9], "t", [0xC3, 0xA9], "</p>")
        let document = try HTMLDocument.parse(page, contentType: "text/html; charset=utf-8")
        #expect(document.body?.innerText == "été")
        // A Swift string is already Unicode: its <meta> is ignored too.
        let text = try HTMLDocument(html: #"<meta charset="iso-8859-1"><p>€ und ß</p>"#)
        #expect(text.encoding == "utf-8")
        #expect(text.body?.innerText == "€ und ß")
    }

    @Test func undeclaredPagesAreUTF8WhenValidElseWindows1252() throws {
        let utf8 = try HTMLDocument.parse(bytes("<p>Gr", [0xC3, 0xBC], "n</p>"))
        #expect(utf8.encoding == "utf-8")
        #expect(utf8.body?.innerText == "Grün")
        let legacy = try HTMLDocument.parse(bytes("<p>Gr", UInt8(0xFC), "n ", UInt8(0x80), "</p>"))
        #expect(legacy.encoding == "windows-1252")
        #expect(legacy.body?.innerText == "Grün €")
    }

    @Test func declaredUTF8WithInvalidBytesKeepsTheRestOfThePage() throws {
        let page = bytes(#"<meta charset="utf-8"><p>caf"#, UInt8(0xE9), " ok</p>", [0xF0, 0x9F], "<p>", [0xED, 0xA0, 0x80],
                         "end</p><p>M", [0xC3, 0xBC], "ller</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "utf-8")
        let text = try #require(document.body?.innerText)
        #expect(text.hasPrefix("caf\u{FFFD} ok"))
        #expect(text.contains("end"))
        #expect(text.hasSuffix("Müller"), "an invalid byte must not switch libxml2 to Latin-1")
    }

    @Test func metaHTTPEquivAndXMLPrologDeclarations() throws {
        let equiv = try HTMLDocument.parse(bytes(
            #"<!-- <meta charset="koi8-r"> --><META HTTP-EQUIV=content-type CONTENT='text/html;charset=windows-1251'>"#,
            "<p>", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "</p>"))
        #expect(equiv.encoding == "windows-1251")
        #expect(equiv.body?.innerText == "Привет")

        let prolog = try HTMLDocument.parse(bytes(
            #"<?xml version="1.0" encoding="ISO-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>"#,
            UInt8(0xC4), "rger</p></body></html>"))
        #expect(prolog.encoding == "windows-1252")
        #expect(prolog.body?.innerText == "Ärger")
    }

    @Test func contentAttributeWithoutHTTPEquivIsIgnored() throws {
        // WHATWG: a charset in `content` only counts with http-equiv="content-type".
        let page = bytes(#"<meta name="x" content="charset=windows-1251"><p>Gr"#, [0xC3, 0xBC], "n</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "utf-8")
    }

    @Test func unknownLabelFallsBackToSniffing() throws {
        let page = bytes(#"<meta charset="klingon-8"><p>Gr"#, UInt8(0xFC), "n</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "windows-1252")
        #expect(document.body?.innerText == "Grün")
    }

    @Test func multiByteLegacyEncodingViaIconv() throws {
        let page = bytes(#"<meta charset="Shift_JIS"><p>"#, [0x89, 0xEF, 0x8E, 0xD0], " Acme</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "shift_jis")
        #expect(document.body?.innerText == "会社 Acme")
    }

    @Test func utf16WithAndWithoutByteOrderMark() throws {
        let html = "<html lang=de><body><p>Straße 5</p></body></html>"
        let little = Array(html.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = Array(html.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }

        let withBOM = try HTMLDocument.parse([0xFF, 0xFE] + little)
        #expect(withBOM.encoding == "utf-16le")
        #expect(withBOM.body?.innerText == "Straße 5")
        #expect(withBOM.language == "de")

        let bigWithBOM = try HTMLDocument.parse([0xFE, 0xFF] + big)
        #expect(bigWithBOM.encoding == "utf-16be")
        #expect(bigWithBOM.body?.innerText == "Straße 5")

        let withoutBOM = try HTMLDocument.parse(little)
        #expect(withoutBOM.encoding == "utf-16le")
        #expect(withoutBOM.body?.innerText == "Straße 5")
    }

    @Test func metaDeclaringUTF16MeansUTF8() throws {
        let page = bytes(#"<meta charset="utf-16"><p>Gr"#, [0xC3, 0xBC], "n</p>")
        let document = try HTMLDocument.parse(page)
        #expect(document.encoding == "utf-8")
        #expect(document.body?.innerText == "Grün")
    }
}
