import Testing
@testable import LeadQualify

/// Authority from statements (never from a title) and need as team size + function, in several languages.
struct BANTAuthorityNeedTests {
    @Test(arguments: [
        "I'm the one who signs off on this.", "I'm the decision maker here.", "I have the final say on tooling.",
        "It's my call.", "It's my budget, I make the call.", "Ik beslis hierover.", "Ik neem de beslissing zelf.",
        "Het budget is van mij.", "Ich entscheide das selbst.", "Die Entscheidung treffe ich.", "Das Budget verantworte ich.",
        "C'est moi qui décide.", "Je gère le budget et je signe.", "Yo decido.", "La decisión es mía.", "Decido io.",
        "La decisione spetta a me.", "To ja decyduję.", "Decyzja należy do mnie.",
    ])
    func decisionMakers(_ text: String) throws {
        let extractor = try #require(TestSupport.extractor)
        let a = extractor.extract(texts: [text], referenceDate: nil).authority
        #expect(a.level == .decisionMaker)
        #expect(a.evidence == text)
    }

    @Test(arguments: [
        "I'll need to run it by our CFO.", "My manager has the final say.", "My boss decides.",
        "I'll have to check with my CFO.", "I need approval from procurement.", "I'm not the decision maker.",
        "I don't decide this alone.", "The board needs to approve anything over 10k.", "I'm gathering info for our head of sales.",
        "Mijn manager beslist.", "Ik moet het voorleggen aan mijn directeur.", "Ich muss das mit meinem Chef abstimmen.",
        "Das entscheidet die Geschäftsführung.", "C'est mon directeur qui décide.", "Je dois voir avec ma direction.",
        "La décision revient à la direction.", "Tengo que consultarlo con mi jefe.", "Devo parlarne con il mio responsabile.",
        "Muszę to skonsultować z szefem.",
    ])
    func influencers(_ text: String) throws {
        let extractor = try #require(TestSupport.extractor)
        #expect(extractor.extract(texts: [text], referenceDate: nil).authority.level == .influencer)
    }

    @Test(arguments: ["I'm the CEO.", "Ik ben eigenaar van het bedrijf.", "Je suis directeur commercial.", "Hello, quick question about pricing."])
    func aTitleAloneSaysNothingAboutAuthority(_ text: String) throws {
        let extractor = try #require(TestSupport.extractor)
        let a = extractor.extract(texts: [text], referenceDate: nil).authority
        #expect(a.level == .unknown)
        #expect(a.evidence == nil)
    }

    struct NeedCase: Sendable, CustomTestStringConvertible {
        var text: String
        var size: Int
        var function: String
        var testDescription: String { text }
    }

    @Test(arguments: [
        NeedCase(text: "We have about 40 sales reps.", size: 40, function: "sales"),
        NeedCase(text: "There are 8 of us in support.", size: 8, function: "customer_success"),
        NeedCase(text: "We have 25 SDRs.", size: 25, function: "sales"),
        NeedCase(text: "Our support team has twelve agents.", size: 12, function: "customer_success"),
        NeedCase(text: "A team of 8 marketers.", size: 8, function: "marketing"),
        NeedCase(text: "We're about forty sales people.", size: 40, function: "sales"),
        NeedCase(text: "We have a dozen account executives.", size: 12, function: "sales"),
        NeedCase(text: "We have 2 dozen account executives.", size: 24, function: "sales"),
        NeedCase(text: "We're a team of twenty-five marketers.", size: 25, function: "marketing"),
        NeedCase(text: "We hebben een twintigtal verkopers.", size: 20, function: "sales"),
        NeedCase(text: "Ons marketingteam telt 6 mensen.", size: 6, function: "marketing"),
        NeedCase(text: "Ons klantenserviceteam bestaat uit 5 mensen.", size: 5, function: "customer_success"),
        NeedCase(text: "Unser Kundenservice hat 15 Mitarbeiter.", size: 15, function: "customer_success"),
        NeedCase(text: "Wir haben zwanzig Vertriebsmitarbeiter.", size: 20, function: "sales"),
        NeedCase(text: "Wir sind 60 Leute im Vertrieb.", size: 60, function: "sales"),
        NeedCase(text: "Une vingtaine de personnes au service client.", size: 20, function: "customer_success"),
        NeedCase(text: "Nous avons une quarantaine de commerciaux.", size: 40, function: "sales"),
        NeedCase(text: "Somos 30 vendedores.", size: 30, function: "sales"),
        NeedCase(text: "Tenemos un equipo de soporte de 10 personas.", size: 10, function: "customer_success"),
        NeedCase(text: "Abbiamo una ventina di commerciali.", size: 20, function: "sales"),
        NeedCase(text: "Il nostro team marketing conta 7 persone.", size: 7, function: "marketing"),
        NeedCase(text: "Mamy 15 handlowców.", size: 15, function: "sales"),
        NeedCase(text: "Our sales team is 50.", size: 50, function: "sales"),
        NeedCase(text: "Our SDR team is 10 strong.", size: 10, function: "sales"),
        NeedCase(text: "Nous sommes 15 dans l'équipe commerciale.", size: 15, function: "sales"),
        NeedCase(text: "Im Marketing sind wir zu zehnt.", size: 10, function: "marketing"),
        NeedCase(text: "We have 3 offices and 40 sales reps.", size: 40, function: "sales"),
        NeedCase(text: "Nasz dział obsługi klienta liczy 8 osób.", size: 8, function: "customer_success"),
    ])
    func needs(_ c: NeedCase) throws {
        let extractor = try #require(TestSupport.extractor)
        let n = try #require(extractor.extract(texts: [c.text], referenceDate: nil).need)
        #expect(n.teamSize == c.size)
        #expect(n.teamFunction == c.function)
        #expect(n.evidence == c.text)
    }

    @Test(arguments: [
        "We hit 429s at 100 req/s.", "I'm head of sales.", "Our sales budget is 20k.", "We want it for our sales team within 3 weeks.",
        "We use Salesforce with 40 seats.", "We zoeken een tool voor ons salesteam.",
        "Our marketing agency has 3 offices in Berlin.", "Unser Vertrieb arbeitet in 12 Ländern.",
    ])
    func noTeamSizeNoNeed(_ text: String) throws {
        let extractor = try #require(TestSupport.extractor)
        #expect(extractor.extract(texts: [text], referenceDate: "2024-03-12").need == nil)
    }
}

/// A person with several records: per letter, the first record that states it wins.
struct BANTMergingTests {
    @Test func firstStatementPerLetterAcrossRecords() throws {
        let extractor = try #require(TestSupport.extractor)
        let first = extractor.extract(texts: ["We have about 40 sales reps.", "Next month would be great."], referenceDate: "2024-03-12")
        let second = extractor.extract(texts: ["We have 10 marketers.", "Budget is around €20k.", "Ik beslis hierover.", "ASAP."], referenceDate: "2024-06-01")
        let merged = BANT.merging([first, second])
        #expect(merged.need?.teamSize == 40)
        #expect(merged.budget?.max == 20000)
        #expect(merged.authority.level == .decisionMaker)
        #expect(merged.timeline?.deadline == "2024-04-30")
        #expect(merged.referenceDate == "2024-03-12")
        let support = extractor.extract(texts: ["How do I reset my password?"], referenceDate: nil)
        #expect(BANT.merging([support, .unstated]).supportConversation)
        #expect(!BANT.merging([support, first]).supportConversation)
    }
}
