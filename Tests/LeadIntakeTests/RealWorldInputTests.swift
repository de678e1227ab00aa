import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// Files as real tools write them: Excel's "Unicode text" (UTF-16LE, BOM, tabs), UTF-16BE, Excel's
/// `sep=` hint, report lines above the header, mixed line breaks, and files that are not text.
struct RealWorldInputTests {
    static func real(_ name: String) -> String { Support.fixture("Real/" + name) }

    @Test func excelUnicodeTextIsReadAsTabSeparatedUTF16() throws {
        let items = try Support.readAll(Self.real("excel_unicode_text.txt"))
        let records = items.records
        #expect(items.rejects.isEmpty)
        #expect(records.count == 3)
        #expect(records.map(\.record) == [1, 2, 3])
        #expect(records.map(\.line) == [2, 3, 4])
        #expect(records[0].fields["email"] == "zoe.brandt@houtwerk-zeeland.nl")
        #expect(records[0].fields["first_name"] == "Zoë")
        #expect(records[1].fields["company"] == "Stal Gdańsk Sp. z o.o.")
        // A character outside the BMP (a surrogate pair in UTF-16) survives.
        #expect(records[1].fields["notes"] == "Prefers e-mail 📧")
        #expect(records[2].fields["last_name"] == "Müller")
        #expect(!records.contains { r in r.extra.contains { $0.name == "encoding_warning" } })
    }

    @Test(arguments: ["utf16be_bom.csv", "utf16le_nobom.csv"])
    func utf16EitherByteOrderIsRead(name: String) throws {
        let records = try Support.readAll(Self.real(name)).records
        #expect(records.count == 2)
        #expect(records.map(\.fields["first_name"]) == ["Inês", "Chloé"])
        #expect(records[0].fields["company"] == "Cerâmica Aveiro Lda")
        #expect(records.map(\.line) == [2, 3])
    }

    @Test func utf16IsTranscodedAcrossChunkBoundaries() throws {
        // Code units and surrogate pairs cut at every possible place between chunks.
        let text = "Email,Notes\n" + (1...3000).map { "p\($0)@firma-\($0 % 7).de,Grüße 😀 aus Köln\n" }.joined()
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        #expect(bytes.count > 2 * ByteSource.chunkSize)
        let records = try Support.read(bytes: bytes).records
        #expect(records.count == 3000)
        #expect(records.allSatisfy { $0.fields["notes"] == "Grüße 😀 aus Köln" })
        #expect(records.last?.fields["email"] == "p3000@firma-4.de")
    }

    @Test func transcoderReplacesBrokenUTF16() {
        var t = UTF16Transcoder(order: .littleEndian)
        // 'A', a lone low surrogate, a high surrogate cut off by the end, and an odd final byte.
        let out = t.transcode([0x41, 0x00, 0x00, 0xDC], final: false) + t.transcode([0x3D, 0xD8, 0x42], final: true)
        #expect(String(decoding: out, as: UTF8.self) == "A\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test func excelSepHintSetsTheDelimiterAndCountsAsALine() throws {
        let records = try Support.readAll(Self.real("excel_sep_semicolon.csv")).records
        #expect(records.count == 2)
        #expect(records.map(\.line) == [3, 4])
        #expect(records[0].fields["company"] == "Bakkerij Visser")
        #expect(records[0].extra.contains { $0.name == "Omzet" && $0.value == "1,5 mln" })
        #expect(records[1].fields["last_name"] == "de Graaf")
    }

    @Test func reportLinesAboveTheHeaderAreSkipped() throws {
        let records = try Support.readAll(Self.real("title_lines.csv")).records
        #expect(records.count == 3)
        #expect(records.map(\.record) == [1, 2, 3], "records count from the header, not from the title")
        #expect(records.map(\.line) == [5, 7, 9], "physical lines still count the title lines")
        #expect(records[0].fields["email"] == "sanne.bos@installatie-bos.nl")
        #expect(records[1].fields["job_title"] == "Directeur,\n eigenaar")
        #expect(records[2].fields["company"] == "Metaal Twente")
        #expect(!records.contains { $0.fields.values.contains("Nieuwsbriefinschrijvingen - export") })
    }

