import Foundation

/// Writes the site snapshot of a benchmark set: `index.html`, `about.html` and `contact.html` per
/// company (a team page for every fifth), in the company's language, and `_redirects.tsv` for the
/// companies that moved from an old domain.
struct SiteSnapshotWriter {
    let sites: Int

    static func domain(_ company: Int, _ language: DatasetLanguage) -> String {
        "\(ascii(language.companyWords[company % language.companyWords.count]))-\(company).\(language.tld)"
    }

    static func oldDomain(_ company: Int, _ language: DatasetLanguage) -> String {
        "old-\(company).\(language.tld)"
    }

    static func companyName(_ company: Int, _ language: DatasetLanguage) -> String {
        "\(language.companyWords[company % language.companyWords.count]) \(language.lastNames[company % language.lastNames.count]) \(company)"
    }

    func write(to directory: String) throws(BenchDatasetError) -> Int {
        let redirects = try TextFileWriter(path: directory + "/_redirects.tsv")
        try redirects.write("# from_domain\tto_domain\tstatus\n")
        for k in 0..<sites {
            let lang = DatasetLanguage.all[k % DatasetLanguage.all.count]
            let domain = Self.domain(k, lang)
            let name = Self.companyName(k, lang)
            if k % 50 == 7 { try redirects.write("\(Self.oldDomain(k, lang))\t\(domain)\t301\n") }
            try Self.mkdir(directory + "/" + domain)
            let market = DatasetLanguage.markets[k % DatasetLanguage.markets.count]
            let nav = "<nav><a href=\"/about\">About</a> <a href=\"/contact\">\(lang.contactWord)</a>\(k % 5 == 0 ? " <a href=\"/team\">Team</a>" : "")</nav>"
            try Self.page(directory + "/" + domain + "/index.html", lang, title: name,
                          body: "\(nav)<h1>\(name)</h1><p>\(name): software for \(market).</p>"
                            + "<footer>© 2025 \(name) · <a href=\"mailto:info@\(domain)\">info@\(domain)</a></footer>")
            let about = lang.aboutTemplate.replacingOccurrences(of: "{c}", with: name)
                .replacingOccurrences(of: "{y}", with: "\(1960 + k % 64)")
                .replacingOccurrences(of: "{n}", with: "\([8, 25, 85, 140, 600, 2400][k % 6])")
                .replacingOccurrences(of: "{w}", with: market)
            try Self.page(directory + "/" + domain + "/about.html", lang, title: "About | \(name)", body: "\(nav)<h1>\(name)</h1><p>\(about)</p>")
            try Self.page(directory + "/" + domain + "/contact.html", lang, title: "\(lang.contactWord) | \(name)",
                          body: "\(nav)<h1>\(lang.contactWord)</h1><p>\(name)<br>Hoofdstraat \(k % 200 + 1)<br>\(lang.countryName)</p>"
                            + "<p>Tel: +\(20 + k % 60) 20 \(5_550_000 + k)</p><p><a href=\"mailto:sales@\(domain)\">sales@\(domain)</a></p>")
            if k % 5 == 0 {
                let people = (0..<3).map { i in
                    "<li><h3>\(lang.firstNames[(k + i) % 6]) \(lang.lastNames[(k + 2 * i) % 6])</h3><p>\(lang.titles[i])</p></li>"
                }.joined()
                try Self.page(directory + "/" + domain + "/team.html", lang, title: "Team | \(name)", body: "\(nav)<h1>Team</h1><ul>\(people)</ul>")
            }
        }
        try redirects.close()
        return sites
    }

    static func page(_ path: String, _ lang: DatasetLanguage, title: String, body: String) throws(BenchDatasetError) {
        let w = try TextFileWriter(path: path)
        try w.write("<!DOCTYPE html>\n<html lang=\"\(lang.code)\">\n<head><meta charset=\"utf-8\"><title>\(title)</title></head>\n<body>\n\(body)\n</body>\n</html>\n")
        try w.close()
    }

    static func mkdir(_ path: String) throws(BenchDatasetError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BenchDatasetError(path: path, message: "cannot create folder: \(error)")
        }
    }

    static func ascii(_ s: String) -> String { RecordWriter.ascii(s) }
}
