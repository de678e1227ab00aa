import Testing
import LeadCore

struct PersonNameCleanerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var first: String?
        var last: String?
        var full: String?
        var want: (String?, String?)
        var testDescription: String { "\(first ?? "-") / \(last ?? "-") / \(full ?? "-")" }
    }

    @Test(arguments: [
        // Trim, collapse, emoji and symbols.
        Case(first: " Julien ", last: "Faure  ", want: ("Julien", "Faure")),
        Case(first: "íñigo ✨", last: "lópez", want: ("Íñigo", "López")),
        Case(first: "James 😊", last: "Wilson", want: ("James", "Wilson")),
        Case(first: "MAARTJE 🚀", last: "VAN DIJK", want: ("Maartje", "van Dijk")),
        Case(first: "Anna\u{00A0}Maria", last: "de  Vries", want: ("Anna Maria", "de Vries")),
        Case(first: "👩‍💻 Zoë", last: "Dekker", want: ("Zoë", "Dekker")),
        // ALL CAPS and all lower case re-cased; diacritics kept.
        Case(first: "ŁUKASZ", last: "WIŚNIEWSKI", want: ("Łukasz", "Wiśniewski")),
        Case(first: "ÖZLEM", last: "hoffmann", want: ("Özlem", "Hoffmann")),
        Case(first: "özlem", last: "weber", want: ("Özlem", "Weber")),
        Case(first: "CHLOÉ", last: "ROBERT", want: ("Chloé", "Robert")),
        Case(first: "ute", last: "groß", want: ("Ute", "Groß")),
        Case(first: "josé", last: "peña", want: ("José", "Peña")),
        // Particles lower case when not first; O', Mc, hyphens, IJ.
        Case(first: "femke", last: "van der meer", want: ("Femke", "van der Meer")),
        Case(first: "ANOUK", last: "DE VRIES", want: ("Anouk", "de Vries")),
        Case(first: "pieter", last: "van den berg", want: ("Pieter", "van den Berg")),
        Case(first: "Kees", last: "'t Hart", want: ("Kees", "'t Hart")),
        Case(first: "kees", last: "'t hart", want: ("Kees", "'t Hart")),
        Case(first: "hans", last: "von der leyen", want: ("Hans", "von der Leyen")),
        Case(first: "NOAH", last: "O'CONNOR", want: ("Noah", "O'Connor")),
        Case(first: "liam", last: "o'brien", want: ("Liam", "O'Brien")),
        Case(first: "Liam", last: "O’Brien", want: ("Liam", "O'Brien")),
        Case(first: "EMILY", last: "MCCARTHY", want: ("Emily", "McCarthy")),
        Case(first: "anne-marie", last: "dupont-leroy", want: ("Anne-Marie", "Dupont-Leroy")),
        Case(first: "LOTTE", last: "IJZERMAN", want: ("Lotte", "IJzerman")),
        Case(first: "Sjoerd", last: "IJzerman", want: ("Sjoerd", "IJzerman")),
        Case(first: "Noah", last: "McCarthy", want: ("Noah", "McCarthy")),
        Case(first: "marco", last: "da silva", want: ("Marco", "da Silva")),
        Case(first: "jean", last: "le blanc", want: ("Jean", "le Blanc")),
        // Full name typed in the first-name field.
        Case(first: "Sabine Schmidt", last: "", want: ("Sabine", "Schmidt")),
        Case(first: "Björn Çelik", last: nil, want: ("Björn", "Çelik")),
        Case(first: "bram van den berg", last: " ", want: ("Bram", "van den Berg")),
        // One name field (chat visitor).
        Case(full: "maría núñez", want: ("María", "Núñez")),
        Case(full: "Jan van der Meer", want: ("Jan", "van der Meer")),
        Case(full: "GAËL BERNARD", want: ("Gaël", "Bernard")),
        Case(full: "Olivia", want: ("Olivia", nil)),
        Case(full: "Van Dijk Consultancy", want: ("Van", "Dijk Consultancy")),
        // Salutations dropped.
        Case(full: "Mevr. Eva de Jong", want: ("Eva", "de Jong")),
        Case(first: "Herr Jürgen", last: "Fischer", want: ("Jürgen", "Fischer")),
        // Academic titles, "Last, First", notes.
        Case(first: "Dr. Anna", last: "Weber", want: ("Anna", "Weber")),
        Case(full: "SMITH, John", want: ("John", "Smith")),
        Case(first: "de Vries, Anouk", last: "", want: ("Anouk", "de Vries")),
        Case(first: "Jan (Sales)", last: "Smit", want: ("Jan", "Smit")),
        Case(first: "Jan", last: "Smit | Acme", want: ("Jan", "Smit")),
        Case(full: "jan@acme.nl", want: (nil, nil)),
        Case(first: "JEAN-PIERRE", last: "DE LA FONTAINE", want: ("Jean-Pierre", "de la Fontaine")),
        Case(first: "jan", last: "VAN 'T HOF", want: ("Jan", "van 't Hof")),
        // Nothing usable.
        Case(first: "", last: "", want: (nil, nil)),
        Case(first: "  ", last: nil, full: nil, want: (nil, nil)),
        Case(first: "🚀", last: "-", want: (nil, nil)),
        Case(first: "n/a", last: "n/a", want: (nil, nil)),
        Case(first: nil, last: "Jansen", want: (nil, "Jansen")),
    ])
    func cleans(_ c: Case) {
        let n = PersonNameCleaner.clean(first: c.first, last: c.last, full: c.full)
        #expect(n.first == c.want.0)
        #expect(n.last == c.want.1)
        let full = [c.want.0, c.want.1].compactMap { $0 }.joined(separator: " ")
        #expect(n.full == (full.isEmpty ? nil : full))
    }

    @Test func outputIsNFC() {
        // "Zoë" typed with a combining diaeresis comes out precomposed.
        let n = PersonNameCleaner.clean(first: "Zoe\u{0308}", last: "Dekker", full: nil)
        #expect(n.first?.unicodeScalars.count == 3)
        #expect(n.full == "Zoë Dekker")
    }

    @Test func firstAndLastFieldsWinOverFullName() {
        let n = PersonNameCleaner.clean(first: "Jan", last: "Smit", full: "Someone Else")
        #expect(n.full == "Jan Smit")
    }
}
