import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// Newsletter CSV exports: quoting, delimiters, encodings, ragged and truncated rows.
struct NewsletterCSVTests {
    @Test func mailchimpExportKeepsQuotedNewlinesQuotesAndNumbersRecordsLogically() throws {
        let items = try Support.readAll(Support.fixture("mailchimp.csv"))
        let records = items.records
        #expect(items.rejects.isEmpty)
        #expect(records.map(\.record) == [1, 2, 3, 4])
        // Record 1 spans two physical lines (quoted newline), so record 2 starts on line 4.
        #expect(records.map(\.line) == [2, 4, 5, 6])
        let jan = records[0]
        #expect(jan.source == .newsletter)
        #expect(jan.fields["email"] == "jan@acme.nl")
        #expect(jan.fields["first_name"] == " Jan ", "values are raw, not trimmed")
        #expect(jan.fields["notes"] == "Met at Summit\nInterested in the API")
        #expect(jan.fields["tags"] == "\"Webinar 2024\",\"Customer\"")
        #expect(jan.tagList == ["Webinar 2024", "Customer"])
        #expect(jan.fields["geo_country"] == "BE", "Mailchimp CC is geo-IP, not the lead's country")
        #expect(jan.fields["country"] == nil)
        #expect(jan.fields["address_country"] == "NL")
        #expect(jan.sourceID == "111")
        #expect(jan.timestamp == "2024-01-20T10:09:30Z")
        #expect(jan.consent == true, "a newsletter sign-up is an opt-in")
        #expect(!jan.truncated)
        #expect(jan.raw.hasPrefix("\"jan@acme.nl\""))

        let anna = records[1]
        #expect(anna.fields["notes"] == "Said \"call me after the summer\"")
        #expect(anna.extra.contains { $0.name == "_col14" && $0.value == "surplus" }, "fields beyond the header are kept")
        #expect(records[2].timestamp == nil, "an unparseable date gives no timestamp")
        #expect(records[2].fields["signup_date"] == "not a date")
    }

    @Test func truncatedLastRecordIsStillARecordWithoutItsCutField() throws {
        let records = try Support.readAll(Support.fixture("mailchimp.csv")).records
        let noah = try #require(records.last)
        #expect(noah.truncated)
        #expect(noah.fields["email"] == "noah@murphy.ie")
        #expect(noah.fields["first_name"] == nil, "the half value must not pass for a name")
        #expect(noah.partialField?.name == "First Name")
        #expect(noah.partialField?.value == "No")
        #expect(noah.line == 6)
    }

    @Test func completeLastLineWithoutNewlineIsNotTruncated() throws {
        let records = try Support.read("Email,First Name\na@x.nl,Ann\nb@x.nl,Bob").records
        #expect(records.map(\.truncated) == [false, false])
        #expect(records.last?.fields["first_name"] == "Bob")
    }

    @Test func lastLineCutBeforeAllColumnsIsTruncated() throws {
        let records = try Support.read("Email;First Name;Company\na@x.nl;Ann;Acme\nb@x.nl;Bo").records
        #expect(records.map(\.truncated) == [false, true])
        #expect(records[1].fields["email"] == "b@x.nl")
        #expect(records[1].partialField?.value == "Bo")
    }

    @Test func dutchExcelExportWithBOMSemicolonCRLFRaggedRowAndBlankLine() throws {
        let items = try Support.readAll(Support.fixture("excel_nl.csv"))
        let records = items.records
        #expect(items.rejects.isEmpty)
        #expect(records.map(\.record) == [1, 2, 3, 4], "the blank line is not a record")
        #expect(records.map(\.line) == [2, 3, 5, 7])
        let first = records[0]
        #expect(first.fields["email"] == "test@dispostable.com", "BOM stripped from the first header")
        #expect(first.fields["company"] == "Privé")
        #expect(first.timestamp == "2024-01-08T18:26:00Z", "d-m-yyyy h:mm is day first")
        #expect(first.extra.map(\.name) == ["Bron"])
        let ragged = records[1]
        #expect(!ragged.truncated, "a short row that ends with a line break is complete")
        #expect(ragged.fields["job_title"] == "VP People")
        #expect(ragged.fields["country"] == nil)
        let jose = records[2]
        #expect(jose.fields["first_name"] == "José")
        #expect(jose.fields["notes"] == "Belde terug\r\nwil demo")
        #expect(jose.fields["phone"] == "0470 91 79 34")
        #expect(jose.fields["country"] == "België")
        #expect(records[3].timestamp == "2024-12-31T23:59:00Z")
    }

    @Test func windows1252FileIsDecodedAsWindows1252() throws {
        let records = try Support.readAll(Support.fixture("legacy_1252.csv")).records
        #expect(records.count == 2)
        #expect(records[0].fields["first_name"] == "Jürgen")
        #expect(records[0].fields["company"] == "Müller & Söhne")
        #expect(records[0].fields["job_title"] == "Geschäftsführer")
        #expect(records[0].fields["country"] == "Österreich")
        #expect(records[0].fields["notes"] == "Budget 5.000 €", "0x80 is the euro sign in windows-1252")
        #expect(records[1].fields["notes"] == "«très intéressée»")
        #expect(records.allSatisfy { $0.extraValue("encoding_warning") == nil })
    }

