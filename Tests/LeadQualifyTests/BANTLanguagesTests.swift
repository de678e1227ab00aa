import Testing
@testable import LeadQualify

/// Whole conversations in Spanish, Italian and Polish (the dev set has none): every letter in one go.
struct BANTLanguagesTests {
    struct Chat: Sendable, CustomTestStringConvertible {
        var texts: [String]
        var budget: [Double?]? = nil       // [min, max]
        var currency: String? = nil
        var period: String? = nil
        var authority: BANT.AuthorityLevel = .unknown
        var need: (Int, String)? = nil
        var deadline: String? = nil
        var asap = false
        var exploring = false
        var support = false
        var testDescription: String { texts.joined(separator: " | ") }
    }

    static let chats: [Chat] = [
        Chat(texts: ["Hola, buscamos una herramienta para enriquecer nuestros leads.", "Tenemos unos 40 comerciales.",
                     "El presupuesto ronda los 20.000 €.", "Lo necesitamos antes del T3.", "Tengo que consultarlo con mi director."],
             budget: [20000, 20000], currency: "EUR", authority: .influencer, need: (40, "sales"), deadline: "2024-06-30"),
        Chat(texts: ["Nuestro equipo de ventas tiene 50 personas.", "Podemos gastar hasta 8.000 € al año.", "A finales de octubre.", "Yo tomo la decisión."],
             budget: [nil, 8000], currency: "EUR", period: "year", authority: .decisionMaker, need: (50, "sales"), deadline: "2024-10-31"),
        Chat(texts: ["Somos una veintena en atención al cliente.", "Entre 10.000 y 15.000 dólares.", "Sin prisa, solo estamos explorando."],
             budget: [10000, 15000], currency: "USD", need: (20, "customer_success"), exploring: true),
        Chat(texts: ["¿Cómo restablezco mi contraseña?"], support: true),
        Chat(texts: ["Ciao, cerchiamo uno strumento per arricchire i nostri lead.", "Abbiamo circa 40 commerciali.",
                     "Il budget è di circa 20.000 €.", "Ci serve prima del Q3.", "Decido io."],
             budget: [20000, 20000], currency: "EUR", authority: .decisionMaker, need: (40, "sales"), deadline: "2024-06-30"),
        Chat(texts: ["Il nostro team di vendita conta 50 persone.", "Al massimo 12k EUR all'anno.", "Entro 6 settimane.", "La decisione spetta alla direzione."],
             budget: [nil, 12000], currency: "EUR", period: "year", authority: .influencer, need: (50, "sales"), deadline: "2024-04-23"),
        Chat(texts: ["Abbiamo una trentina di addetti all'assistenza clienti.", "Budget: 3.000 $ al mese.", "Il prima possibile."],
             budget: [3000, 3000], currency: "USD", period: "month", need: (30, "customer_success"), asap: true),
        Chat(texts: ["La mia fattura ha una partita IVA sbagliata."], support: true),
        Chat(texts: ["Dzień dobry, szukamy narzędzia do wzbogacania leadów.", "Mamy około 40 handlowców.", "Budżet to około 20 000 zł.",
                     "Potrzebujemy tego przed Q3.", "Muszę to skonsultować z przełożonym."],
             budget: [20000, 20000], currency: "PLN", authority: .influencer, need: (40, "sales"), deadline: "2024-06-30"),
        Chat(texts: ["Nasz zespół sprzedaży liczy 50 osób.", "Możemy wydać do 8000 zł miesięcznie.", "Do końca października.", "Sam decyduję."],
             budget: [nil, 8000], currency: "PLN", period: "month", authority: .decisionMaker, need: (50, "sales"), deadline: "2024-10-31"),
        Chat(texts: ["Zespół marketingu to 8 osób.", "Między 10 000 a 20 000 zł.", "Bez pośpiechu, na razie się rozglądamy."],
             budget: [10000, 20000], currency: "PLN", need: (8, "marketing"), exploring: true),
        Chat(texts: ["Na fakturze jest zły numer NIP."], support: true),
    ]

    @Test(arguments: chats)
    func wholeConversation(_ c: Chat) throws {
        let extractor = try #require(TestSupport.extractor)
        let b = extractor.extract(texts: c.texts, referenceDate: "2024-03-12T09:00:00Z")
        if let want = c.budget {
            let got = try #require(b.budget)
            #expect([got.min, got.max] == want)
            #expect(got.currency == c.currency)
            #expect(got.period == c.period)
        } else {
            #expect(b.budget == nil)
        }
        #expect(b.authority.level == c.authority)
        #expect(b.need?.teamSize == c.need?.0)
        #expect(b.need?.teamFunction == c.need?.1)
        #expect(b.timeline?.deadline == c.deadline)
        #expect((b.timeline?.asap ?? false) == c.asap)
        #expect((b.timeline?.exploring ?? false) == c.exploring)
        #expect(b.supportConversation == c.support)
    }
}
