import Testing
@testable import LeadQualify

/// Timeline phrases resolved against the record's own date (never the clock).
struct BANTTimelineTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var reference: String = "2024-03-12T10:04:00Z"
        var deadline: String?
        var asap = false
        var exploring = false
        var testDescription: String { "\(text) @\(reference.prefix(10))" }
    }

    @Test(arguments: [
        Case(text: "Need it before Q3.", deadline: "2024-06-30"),
        Case(text: "Il nous le faut avant le T2.", reference: "2024-01-06T08:03:42Z", deadline: "2024-03-31"),
        Case(text: "D'ici la fin du T4.", deadline: "2024-12-31"),
        Case(text: "Uiterlijk eind Q4.", deadline: "2024-12-31"),
        Case(text: "We willen vóór Q4 live.", reference: "2024-09-05T18:56:36Z", deadline: "2024-09-30"),
        Case(text: "Bis Ende Q3.", deadline: "2024-09-30"),
        Case(text: "Hoping to start within 8 weeks.", reference: "2024-03-21T04:09:58Z", deadline: "2024-05-16"),
        Case(text: "In two weeks.", deadline: "2024-03-26"),
        Case(text: "Within 3 months.", deadline: "2024-06-12"),
        Case(text: "Binnen 3 maanden.", deadline: "2024-06-12"),
        Case(text: "D'ici 6 semaines.", reference: "2024-03-10T12:27:21Z", deadline: "2024-04-21"),
        Case(text: "W ciągu 2 tygodni.", deadline: "2024-03-26"),
        Case(text: "Entro 4 settimane.", deadline: "2024-04-09"),
        Case(text: "En 3 semanas.", deadline: "2024-04-02"),
        Case(text: "Ideally by the end of October.", deadline: "2024-10-31"),
        Case(text: "Before June.", deadline: "2024-05-31"),
        Case(text: "Bis Ende Mai.", deadline: "2024-05-31"),
        Case(text: "D'ici fin juin.", deadline: "2024-06-30"),
        Case(text: "Para finales de abril.", deadline: "2024-04-30"),
        Case(text: "Entro fine maggio.", deadline: "2024-05-31"),
        Case(text: "Do końca czerwca.", deadline: "2024-06-30"),
        Case(text: "Het liefst eind december.", reference: "2024-11-27T18:21:03Z", deadline: "2024-12-31"),
        Case(text: "By the end of January.", reference: "2024-11-20T00:00:00Z", deadline: "2025-01-31"),
        Case(text: "Next month would be great.", reference: "2024-11-19T19:50:31Z", deadline: "2024-12-31"),
        Case(text: "Nächsten Monat.", reference: "2024-03-06T15:58:16Z", deadline: "2024-04-30"),
        Case(text: "Le mois prochain.", reference: "2024-12-05T00:00:00Z", deadline: "2025-01-31"),
        Case(text: "Sometime this year.", deadline: "2024-12-31"),
        Case(text: "Noch in diesem Jahr.", deadline: "2024-12-31"),
        Case(text: "Avant la fin de l'année.", deadline: "2024-12-31"),
        Case(text: "Do końca roku.", deadline: "2024-12-31"),
        Case(text: "Entro la fine dell'anno.", deadline: "2024-12-31"),
        Case(text: "Antes de fin de año.", deadline: "2024-12-31"),
        Case(text: "Next quarter.", deadline: "2024-06-30"),
        Case(text: "In Q3 2025.", deadline: "2025-09-30"),
        Case(text: "By the third quarter.", deadline: "2024-09-30"),
        Case(text: "Przed III kwartałem.", deadline: "2024-06-30"),
        Case(text: "Before the end of Q3.", deadline: "2024-09-30"),
        Case(text: "By 2024-05-15.", deadline: "2024-05-15"),
        Case(text: "We want to start on 1 June.", deadline: "2024-06-01"),
        Case(text: "We may need it next month.", deadline: "2024-04-30"),
        Case(text: "ASAP really.", asap: true),
        Case(text: "As soon as possible — yesterday if we could 😅", asap: true),
        Case(text: "So schnell wie möglich.", asap: true),
        Case(text: "Lo antes posible.", asap: true),
        Case(text: "Jak najszybciej.", asap: true),
        Case(text: "No rush, just exploring for now.", exploring: true),
        Case(text: "Geen haast, we oriënteren ons nog.", exploring: true),
        Case(text: "Rien d'urgent, on se renseigne.", exploring: true),
        Case(text: "It's not urgent.", exploring: true),
        Case(text: "No hay prisa.", exploring: true),
        Case(text: "Nessuna fretta.", exploring: true),
        Case(text: "Bez pośpiechu.", exploring: true),
    ])
    func resolves(_ c: Case) throws {
        let extractor = try #require(TestSupport.extractor)
        let t = try #require(extractor.extract(texts: [c.text], referenceDate: c.reference).timeline)
        #expect(t.deadline == c.deadline)
        #expect(t.asap == c.asap)
        #expect(t.exploring == c.exploring)
        #expect(t.evidence == c.text)
    }

    @Test func relativeDatesNeedTheRecordDateNotTheClock() throws {
        let extractor = try #require(TestSupport.extractor)
        #expect(extractor.extract(texts: ["Next month."], referenceDate: nil).timeline == nil)
        #expect(extractor.extract(texts: ["Next month."], referenceDate: "1732715278000").timeline?.deadline == "2024-12-31")
    }

    @Test(arguments: ["Hello, quick question about pricing.", "We have 40 sales reps.", "Our budget is 1k EUR per month."])
    func noTimeline(_ text: String) throws {
        let extractor = try #require(TestSupport.extractor)
        #expect(extractor.extract(texts: [text], referenceDate: "2024-03-12").timeline == nil)
    }

    @Test(arguments: [
        ("Is there an API rate limit? We hit 429s at 100 req/s.", true),
        ("How do I reset my password?", true),
        ("Hoe kan ik mijn wachtwoord resetten?", true),
        ("Ma facture comporte un mauvais numéro de TVA.", true),
        ("Hello, quick question about pricing.", false),
        ("Do you integrate with HubSpot?", false),
    ])
    func supportConversations(_ text: String, _ support: Bool) throws {
        let extractor = try #require(TestSupport.extractor)
        #expect(extractor.extract(texts: [text], referenceDate: nil).supportConversation == support)
    }

    @Test func aSupportCueWithAStatedLetterIsASalesConversation() throws {
        let extractor = try #require(TestSupport.extractor)
        let bant = extractor.extract(texts: ["I can't log in to the trial.", "We have 40 sales reps."], referenceDate: nil)
        #expect(bant.supportConversation == false)
        #expect(bant.need?.teamSize == 40)
    }
}