    @Test func titleLineWithSeparatorsAboveTheHeader() throws {
        let records = try Support.readAll(Self.real("title_line_comma.csv")).records
        #expect(records.count == 1)
        #expect(records[0].record == 1 && records[0].line == 3)
        #expect(records[0].fields["email"] == "olivia.hart@hart-joinery.co.uk")
        #expect(records[0].fields["company"] == "Hart Joinery Ltd")
    }

    @Test func firstLineStaysTheHeaderWhenItNamesAKnownColumn() throws {
        // Unknown extra columns, and a data row that looks like header words: line 1 is still the header.
        let items = try Support.read("Email,Segment\nfirst name,last name\nann@acme.nl,B2B\n")
        #expect(items.records.map(\.record) == [1, 2])
        #expect(items.records.first?.fields["email"] == "first name")
        #expect(HeaderLine.find(Array("Subscribers\nEmail,Segment\n".utf8), headers: Support.headers) == nil,
                "one known column is not enough for a later line")
        let found = HeaderLine.find(Array("Subscribers\r\rEmail;Name;Company\r\n".utf8), headers: Support.headers)
        #expect(found == HeaderLine.Found(offset: 13, linesAbove: 2, delimiter: UInt8(ascii: ";")))
    }

    @Test func csvWithMixedLineBreaks() throws {
        let records = try Support.readAll(Self.real("mixed_line_breaks.csv")).records
        #expect(records.map(\.fields["first_name"]) == ["Anna", "Bartosz", "Celina", "Dorota"])
        #expect(records.map(\.record) == [1, 2, 3, 4])
        #expect(records.map(\.line) == [2, 3, 5, 7])
        #expect(records[1].fields["company"] == "Szklo\rKrakow")
        #expect(records[3].fields["company"] == "Piekarnia Wroclaw")
    }

    @Test func ndjsonWithMixedLineBreaksKeepsPhysicalLines() throws {
        let items = try Support.readAll(Self.real("mixed_line_breaks.ndjson"))
        #expect(items.records.map(\.line) == [1, 3, 4])
        #expect(items.records.map(\.fields["email"]) == ["e.vos@vos-bouw.nl", "f.bakker@bakker-ict.nl", "g.dekker@dekker-logistiek.nl"])
        #expect(items.rejects.map(\.line) == [2, 5])
        #expect(items.rejects.map(\.reasonCode) == ["not_json", "truncated_json"])
    }

    @Test func lineReaderJoinsACRLFSplitBetweenChunks() throws {
        var chunks: [[UInt8]] = [Array("b\r".utf8), Array("\nc\r".utf8), Array("d".utf8)]
        var reader = LineReader(initial: Array("a\n".utf8)) { () throws(LeadsmithError) -> [UInt8] in
            chunks.isEmpty ? [] : chunks.removeFirst()
        }
        var lines: [String] = []
        while let line = try reader.next() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["a", "b", "c", "d"])
        #expect(reader.lineNumber == 4)
    }

    @Test(arguments: [("workbook_saved_as.csv", "ZIP archive", SourceKind.newsletter), ("logo.png", "PNG image", .newsletter)])
    func fileThatIsNotTextIsOneReject(name: String, signature: String, source: SourceKind) throws {
        let items = try Support.readAll(Self.real(name))
        #expect(items.count == 1)
        let reject = try #require(items.first?.reject)
        #expect(reject.reasonCode == "not_text")
        #expect(reject.record == 0 && reject.line == 0)
        #expect(reject.source == source)
        #expect(reject.reason.contains(signature))
        #expect(reject.reason.contains("export it as CSV"))
    }

    @Test func randomBytesAreNotText() throws {
        var state: UInt32 = 2463534242
        let bytes: [UInt8] = (0..<5000).map { _ in
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        let items = try Support.read(bytes: bytes)
        #expect(items.rejects.map(\.reasonCode) == ["not_text"])
        #expect(items.rejects.first?.reason.contains("control bytes") == true)
        // Labelled by the forced source when there is one.
        #expect(try Support.read(bytes: bytes, source: .chatbot).rejects.first?.source == .chatbot)
    }

    @Test func aStrayNULInATextFileIsNotAFileReject() throws {
        let items = try Support.read(bytes: Array("Email,Name\nann@acme.nl,Ann\u{0}\nbob@acme.nl,Bob\n".utf8))
        #expect(items.records.count == 2)
        #expect(items.rejects.isEmpty)
    }
}
