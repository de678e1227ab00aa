import Testing
import LeadCore

struct TranscriptFactsTests {
    @Test(arguments: [
        (["you can reach me at jan@acme.nl"], "jan@acme.nl"),
        (["Sure, it's STEFAN.WEBER@LERNHILFE.EU"], "STEFAN.WEBER@LERNHILFE.EU"),
        (["kontakt@smith-home-store.es"], "kontakt@smith-home-store.es"),
        (["écrivez-moi à ZDEKKER@SKYNET.BE"], "ZDEKKER@SKYNET.BE"),
        (["schreiben Sie an tobias.schmidt@feinkost-tannbach.de"], "tobias.schmidt@feinkost-tannbach.de"),
        (["Tuurlijk: pbakker90@hotmail.com."], "pbakker90@hotmail.com"),
        (["<p>Mail me: mailto:jan@acme.nl</p>"], "jan@acme.nl"),
        (["Jan de Vries <jan@acme.nl>"], "jan@acme.nl"),
        (["Mi correo es maria.lopez+web@empresa.es, gracias"], "maria.lopez+web@empresa.es"),
        (["scrivimi a juergen@schäfer-mode.at!"], "juergen@schäfer-mode.at"),
        (["jan [at] acme [dot] nl"], "jan@acme.nl"),
        (["Hello, quick question about pricing.", "my email: j.smit@acme.co.uk"], "j.smit@acme.co.uk"),
    ])
    func statedEmail(messages: [String], want: String) {
        #expect(TranscriptFacts.email(inVisitorMessages: messages) == want)
    }

    @Test(arguments: [
        ["Hello, quick question about pricing.", "We hit 429s at 100 req/s."],
        ["Meet me at the booth at 10"],
        ["Our budget is @ 10k"],
        [],
    ])
    func noEmail(messages: [String]) {
        #expect(TranscriptFacts.email(inVisitorMessages: messages) == nil)
    }

    @Test(arguments: [
        ("I'm the head of sales at Smartbeam Analytics.", "head of sales"),
        ("I'm head of product over at Patel Realty, btw.", "head of product"),
        ("I'm it manager, nl over at O'Brien Manufacturing, btw.", "it manager, nl"),
        ("For context: I'm the Chief Revenue Officer.", "Chief Revenue Officer"),
        ("I'm the Operations Director at Highland Medical Centre \"Amsterdam\".", "Operations Director"),
        ("I am a Sr. Account Exec at Acme.", "Sr. Account Exec"),
        ("I work as a marketing manager for Acme", "marketing manager"),
        ("My title is VP of Sales.", "VP of Sales"),
        ("I'm head of sales and marketing at Acme", "head of sales and marketing"),
        ("I'm head of sales and we need a tool", "head of sales"),
        ("Ik ben marketing manager bij Acme BV.", "marketing manager"),
        ("Even ter info: ik ben Stagiair.", "Stagiair"),
        ("Ik ben CEO & Co-Founder bij Huisartsenpraktijk De Waag.", "CEO & Co-Founder"),
        ("Even ter info: ik ben Directiesecretaresse (Benelux).", "Directiesecretaresse (Benelux)"),
        ("Ich bin Vertriebsleiter bei der Müller GmbH.", "Vertriebsleiter"),
        ("Zur Info: ich bin Chief People Officer - DACH.", "Chief People Officer - DACH"),
        ("Ich arbeite als Teamleiterin im Kundenservice.", "Teamleiterin"),
        ("Je suis directeur commercial chez Acme.", "directeur commercial"),
        ("Je suis Alternant développeur chez n.v.t..", "Alternant développeur"),
        ("Pour info, je suis Managing Partner.", "Managing Partner"),
        ("Je suis l'assistante de direction chez Acme", "assistante de direction"),
        ("Soy directora de marketing en Acme.", "directora de marketing"),
        ("Sono responsabile commerciale presso Acme Srl.", "responsabile commerciale"),
        ("Jestem kierownikiem sprzedaży w firmie Acme.", "kierownikiem sprzedaży"),
    ])
    func statedTitle(message: String, want: String) {
        #expect(TranscriptFacts.jobTitle(inVisitorMessages: ["Hi!", message]) == want)
    }

