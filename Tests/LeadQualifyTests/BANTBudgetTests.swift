import Foundation
import Testing
@testable import LeadQualify

/// Budget notations people use, in the languages leads write in.
struct BANTBudgetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var min: Double?
        var max: Double?
        var currency: String?
        var period: String?
        var testDescription: String { text }
    }

    static let stated: [Case] = [
        Case(text: "Budget is around €20k.", min: 20000, max: 20000, currency: "EUR"),
        Case(text: "We've set aside 20.000 euro for this.", min: 20000, max: 20000, currency: "EUR"),
        Case(text: "Our budget is roughly $15,000 per year.", min: 15000, max: 15000, currency: "USD", period: "year"),
        Case(text: "CHF 5'000 annually", min: 5000, max: 5000, currency: "CHF", period: "year"),
        Case(text: "around 10K a year", min: 10000, max: 10000, period: "year"),
        Case(text: "budget: 5-10k", min: 5000, max: 10000),
        Case(text: "We could do 5-10k a month.", min: 5000, max: 10000, period: "month"),
        Case(text: "Somewhere between $12,000 and $18,000.", min: 12000, max: 18000, currency: "USD"),
        Case(text: "We have a hard cap of £25k.", max: 25000, currency: "GBP"),
        Case(text: "No more than 2,500 USD per month.", max: 2500, currency: "USD", period: "month"),
        Case(text: "We spend about €3.5k monthly on tools.", min: 3500, max: 3500, currency: "EUR", period: "month"),
        Case(text: "At least 20k EUR.", min: 20000, currency: "EUR"),
        Case(text: "€20k+ per year.", min: 20000, currency: "EUR", period: "year"),
        Case(text: "Rund 1,5 Mio. € über drei Jahre.", min: 1_500_000, max: 1_500_000, currency: "EUR"),
        Case(text: "Het budget is rond de 15 duizend euro per jaar.", min: 15000, max: 15000, currency: "EUR", period: "year"),
        Case(text: "Tussen de 10.000 en 15.000 euro.", min: 10000, max: 15000, currency: "EUR"),
        Case(text: "Maximaal €750 per maand.", max: 750, currency: "EUR", period: "month"),
        Case(text: "Wir haben ein Budget von 20.000 Euro pro Jahr.", min: 20000, max: 20000, currency: "EUR", period: "year"),
        Case(text: "Bis zu 8.000 CHF im Monat.", max: 8000, currency: "CHF", period: "month"),
        Case(text: "Zwischen 5 und 10 Tsd. Euro.", min: 5000, max: 10000, currency: "EUR"),
        Case(text: "Irgendwo zwischen 25 T€ und 37.500 €.", min: 25000, max: 37500, currency: "EUR"),
        Case(text: "Nous avons un budget de 30 000 € par an.", min: 30000, max: 30000, currency: "EUR", period: "year"),
        Case(text: "Environ 2 500 CHF par mois.", min: 2500, max: 2500, currency: "CHF", period: "month"),
        Case(text: "Entre 75 k€ et 112,5 k€.", min: 75000, max: 112500, currency: "EUR"),
        Case(text: "1 000 euros maximum par mois.", max: 1000, currency: "EUR", period: "month"),
        Case(text: "Tenemos un presupuesto de unos 12.000 euros al año.", min: 12000, max: 12000, currency: "EUR", period: "year"),
        Case(text: "Hasta 5 mil dólares al mes.", max: 5000, currency: "USD", period: "month"),
        Case(text: "Entre 3.000 y 6.000 €.", min: 3000, max: 6000, currency: "EUR"),
        Case(text: "Il budget è di circa 25.000 euro all'anno.", min: 25000, max: 25000, currency: "EUR", period: "year"),
        Case(text: "Fino a 10 mila euro.", max: 10000, currency: "EUR"),
        Case(text: "Tra 8.000 e 12.000 € al mese.", min: 8000, max: 12000, currency: "EUR", period: "month"),
        Case(text: "Mamy budżet około 40 tys. zł rocznie.", min: 40000, max: 40000, currency: "PLN", period: "year"),
        Case(text: "Do 20 000 PLN miesięcznie.", max: 20000, currency: "PLN", period: "month"),
        Case(text: "Od 10 do 15 tys. złotych.", min: 10000, max: 15000, currency: "PLN"),
        Case(text: "€20k-€30k per year.", min: 20000, max: 30000, currency: "EUR", period: "year"),
        Case(text: "Somewhere around twenty thousand euros.", min: 20000, max: 20000, currency: "EUR"),
        Case(text: "20 to 30 thousand euros.", min: 20000, max: 30000, currency: "EUR"),
        Case(text: "$5K/month tops.", max: 5000, currency: "USD", period: "month"),
        Case(text: "<p>Our budget is 1k EUR per month.</p>", min: 1000, max: 1000, currency: "EUR", period: "month"),
    ]

    @Test(arguments: stated)
    func readsStatedBudgets(_ c: Case) throws {
        let extractor = try #require(TestSupport.extractor)
        let bant = extractor.extract(texts: [c.text], referenceDate: "2024-03-12T10:00:00Z")
        let b = try #require(bant.budget)
        #expect(b.min == c.min)
        #expect(b.max == c.max)
        #expect(b.currency == c.currency)
        #expect(b.period == c.period)
        #expect(b.evidence == c.text.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "").trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: [
        "The board needs to approve anything over 10k.",
        "We have 2,000 customers.",
        "Our revenue is €5M.",
        "Is the Pro plan €49 per month?",
        "I started here in 2019.",
        "We hit 429s at 100 req/s.",
        "We do have around 40 sales reps.",
        "Our old vendor charged us 500 € per month.",
    ])
    func ignoresNumbersThatAreNotBudgets(_ text: String) throws {
        let extractor = try #require(TestSupport.extractor)
        #expect(extractor.extract(texts: [text], referenceDate: nil).budget == nil)
    }

    @Test func firstStatedBudgetWinsAndBotPricesAreNotPassedIn() throws {
        let extractor = try #require(TestSupport.extractor)
        let bant = extractor.extract(texts: ["Hi!", "Budget is around $5k.", "Or maybe $8k."], referenceDate: nil)
        #expect(bant.budget?.max == 5000)
        #expect(bant.budget?.evidence == "Budget is around $5k.")
    }
}
