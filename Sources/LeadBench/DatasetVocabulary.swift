/// Word tables for the generated benchmark data, one entry per supported language
/// (en, nl, de, fr, es, it, pl), so every language's code paths get their share of the work.
struct DatasetLanguage {
    let code: String
    let tld: String
    let countryName: String
    let countryCode: String
    let firstNames: [String]
    let lastNames: [String]
    let titles: [String]
    let companyWords: [String]
    /// Chat lines: a role statement, a size, a budget, a need and a timeline cue (`{n}` is a number).
    let chatLines: [String]
    let aboutTemplate: String
    let contactWord: String

    static let all: [DatasetLanguage] = [
        DatasetLanguage(code: "en", tld: "com", countryName: "United Kingdom", countryCode: "GB",
                        firstNames: ["Oliver", "Emma", "James", "Sophie", "Harry", "Grace"],
                        lastNames: ["Smith", "Taylor", "Brown", "O'Neill", "Wilson", "Clarke"],
                        titles: ["Head of Sales", "Marketing Manager", "CEO", "Software Engineer", "VP Revenue", "Office Assistant"],
                        companyWords: ["Analytics", "Systems", "Logistics", "Partners"],
                        chatLines: ["I'm the head of sales at our company.", "We have about {n} people in sales.",
                                    "Our budget is around {n}k per year.", "We need a better way to score inbound leads.",
                                    "We want to start next quarter."],
                        aboutTemplate: "{c} was founded in {y}. Today about {n} employees build software for {w}.",
                        contactWord: "Contact"),
        DatasetLanguage(code: "nl", tld: "nl", countryName: "Nederland", countryCode: "NL",
                        firstNames: ["Sanne", "Daan", "Lotte", "Bram", "Femke", "Joris"],
                        lastNames: ["de Vries", "Jansen", "Bakker", "van Dijk", "Visser", "Smit"],
                        titles: ["Hoofd Verkoop", "Marketingmanager", "Directeur", "Eigenaar", "Data Engineer", "Stagiair"],
                        companyWords: ["Analyse", "Techniek", "Handel", "Groep"],
                        chatLines: ["Ik ben hoofd verkoop bij ons bedrijf.", "We zijn met ongeveer {n} collega's.",
                                    "Ons budget is ongeveer {n}k euro per jaar.", "We zoeken een oplossing voor leadkwalificatie.",
                                    "We willen volgende maand beginnen."],
                        aboutTemplate: "{c} is opgericht in {y}. Vandaag werken we met zo'n {n} medewerkers aan {w}.",
                        contactWord: "Contact"),
        DatasetLanguage(code: "de", tld: "de", countryName: "Deutschland", countryCode: "DE",
                        firstNames: ["Jonas", "Lena", "Lukas", "Anna", "Felix", "Marie"],
                        lastNames: ["Keßler", "Müller", "Schmidt", "Weber", "Schäfer", "Becker"],
                        titles: ["Geschäftsführer", "Vertriebsleiter", "Leiterin Marketing", "Einkäufer", "Entwickler", "Werkstudent"],
                        companyWords: ["Logistik", "Technik", "Handel", "Beratung"],
                        chatLines: ["Ich bin Vertriebsleiter bei uns.", "Wir haben rund {n} Mitarbeiter.",
                                    "Unser Budget liegt bei etwa {n}.000 Euro im Jahr.", "Wir brauchen eine Lösung für die Lead-Bewertung.",
                                    "Wir möchten im nächsten Quartal starten."],
                        aboutTemplate: "{c} wurde {y} gegründet. Heute arbeiten rund {n} Mitarbeiter für {w}.",
                        contactWord: "Kontakt"),
        DatasetLanguage(code: "fr", tld: "fr", countryName: "France", countryCode: "FR",
                        firstNames: ["Marc", "Zoë", "Camille", "Louis", "Chloé", "Hugo"],
                        lastNames: ["Morel", "Martin", "Dubois", "Lefèvre", "Girard", "Bernard"],
                        titles: ["Directeur commercial", "Responsable marketing", "PDG", "Ingénieur logiciel", "Acheteuse", "Stagiaire"],
                        companyWords: ["Atelier", "Conseil", "Services", "Groupe"],
                        chatLines: ["Je suis directeur commercial chez nous.", "Nous avons environ {n} commerciaux.",
                                    "Notre budget est d'environ {n} k€ par an.", "Nous cherchons un outil pour qualifier nos prospects.",
                                    "Il nous le faut avant le T3."],
                        aboutTemplate: "{c} a été fondée en {y}. Aujourd'hui, environ {n} salariés travaillent pour {w}.",
                        contactWord: "Contact"),
        DatasetLanguage(code: "es", tld: "es", countryName: "España", countryCode: "ES",
                        firstNames: ["Ana", "Javier", "Lucía", "Pablo", "Carmen", "Diego"],
                        lastNames: ["López", "García", "Martínez", "Sánchez", "Pérez", "Gómez"],
                        titles: ["Directora de Marketing", "Jefe de Ventas", "Director General", "Desarrollador", "Comprador", "Becario"],
                        companyWords: ["Tiendas", "Soluciones", "Servicios", "Grupo"],
                        chatLines: ["Soy la directora de marketing de la empresa.", "Somos unos {n} empleados.",
                                    "Nuestro presupuesto es de unos {n} mil euros al año.", "Necesitamos una herramienta para calificar leads.",
                                    "Queremos empezar el próximo mes."],
                        aboutTemplate: "{c} fue fundada en {y}. Hoy somos unos {n} empleados dedicados a {w}.",
                        contactWord: "Contacto"),
        DatasetLanguage(code: "it", tld: "it", countryName: "Italia", countryCode: "IT",
                        firstNames: ["Marco", "Giulia", "Luca", "Francesca", "Matteo", "Chiara"],
                        lastNames: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano"],
                        titles: ["Direttore Commerciale", "Responsabile Marketing", "Amministratore Delegato", "Sviluppatore", "Buyer", "Stagista"],
                        companyWords: ["Soluzioni", "Servizi", "Tecnica", "Gruppo"],
                        chatLines: ["Sono il direttore commerciale dell'azienda.", "Siamo circa {n} dipendenti.",
                                    "Il nostro budget è di circa {n}mila euro l'anno.", "Ci serve uno strumento per qualificare i contatti.",
                                    "Vorremmo partire il mese prossimo."],
                        aboutTemplate: "{c} è stata fondata nel {y}. Oggi circa {n} dipendenti lavorano per {w}.",
                        contactWord: "Contatti"),
        DatasetLanguage(code: "pl", tld: "pl", countryName: "Polska", countryCode: "PL",
                        firstNames: ["Piotr", "Anna", "Katarzyna", "Tomasz", "Magdalena", "Paweł"],
                        lastNames: ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski"],
                        titles: ["Dyrektor Sprzedaży", "Kierownik Marketingu", "Prezes Zarządu", "Programista", "Specjalista ds. zakupów", "Stażysta"],
                        companyWords: ["Systemy", "Usługi", "Technika", "Grupa"],
                        chatLines: ["Jestem dyrektorem sprzedaży w naszej firmie.", "Zatrudniamy około {n} osób.",
                                    "Nasz budżet to około {n} tys. zł rocznie.", "Potrzebujemy narzędzia do oceny leadów.",
                                    "Chcemy zacząć w przyszłym miesiącu."],
                        aboutTemplate: "{c} została założona w {y} roku. Dziś zatrudniamy około {n} pracowników dla {w}.",
                        contactWord: "Kontakt"),
    ]

    /// Free-mail domains: leads without a company domain (no research for them).
    static let freeMail = ["gmail.com", "hotmail.es", "outlook.com", "web.de", "orange.fr", "libero.it", "wp.pl"]
    /// What companies serve, for the about pages.
    static let markets = ["retail", "logistics", "healthcare", "finance", "manufacturing", "education"]
}
