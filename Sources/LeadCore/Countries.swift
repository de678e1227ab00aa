import Foundation

/// ISO 3166-1 country lookups: names in several languages, ISO codes, calling codes and ccTLDs.
///
/// Plain tables; every lookup is case- and diacritics-insensitive where it takes free text.
public enum Countries {
    /// One row of the country table.
    struct Row {
        let iso2: String
        let iso3: String
        /// E.164 calling code without `+` (`1` for NANP).
        let callingCode: String
        /// Names and common aliases in EN/NL/DE/FR/ES/IT/PL (any case; folded at load).
        let names: [String]
    }

    static let rows: [Row] = [
        Row(iso2: "NL", iso3: "NLD", callingCode: "31", names: ["Netherlands", "The Netherlands", "Holland", "Nederland", "Niederlande", "Pays-Bas", "Países Bajos", "Paesi Bassi", "Holandia", "Holanda", "Olanda"]),
        Row(iso2: "BE", iso3: "BEL", callingCode: "32", names: ["Belgium", "België", "Belgie", "Belgien", "Belgique", "Bélgica", "Belgio", "Belgia"]),
        Row(iso2: "LU", iso3: "LUX", callingCode: "352", names: ["Luxembourg", "Luxemburg", "Luxemburgo", "Lussemburgo", "Luksemburg"]),
        Row(iso2: "DE", iso3: "DEU", callingCode: "49", names: ["Germany", "Duitsland", "Deutschland", "Allemagne", "Alemania", "Germania", "Niemcy", "Bundesrepublik Deutschland"]),
        Row(iso2: "AT", iso3: "AUT", callingCode: "43", names: ["Austria", "Oostenrijk", "Österreich", "Autriche", "Austria", "Republik Österreich"]),
        Row(iso2: "CH", iso3: "CHE", callingCode: "41", names: ["Switzerland", "Zwitserland", "Schweiz", "Suisse", "Suiza", "Svizzera", "Szwajcaria", "Confoederatio Helvetica", "Helvetia"]),
        Row(iso2: "LI", iso3: "LIE", callingCode: "423", names: ["Liechtenstein"]),
        Row(iso2: "FR", iso3: "FRA", callingCode: "33", names: ["France", "Frankrijk", "Frankreich", "Francia", "Francja"]),
        Row(iso2: "MC", iso3: "MCO", callingCode: "377", names: ["Monaco", "Mónaco"]),
        Row(iso2: "ES", iso3: "ESP", callingCode: "34", names: ["Spain", "Spanje", "Spanien", "Espagne", "España", "Spagna", "Hiszpania"]),
        Row(iso2: "PT", iso3: "PRT", callingCode: "351", names: ["Portugal", "Portogallo", "Portugalia"]),
        Row(iso2: "IT", iso3: "ITA", callingCode: "39", names: ["Italy", "Italië", "Italien", "Italie", "Italia", "Włochy", "Wlochy"]),
        Row(iso2: "SM", iso3: "SMR", callingCode: "378", names: ["San Marino"]),
        Row(iso2: "VA", iso3: "VAT", callingCode: "379", names: ["Vatican", "Vatican City", "Holy See", "Vaticaan", "Vatikan", "Vaticano"]),
        Row(iso2: "MT", iso3: "MLT", callingCode: "356", names: ["Malta", "Malte"]),
        Row(iso2: "GB", iso3: "GBR", callingCode: "44", names: ["United Kingdom", "UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "Verenigd Koninkrijk", "Groot-Brittannië", "Engeland", "Vereinigtes Königreich", "Großbritannien", "Grossbritannien", "Royaume-Uni", "Angleterre", "Reino Unido", "Regno Unito", "Inghilterra", "Wielka Brytania", "Anglia"]),
        Row(iso2: "IE", iso3: "IRL", callingCode: "353", names: ["Ireland", "Republic of Ireland", "Ierland", "Irland", "Irlande", "Irlanda", "Irlandia", "Éire", "Eire"]),
        Row(iso2: "DK", iso3: "DNK", callingCode: "45", names: ["Denmark", "Denemarken", "Dänemark", "Danemark", "Dinamarca", "Danimarca", "Dania", "Danmark"]),
        Row(iso2: "SE", iso3: "SWE", callingCode: "46", names: ["Sweden", "Zweden", "Schweden", "Suède", "Suecia", "Svezia", "Szwecja", "Sverige"]),
        Row(iso2: "NO", iso3: "NOR", callingCode: "47", names: ["Norway", "Noorwegen", "Norwegen", "Norvège", "Noruega", "Norvegia", "Norwegia", "Norge"]),
        Row(iso2: "FI", iso3: "FIN", callingCode: "358", names: ["Finland", "Finnland", "Finlande", "Finlandia", "Suomi"]),
        Row(iso2: "IS", iso3: "ISL", callingCode: "354", names: ["Iceland", "IJsland", "Island", "Islande", "Islandia", "Islanda"]),
        Row(iso2: "PL", iso3: "POL", callingCode: "48", names: ["Poland", "Polen", "Pologne", "Polonia", "Polska"]),
        Row(iso2: "CZ", iso3: "CZE", callingCode: "420", names: ["Czech Republic", "Czechia", "Tsjechië", "Tschechien", "Tchéquie", "République tchèque", "República Checa", "Chequia", "Repubblica Ceca", "Cechia", "Czechy", "Česko", "Česká republika"]),
        Row(iso2: "SK", iso3: "SVK", callingCode: "421", names: ["Slovakia", "Slowakije", "Slowakei", "Slovaquie", "Eslovaquia", "Slovacchia", "Słowacja", "Slovensko"]),
        Row(iso2: "HU", iso3: "HUN", callingCode: "36", names: ["Hungary", "Hongarije", "Ungarn", "Hongrie", "Hungría", "Ungheria", "Węgry", "Magyarország"]),
        Row(iso2: "SI", iso3: "SVN", callingCode: "386", names: ["Slovenia", "Slovenië", "Slowenien", "Slovénie", "Eslovenia", "Słowenia", "Slovenija"]),
        Row(iso2: "HR", iso3: "HRV", callingCode: "385", names: ["Croatia", "Kroatië", "Kroatien", "Croatie", "Croacia", "Croazia", "Chorwacja", "Hrvatska"]),
        Row(iso2: "RO", iso3: "ROU", callingCode: "40", names: ["Romania", "Roemenië", "Rumänien", "Roumanie", "Rumania", "Rumunia", "România"]),
        Row(iso2: "BG", iso3: "BGR", callingCode: "359", names: ["Bulgaria", "Bulgarije", "Bulgarien", "Bulgarie", "Bułgaria", "България"]),
        Row(iso2: "GR", iso3: "GRC", callingCode: "30", names: ["Greece", "Griekenland", "Griechenland", "Grèce", "Grecia", "Grecja", "Hellas", "Ελλάδα"]),
        Row(iso2: "CY", iso3: "CYP", callingCode: "357", names: ["Cyprus", "Zypern", "Chypre", "Chipre", "Cipro", "Cypr"]),
        Row(iso2: "EE", iso3: "EST", callingCode: "372", names: ["Estonia", "Estland", "Estonie", "Eesti"]),
        Row(iso2: "LV", iso3: "LVA", callingCode: "371", names: ["Latvia", "Letland", "Lettland", "Lettonie", "Letonia", "Lettonia", "Łotwa", "Latvija"]),
        Row(iso2: "LT", iso3: "LTU", callingCode: "370", names: ["Lithuania", "Litouwen", "Litauen", "Lituanie", "Lituania", "Litwa", "Lietuva"]),
        Row(iso2: "US", iso3: "USA", callingCode: "1", names: ["United States", "United States of America", "USA", "U.S.A.", "U.S.", "America", "Verenigde Staten", "Vereinigte Staaten", "États-Unis", "Etats-Unis", "Estados Unidos", "Stati Uniti", "Stany Zjednoczone"]),
        Row(iso2: "CA", iso3: "CAN", callingCode: "1", names: ["Canada", "Kanada", "Canadá"]),
        Row(iso2: "MX", iso3: "MEX", callingCode: "52", names: ["Mexico", "México", "Mexiko", "Mexique", "Messico", "Meksyk"]),
        Row(iso2: "BR", iso3: "BRA", callingCode: "55", names: ["Brazil", "Brazilië", "Brasilien", "Brésil", "Brasil", "Brasile", "Brazylia"]),
        Row(iso2: "AR", iso3: "ARG", callingCode: "54", names: ["Argentina", "Argentinië", "Argentinien", "Argentine", "Argentyna"]),
        Row(iso2: "CL", iso3: "CHL", callingCode: "56", names: ["Chile", "Chili", "Cile"]),
        Row(iso2: "CO", iso3: "COL", callingCode: "57", names: ["Colombia", "Kolumbien", "Colombie", "Kolumbia"]),
        Row(iso2: "PE", iso3: "PER", callingCode: "51", names: ["Peru", "Perú", "Pérou"]),
        Row(iso2: "AU", iso3: "AUS", callingCode: "61", names: ["Australia", "Australië", "Australien", "Australie"]),
        Row(iso2: "NZ", iso3: "NZL", callingCode: "64", names: ["New Zealand", "Nieuw-Zeeland", "Neuseeland", "Nouvelle-Zélande", "Nueva Zelanda", "Nuova Zelanda", "Nowa Zelandia"]),
        Row(iso2: "ZA", iso3: "ZAF", callingCode: "27", names: ["South Africa", "Zuid-Afrika", "Südafrika", "Afrique du Sud", "Sudáfrica", "Sudafrica", "Republika Południowej Afryki"]),
        Row(iso2: "RU", iso3: "RUS", callingCode: "7", names: ["Russia", "Russian Federation", "Rusland", "Russland", "Russie", "Rusia", "Russia", "Rosja"]),
        Row(iso2: "UA", iso3: "UKR", callingCode: "380", names: ["Ukraine", "Oekraïne", "Ucrania", "Ucraina", "Ukraina"]),
        Row(iso2: "BY", iso3: "BLR", callingCode: "375", names: ["Belarus", "Wit-Rusland", "Weißrussland", "Biélorussie", "Bielorrusia", "Bielorussia", "Białoruś"]),
        Row(iso2: "MD", iso3: "MDA", callingCode: "373", names: ["Moldova", "Moldavië", "Moldawien", "Moldavie", "Moldavia", "Mołdawia"]),
        Row(iso2: "RS", iso3: "SRB", callingCode: "381", names: ["Serbia", "Servië", "Serbien", "Serbie", "Serbia"]),
        Row(iso2: "BA", iso3: "BIH", callingCode: "387", names: ["Bosnia and Herzegovina", "Bosnia", "Bosnië en Herzegovina", "Bosnien und Herzegowina", "Bosnie-Herzégovine"]),
        Row(iso2: "ME", iso3: "MNE", callingCode: "382", names: ["Montenegro", "Monténégro", "Czarnogóra"]),
        Row(iso2: "MK", iso3: "MKD", callingCode: "389", names: ["North Macedonia", "Macedonia", "Noord-Macedonië", "Nordmazedonien", "Macédoine du Nord"]),
        Row(iso2: "AL", iso3: "ALB", callingCode: "355", names: ["Albania", "Albanië", "Albanien", "Albanie"]),
        Row(iso2: "XK", iso3: "XKX", callingCode: "383", names: ["Kosovo"]),
        Row(iso2: "AD", iso3: "AND", callingCode: "376", names: ["Andorra", "Andorre"]),
        Row(iso2: "GI", iso3: "GIB", callingCode: "350", names: ["Gibraltar"]),
        Row(iso2: "TR", iso3: "TUR", callingCode: "90", names: ["Turkey", "Türkiye", "Turkije", "Türkei", "Turquie", "Turquía", "Turchia", "Turcja"]),
        Row(iso2: "IL", iso3: "ISR", callingCode: "972", names: ["Israel", "Israël", "Israele", "Izrael"]),
        Row(iso2: "AE", iso3: "ARE", callingCode: "971", names: ["United Arab Emirates", "UAE", "Verenigde Arabische Emiraten", "Vereinigte Arabische Emirate", "Émirats arabes unis", "Emiratos Árabes Unidos", "Emirati Arabi Uniti"]),
        Row(iso2: "SA", iso3: "SAU", callingCode: "966", names: ["Saudi Arabia", "Saoedi-Arabië", "Saudi-Arabien", "Arabie saoudite", "Arabia Saudita", "Arabia Saudyjska"]),
        Row(iso2: "QA", iso3: "QAT", callingCode: "974", names: ["Qatar", "Katar"]),
        Row(iso2: "EG", iso3: "EGY", callingCode: "20", names: ["Egypt", "Egypte", "Ägypten", "Égypte", "Egipto", "Egitto", "Egipt"]),
        Row(iso2: "MA", iso3: "MAR", callingCode: "212", names: ["Morocco", "Marokko", "Maroc", "Marruecos", "Marocco", "Maroko"]),
        Row(iso2: "TN", iso3: "TUN", callingCode: "216", names: ["Tunisia", "Tunesië", "Tunesien", "Tunisie", "Túnez", "Tunezja"]),
        Row(iso2: "NG", iso3: "NGA", callingCode: "234", names: ["Nigeria", "Nigéria"]),
        Row(iso2: "KE", iso3: "KEN", callingCode: "254", names: ["Kenya", "Kenia"]),
        Row(iso2: "IN", iso3: "IND", callingCode: "91", names: ["India", "Indien", "Inde", "Indie"]),
        Row(iso2: "PK", iso3: "PAK", callingCode: "92", names: ["Pakistan"]),
        Row(iso2: "CN", iso3: "CHN", callingCode: "86", names: ["China", "Chine", "Cina", "Chiny", "People's Republic of China"]),
        Row(iso2: "HK", iso3: "HKG", callingCode: "852", names: ["Hong Kong", "Hongkong"]),
        Row(iso2: "TW", iso3: "TWN", callingCode: "886", names: ["Taiwan", "Taïwan", "Tajwan"]),
        Row(iso2: "JP", iso3: "JPN", callingCode: "81", names: ["Japan", "Japon", "Japón", "Giappone", "Japonia"]),
        Row(iso2: "KR", iso3: "KOR", callingCode: "82", names: ["South Korea", "Korea", "Republic of Korea", "Zuid-Korea", "Südkorea", "Corée du Sud", "Corea del Sur", "Corea del Sud", "Korea Południowa"]),
        Row(iso2: "SG", iso3: "SGP", callingCode: "65", names: ["Singapore", "Singapur", "Singapour"]),
        Row(iso2: "MY", iso3: "MYS", callingCode: "60", names: ["Malaysia", "Maleisië", "Malaisie", "Malasia", "Malesia", "Malezja"]),
        Row(iso2: "TH", iso3: "THA", callingCode: "66", names: ["Thailand", "Thaïlande", "Tailandia", "Thailandia", "Tajlandia"]),
        Row(iso2: "VN", iso3: "VNM", callingCode: "84", names: ["Vietnam", "Viet Nam", "Viêt Nam"]),
        Row(iso2: "ID", iso3: "IDN", callingCode: "62", names: ["Indonesia", "Indonesië", "Indonesien", "Indonésie", "Indonezja"]),
        Row(iso2: "PH", iso3: "PHL", callingCode: "63", names: ["Philippines", "Filipijnen", "Philippinen", "Filipinas", "Filippine", "Filipiny"]),
    ]

    /// Folded name/code → ISO2.
    private static let byName: [String: String] = {
        var map: [String: String] = [:]
        for row in rows {
            for n in row.names {
                let key = fold(n)
                if map[key] == nil { map[key] = row.iso2 }
            }
            map[fold(row.iso2)] = map[fold(row.iso2)] ?? row.iso2
            map[fold(row.iso3)] = map[fold(row.iso3)] ?? row.iso2
        }
        map["uk"] = "GB"
        return map
    }()

    private static let byISO2: [String: Row] = {
        var map: [String: Row] = [:]
        for row in rows where map[row.iso2] == nil { map[row.iso2] = row }
        return map
    }()

    /// Calling code → ISO2 (for shared codes the main country: `1` → US, `7` → RU).
    private static let byCallingCode: [String: String] = {
        var map: [String: String] = [:]
        for row in rows where map[row.callingCode] == nil { map[row.callingCode] = row.iso2 }
        return map
    }()

    /// All known calling codes, for prefix matching.
    static let callingCodes: Set<String> = Set(rows.map(\.callingCode))

    /// ccTLDs that are used as generic TLDs and say nothing about the country.
    private static let genericCCTLDs: Set<String> = ["io", "co", "me", "tv", "ai", "ly", "fm", "cc", "ws", "to", "gg", "sh", "ac", "la", "so", "vc", "app"]

    /// The ISO 3166-1 alpha-2 code for a country name in EN/NL/DE/FR/ES/IT/PL or an ISO2/ISO3 code.
    ///
    /// Case-, diacritics- and punctuation-insensitive; a leading "the" is ignored. `"UK"` → `GB`.
    /// - Returns: the code, or `nil` when the text is not a known country.
    public static func iso2(fromName name: String) -> String? {
        let key = fold(name)
        guard !key.isEmpty else { return nil }
        if let hit = byName[key] { return hit }
        if key.hasPrefix("the ") { return byName[String(key.dropFirst(4))] }
        return nil
    }

    /// The E.164 calling code (without `+`) of a country: `NL` → `31`, `US` → `1`.
    public static func callingCode(iso2: String) -> String? {
        byISO2[iso2.uppercased()]?.callingCode
    }

    /// The country of an E.164 number by its calling code (`+3120…` → `NL`, `+1…` → `US`).
    public static func iso2(fromCallingCodeOf e164: String) -> String? {
        guard let cc = callingCodePrefix(of: e164) else { return nil }
        return byCallingCode[cc]
    }

    /// The longest known calling code at the start of a number (with or without `+`).
    static func callingCodePrefix(of number: String) -> String? {
        let digits = number.utf8.drop(while: { $0 == UInt8(ascii: "+") })
        var prefix = ""
        var best: String?
        for d in digits.prefix(3) {
            guard d >= 0x30, d <= 0x39 else { break }
            prefix.append(Character(Unicode.Scalar(d)))
            if callingCodes.contains(prefix) { best = prefix }
        }
        return best
    }

    /// The country of a country-code TLD (`nl` → NL, `uk` → GB); `nil` for generic TLDs
    /// (`com`, `eu`, `io`, `co`, …). Accepts a bare TLD or a whole domain.
    public static func iso2(fromTLD tld: String) -> String? {
        var t = tld.lowercased()
        if let dot = t.lastIndex(of: ".") { t = String(t[t.index(after: dot)...]) }
        guard t.count == 2, !genericCCTLDs.contains(t) else { return nil }
        if t == "uk" { return "GB" }
        let upper = t.uppercased()
        return byISO2[upper] != nil ? upper : nil
    }

    /// Lower-case, strip diacritics, turn punctuation into spaces and collapse whitespace.
    static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: Foundation's case and diacritic folding is lower-casing, and the alphanumerics are
            // `0-9a-z`; the same steps on bytes.
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            var pendingSpace = false
            for var b in s.utf8 {
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "'") { continue }
                if b >= 0x41 && b <= 0x5A { b += 32 }
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                    if pendingSpace, !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(b)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return foldScalars(s)
    }

    /// ``fold(_:)`` for any text, with Foundation's folding (the ASCII path must agree with it).
    static func foldScalars(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for ch in folded.unicodeScalars {
            if ch == "." || ch == "'" || ch == "’" { continue }
            if CharacterSet.alphanumerics.contains(ch) {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