    @Test(arguments: [
        "I'm gathering info for our head of sales.",
        "I'm the one who signs off on this.",
        "I'm interested in your API.",
        "I'm not sure yet.",
        "I'm looking for a tool to enrich leads.",
        "Ik ben op zoek naar een tool.",
        "Ich bin nicht sicher.",
        "Je suis intéressé par votre offre.",
        "Ci sono 40 persone nel team.",
        "We're a team of roughly 50 sales reps.",
        "My manager has the final say.",
        "As soon as possible — yesterday if we could 😅",
        "My boss runs marketing and she decides.",
        "Ich bin nicht für den Einkauf zuständig.",
        "No soy el director comercial.",
        "As our CTO said, we need SSO.",
        "I set up the meeting for next week.",
        "I run sales reports every Monday.",
        "I handle the paperwork for our office move.",
        "I started using your tool last week.",
        "Ich leite die Vertriebsmeetings.",
        "Llevo tres años buscando una solución.",
    ])
    func notATitle(message: String) {
        #expect(TranscriptFacts.jobTitle(inVisitorMessages: [message], normalizer: CleaningFixtures.titles) == nil)
    }

    @Test(arguments: [
        ("Hi, I'm Sarah, the marketing director at Acme.", "marketing director"),
        ("Hi! I am the CMO of Acme Corp and we need help.", "CMO"),
        ("I'm the founder and CEO of a small agency.", "founder and CEO"),
        ("I'm currently the Head of Growth at Peakmint.", "Head of Growth"),
        ("My role: Head of Sales EMEA.", "Head of Sales EMEA"),
        ("As head of marketing at Acme, I want to know more.", "head of marketing"),
        ("Ik ben de nieuwe hoofd marketing van Acme.", "hoofd marketing"),
        ("Ich bin Geschäftsführerin der Müller GmbH.", "Geschäftsführerin"),
        ("Ich bin bei Acme als Vertriebsleiter tätig.", "Vertriebsleiter"),
        ("Soy el director comercial de Acme.", "director comercial"),
        ("Sono il responsabile acquisti di Acme.", "responsabile acquisti"),
        ("Jestem właścicielem sklepu.", "właścicielem sklepu"),
        ("<p>I'm the <b>Head of Marketing</b> at Acme</p>", "Head of Marketing"),
        ("Director of Sales here. I'm the director of sales at Acme", "director of sales"),
    ])
    func statedTitleWithNormalizer(message: String, want: String) {
        #expect(TranscriptFacts.jobTitle(inVisitorMessages: [message], normalizer: CleaningFixtures.titles) == want)
    }

    @Test func normalizerRejectsNamesAndAcceptsTitles() {
        #expect(TranscriptFacts.jobTitle(inVisitorMessages: ["Hi, I'm Jan from Acme."], normalizer: CleaningFixtures.titles) == nil)
        #expect(TranscriptFacts.jobTitle(inVisitorMessages: ["Hi, I'm Jan from Acme.", "I'm the CFO there."],
                                         normalizer: CleaningFixtures.titles) == "CFO")
    }

    /// Responsibility and founder statements: the verb gives the seniority, the object the function.
    @Test(arguments: [
        ("I'm responsible for marketing at Acme.", JobFunction.marketing, Seniority.manager),
        ("Ich bin für den Einkauf zuständig.", .operations, .manager),
        ("I run the sales team in Berlin.", .sales, .head),
        ("Ich leite die Buchhaltung.", .finance, .head),
        ("I founded the company in 2019.", .executive, .owner),
        ("Ik heb het bedrijf in 2001 opgericht.", .executive, .owner),
        ("I run a small agency.", .executive, .cSuite),
        ("As head of marketing at Acme, I want to know more.", .marketing, .head),
        ("Als Geschäftsführerin entscheide ich das.", .executive, .cSuite),
        ("I'm the CEO's assistant.", .other, .mid),
        ("Ich bin Werkstudentin im Vertrieb.", .sales, .intern),
    ])
    func statedStatements(message: String, function: JobFunction, level: Seniority) {
        let t = TranscriptFacts.statedTitle(inVisitorMessages: [message], normalizer: CleaningFixtures.titles)
        #expect(t?.function == function)
        #expect(t?.seniority == level)
    }

    @Test func botAndAgentTurnsNeverCount() {
        let turns: [(role: String, text: String)] = [("bot", "I'm the head of sales bot."), ("agent", "I run marketing here."),
                                                     ("visitor", "Hi, quick question about pricing.")]
        #expect(TranscriptFacts.statedTitle(inTranscript: turns, normalizer: CleaningFixtures.titles) == nil)
        #expect(TranscriptFacts.visitorMessages(turns) == ["Hi, quick question about pricing."])
    }
}
