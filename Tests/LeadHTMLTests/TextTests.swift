import LeadHTML
import Testing

struct TextTests {
    @Test(arguments: [
        ("<p>  a \t\n b  </p>", "a b"),
        ("<p>a\u{00A0}\u{00A0}b</p>", "a b"),
        ("<p>a&nbsp;&nbsp;b</p>", "a b"),
        ("<p>1\u{2009}000\u{202F}€ \u{3000}x\u{2028}y</p>", "1 000 € x y"),
        ("<p><span>212</span><span>medewerkers</span></p>", "212 medewerkers"),
        ("<div>Acme<br>Hoofdstraat 1<br/>Eindhoven</div>", "Acme Hoofdstraat 1 Eindhoven"),
        ("<p>foo<script>var x = 1;</script>bar<style>p{}</style>baz</p>", "foo bar baz"),
        ("<p>a<!-- b -->c</p>", "ac"),
        ("<p>\u{200B}zero width stays</p>", "\u{200B}zero width stays"),
        ("<p>tab\u{0009}and\u{000C}feed</p>", "tab and feed"),
        ("<ul><li>één</li><li>twee</li></ul>", "één twee"),
        ("<p>a &amp; b &lt;c&gt; &euro; &#8364; &copy;</p>", "a & b <c> € € ©"),
    ])
    func innerTextFoldsWhitespaceAndSeparatesElements(html: String, expected: String) throws {
        let document = try parse(html)
        #expect(document.body?.innerText == expected)
    }

    @Test func innerTextOfTextNodesAndInvisibleElements() throws {
        let document = try parse("<p> x  y </p><script>s()</script>")
        let text = try #require(try document.select("//p/text()").first)
        #expect(text.innerText == "x y")
        #expect(text.content == " x  y ")
        #expect(try document.select("//script").first?.innerText == "")
        #expect(try document.select("//script").first?.rawText == "s()")
    }

    @Test func rawTextKeepsScriptBodiesExactly() throws {
        let json = """
            {
              "@type": "Organization",
              "name": "Acme <b>&amp;</b> Co",
              "description": "a </p> inside"
            }
            """
        let document = try parse(#"<script type="application/ld+json">"# + json + "</script>")
        let script = try #require(try document.select("//script").first)
        #expect(script.rawText == json)
        #expect(script.children.first?.kind == .cdata)
    }

    @Test func rawTextConcatenatesDescendantTextWithoutSeparators() throws {
        let document = try parse("<p>a<b>b</b>\n<!--x-->c</p>")
        #expect(try document.select("//p").first?.rawText == "ab\nc")
    }

    @Test func languageIsLowerCasedAndTrimmed() throws {
        #expect(try parse(#"<html lang=" DE-at "><p>x</p>"#).language == "de-at")
        #expect(try parse(#"<html xml:lang="fr"><p>x</p>"#).language == "fr")
        #expect(try parse(#"<html lang=""><p>x</p>"#).language == nil)
        #expect(try parse("<p>x</p>").language == nil)
    }

    @Test func titleIsTheFirstNonEmptyTitleText() throws {
        #expect(try parse("<title>  Acme \n B.V. </title><p>x</p>").title == "Acme B.V.")
        #expect(try parse("<p>x</p>").title == nil)
    }
}
