import Testing
import LeadCore

struct EmailParserTests {
    @Test(arguments: [
        // (raw, canonical)
        ("jan@acme.nl", "jan@acme.nl"),
        ("  Jan.De.Vries@ACME.NL ", "jan.de.vries@acme.nl"),
        ("\u{00A0}cmoreau@messagerie-moreau.com\u{00A0}", "cmoreau@messagerie-moreau.com"),
        ("\tjan@acme.nl\n", "jan@acme.nl"),
        ("jan\u{200B}@acme\u{200D}.nl", "jan@acme.nl"),
        ("\u{FEFF}jan@acme.nl", "jan@acme.nl"),
        ("Jan de Vries <Jan@Acme.nl>", "jan@acme.nl"),
        ("José Martínez <jose_martinez@deepstack.com>", "jose_martinez@deepstack.com"),
        ("mailto:Ohoffmann@Synclanecloud-group.de", "ohoffmann@synclanecloud-group.de"),
        ("MAILTO:jan@acme.nl?subject=Hi", "jan@acme.nl"),
        ("<mailto:jan@acme.nl>", "jan@acme.nl"),
        ("Jan <jan@acme.nl>, Piet <piet@acme.nl>", "jan@acme.nl"),
        ("\"Smit, Jan\" < Jan.Smit@Acme.NL >", "jan.smit@acme.nl"),
        ("juergen.fischer@schäfer-mode.at", "juergen.fischer@xn--schfer-mode-n8a.at"),
        ("Info@xn--schfer-mode-n8a.at", "info@xn--schfer-mode-n8a.at"),
        ("femke@sales.mulder-logistiek.nl", "femke@sales.mulder-logistiek.nl"),
        ("o'connor+news@acme.co.uk", "o'connor+news@acme.co.uk"),
    ])
    func canonicalisesValidAddresses(raw: String, canonical: String) {
        let e = EmailParser.parse(raw)
        #expect(e.valid)
        #expect(e.email == canonical)
        #expect(e.cleaned == canonical)
        #expect(e.invalidReason == nil)
        #expect(e.domain == canonical.split(separator: "@").last.map(String.init))
    }

    @Test(arguments: [
        // (raw, reason)
        ("ute meyer@celik-immobilienmakler.com", "syntax"),
        ("mgirard@wanadoo..fr", "syntax"),
        ("tobiasw@@outlook.de", "syntax"),
        ("joergmeyer@quanthub,de", "syntax"),
        ("bsmit.hotmail.nl", "syntax"),
        ("n/a", "syntax"),
        ("-", "syntax"),
        (".jan@acme.nl", "syntax"),
        ("jan.@acme.nl", "syntax"),
        ("jan..smit@acme.nl", "syntax"),
        ("jan@acme", "syntax"),
        ("jan@-acme.nl", "syntax"),
        ("jan@acme-.nl", "syntax"),
        ("@acme.nl", "syntax"),
        ("jan@", "syntax"),
        ("jan(at)acme.nl", "syntax"),
        ("zoë.thompson@wilson-lettings.co.uk", "non_ascii_local"),
        ("jörg@acme.de", "non_ascii_local"),
        ("jan@acme.con", "unknown_tld"),
        ("jan@acme.cmo", "unknown_tld"),
        ("jan@acme.nll", "unknown_tld"),
        // Longer than SMTP's 254 characters although every label fits.
        (String(repeating: "k", count: 64) + "@" + Array(repeating: String(repeating: "d", count: 60), count: 3).joined(separator: ".") + ".sub.acme.nl", "syntax"),
    ])
    func rejectsInvalidAddresses(raw: String, reason: String) {
        let e = EmailParser.parse(raw)
        #expect(!e.valid)
        #expect(e.email == nil)
        #expect(e.key == nil)
        #expect(e.invalidReason == reason)
        #expect(e.outputValue == e.trimmed)
    }

    @Test(arguments: [nil, "", "   ", "\u{00A0}\u{200B}"] as [String?])
    func blankIsMissing(raw: String?) {
        let e = EmailParser.parse(raw)
        #expect(!e.valid)
        #expect(e.invalidReason == "missing")
        #expect(e.outputValue == nil)
    }

    @Test func invalidOutputIsTheTrimmedTextAsFound() {
        let e = EmailParser.parse("  Tobiasw@@Outlook.de ")
        #expect(e.outputValue == "Tobiasw@@Outlook.de")
        #expect(e.cleaned == "tobiasw@@outlook.de")
    }

    @Test(arguments: [
        // (raw, group key)
        ("Priya.Patel+x@gmail.com", "priyapatel@gmail.com"),
        ("  Tobiasw@@Outlook.de ", "tobiasw@@outlook.de"),
        ("bsmit.hotmail.nl", "bsmit.hotmail.nl"),
        ("-", nil),
        ("n/a", nil),
        ("N/A", nil),
        ("none", nil),
        ("", nil),
        (nil, nil),
    ] as [(String?, String?)])
    func groupKey(raw: String?, group: String?) {
        #expect(EmailParser.parse(raw).groupKey == group)
    }