    @Test func oneInvalidByteInAUTF8FileKeepsTheRecordWithAWarning() throws {
        let records = try Support.readAll(Support.fixture("utf8_one_bad_byte.csv")).records
        #expect(records.count == 2)
        #expect(records[0].fields["first_name"] == "José")
        #expect(records[0].extraValue("encoding_warning") == nil)
        #expect(records[1].fields["first_name"] == "Bad\u{FFFD}Name")
        #expect(records[1].extraValue("encoding_warning") != nil)
    }

    @Test(arguments: [
        // German
        ("E-Mail-Adresse;Vorname;Nachname;Firma;Berufsbezeichnung;Telefon;Land\nx@y.de;Jörg;Maier;Y GmbH;Vertriebsleiter;030 1234;Deutschland\n",
         ["email": "x@y.de", "first_name": "Jörg", "last_name": "Maier", "company": "Y GmbH", "job_title": "Vertriebsleiter", "phone": "030 1234", "country": "Deutschland"]),
        // French
        ("Adresse e-mail;Prénom;Nom;Entreprise;Fonction;Téléphone;Pays\nx@y.fr;Élodie;Martin;Y SAS;Directrice;01 23;France\n",
         ["email": "x@y.fr", "first_name": "Élodie", "last_name": "Martin", "company": "Y SAS", "job_title": "Directrice", "phone": "01 23", "country": "France"]),
        // Spanish
        ("Correo electrónico,Nombre,Apellidos,Empresa,Cargo,Teléfono,País\nx@y.es,Lucía,García,Y SL,Gerente,600 1,España\n",
         ["email": "x@y.es", "first_name": "Lucía", "last_name": "García", "company": "Y SL", "job_title": "Gerente", "phone": "600 1", "country": "España"]),
        // Italian
        ("Indirizzo email;Nome;Cognome;Azienda;Ruolo;Telefono;Paese\nx@y.it;Giulia;Rossi;Y Srl;Responsabile;02 1;Italia\n",
         ["email": "x@y.it", "first_name": "Giulia", "last_name": "Rossi", "company": "Y Srl", "job_title": "Responsabile", "phone": "02 1", "country": "Italia"]),
        // Polish
        ("Adres e-mail;Imię;Nazwisko;Nazwa firmy;Stanowisko;Numer telefonu;Kraj\nx@y.pl;Łukasz;Nowak;Y Sp. z o.o.;Kierownik;22 1;Polska\n",
         ["email": "x@y.pl", "first_name": "Łukasz", "last_name": "Nowak", "company": "Y Sp. z o.o.", "job_title": "Kierownik", "phone": "22 1", "country": "Polska"]),
        // ESP merge tags (Brevo-like)
        ("CONTACT ID,EMAIL,FIRSTNAME,LASTNAME,SMS,JOB_TITLE,COMPANY\n42,x@y.com,Sam,Lee,+4412,CTO,Y Ltd\n",
         ["email": "x@y.com", "first_name": "Sam", "last_name": "Lee", "phone": "+4412", "job_title": "CTO", "company": "Y Ltd"]),
    ])
    func headerSynonymsInSeveralLanguages(csv: String, expected: [String: String]) throws {
        let records = try Support.read(csv).records
        let record = try #require(records.first)
        #expect(record.fields == expected)
        #expect(record.extra.isEmpty)
    }

    @Test func brevoContactIDIsTheSourceID() throws {
        let record = try #require(try Support.read("CONTACT ID,EMAIL\n42,x@y.com\n").records.first)
        #expect(record.sourceID == "42")
    }

    @Test func excelSepHintLineSetsTheDelimiter() throws {
        let items = try Support.read("sep=;\nEmail;Company\na@b.nl;B, C & D\n", source: .newsletter)
        let record = try #require(items.records.first)
        #expect(record.fields["company"] == "B, C & D")
        #expect(record.line == 3)
    }

    @Test func strayQuoteMidFileDoesNotSwallowTheRestOfTheFile() throws {
        let csv = "Email,Name,Company\na@x.nl,\"Ann,Acme\nb@x.nl,Bob,Beta\nc@x.nl,Cy,Gamma\n"
        let records = try Support.read(csv).records
        #expect(records.map(\.record) == [1, 2, 3])
        #expect(records[0].extraValue("parse_warning") != nil)
        #expect(!records[0].truncated)
        #expect(records[1].fields["company"] == "Beta")
        #expect(records[2].line == 4)
    }

    @Test func duplicateColumnsFirstNonEmptyWinsAndTheRestIsKept() throws {
        let record = try #require(try Support.read("Phone,Mobile,Email\n,06 1234,a@b.nl\n").records.first)
        #expect(record.fields["phone"] == "06 1234")
        let second = try #require(try Support.read("Phone,Mobile,Email\n020 1,06 1234,a@b.nl\n").records.first)
        #expect(second.fields["phone"] == "020 1")
        #expect(second.extra.map(\.name) == ["Mobile"])
    }

    @Test func newsletterConsentIsAlwaysTrueAndAConsentColumnIsKept() throws {
        let records = try Support.read("Email,GDPR Consent\na@b.nl,nee\nc@d.nl,ja\ne@f.nl,\n").records
        #expect(records.map(\.consent) == [true, true, true])
        #expect(records[0].extraValue("GDPR Consent") == "nee")
    }
}