    @Test(arguments: [
        // (raw, key)
        ("priya.patel@gmail.com", "priyapatel@gmail.com"),
        ("Priya.Patel+newsletter@GoogleMail.com", "priyapatel@gmail.com"),
        ("p.r.i.y.a@googlemail.com", "priya@gmail.com"),
        ("jan+crm@acme.nl", "jan@acme.nl"),
        ("jan.de.vries+x+y@acme.nl", "jan.de.vries@acme.nl"),
        ("jan.de.vries@acme.nl", "jan.de.vries@acme.nl"),
        ("jan.smit@hotmail.com", "jan.smit@hotmail.com"),
    ])
    func dedupeKey(raw: String, key: String) {
        #expect(EmailParser.parse(raw).key == key)
    }
}

struct EmailClassifierTests {
    let classifier = CleaningFixtures.emailClassifier

    @Test(arguments: [
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.es", "outlook.de",
        "live.nl", "msn.com", "yahoo.fr", "mail.yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "aol.com",
        "gmx.net", "gmx.de", "gmx.at", "web.de", "t-online.de", "freenet.de", "orange.fr", "free.fr", "laposte.net",
        "sfr.fr", "wanadoo.fr", "ziggo.nl", "kpnmail.nl", "planet.nl", "hetnet.nl", "home.nl", "telenet.be",
        "skynet.be", "proximus.be", "btinternet.com", "sky.com", "virginmedia.com", "libero.it", "virgilio.it",
        "alice.it", "tiscali.it", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "bluewin.ch", "proton.me",
        "protonmail.com", "tutanota.com", "mail.ru", "yandex.ru", "seznam.cz",
    ])
    func freemailProviders(domain: String) {
        #expect(classifier.isFreemail(domain: domain))
        #expect(!classifier.isDisposable(domain: domain))
    }

    @Test(arguments: [
        "mailinator.com", "yopmail.com", "yopmail.fr", "guerrillamail.com", "sharklasers.com", "10minutemail.com",
        "dispostable.com", "trashmail.com", "temp-mail.org", "tempmail.com", "throwawaymail.com", "maildrop.cc",
        "getnada.com", "wegwerfmail.de",
    ])
    func disposableServices(domain: String) {
        #expect(classifier.isDisposable(domain: domain))
        #expect(!classifier.isFreemail(domain: domain))
    }

    @Test(arguments: ["acme.nl", "orange.com", "hotmailer.nl", "notgmail.com", "sales.mulder-logistiek.nl", "live-events.de", "acme.co.uk"])
    func companyDomainsAreNeither(domain: String) {
        #expect(!classifier.isFreemail(domain: domain))
        #expect(!classifier.isDisposable(domain: domain))
    }

    @Test(arguments: [
        ("info", true), ("INFO", true), ("sales", true), ("contact", true), ("office", true), ("hello", true),
        ("admin", true), ("support", true), ("marketing", true), ("team", true), ("jobs", true), ("hr", true),
        ("billing", true), ("kantoor", true), ("verkoop", true), ("vertrieb", true), ("kontakt", true),
        ("accueil", true), ("contacto", true), ("ventas", true), ("vendite", true), ("biuro", true),
        ("customer.service", true), ("customer-service", true), ("no-reply", true), ("info2", true),
        ("sales+crm", true), ("sales.nl", true), ("info-de", true), ("team.sales", true),
        ("jan", false), ("femke", false), ("j.info", false), ("infosec.jan", false), ("salesman", false),
        ("jan.sales", false), ("harry", false),
    ])
    func roleLocals(local: String, isRole: Bool) {
        #expect(classifier.isRole(local: local) == isRole)
    }

    @Test(arguments: [
        // (raw, type)
        (nil, EmailType.missing),
        ("tobiasw@@outlook.de", .invalid),
        ("info@mailinator.com", .disposable),
        ("info@gmail.com", .freemail),
        ("jan@gmail.com", .freemail),
        ("info@acme.nl", .role),
        ("jan@acme.nl", .corporate),
        ("femke@sales.mulder-logistiek.nl", .corporate),
    ] as [(String?, EmailType)])
    func emailTypePrecedence(raw: String?, type: EmailType) {
        #expect(classifier.flags(EmailParser.parse(raw)).type == type)
    }

    @Test func invalidAddressesHaveNoOtherFlags() {
        let f = classifier.flags(EmailParser.parse("info@@gmail.com"))
        #expect(f == EmailFlags(valid: false, freemail: false, disposable: false, role: false, invalidReason: "syntax"))
    }

    @Test func sameSyntaxInMemoryLists() throws {
        let c = try EmailClassifier(freemail: ["hotmail.*", "kpnmail.nl"], disposable: ["burner.example"], roleLocals: ["Info", "customer service"])
        #expect(c.isFreemail(domain: "hotmail.co.uk"))
        #expect(c.isFreemail(domain: "nl.kpnmail.nl"))
        #expect(!c.isFreemail(domain: "kpnmail.nl.acme.com"))
        #expect(c.isDisposable(domain: "x.burner.example"))
        #expect(c.isRole(local: "customer_service"))
    }

    @Test(arguments: [["*.hotmail.com"], ["not a domain"], ["x@y.com"], ["hot.mail.*"]])
    func malformedListEntriesAreRuleErrors(entries: [String]) {
        #expect(throws: LeadsmithError.self) {
            _ = try EmailClassifier(freemail: entries, disposable: [], roleLocals: [])
        }
    }
}
