import Foundation
public import LeadCore

/// The rule files research reads, loaded and validated once.
///
/// A final class: it is shared by every page and researcher of a run, so passing it costs one
/// reference instead of copying every table.
public final class ResearchRules: Sendable {
    let employee: EmployeeCountParser
    let founding: FoundingYearParser
    let fingerprints: Fingerprints
    let siteStatus: SiteStatusRules
    let industries: IndustryRules
    let social: SocialCanonicalizer
    let contact: ContactCues
    let team: TeamRules
    let scan: ScanRules

    /// Loads `fingerprints.yaml`, `industries.yaml`, `site_status.yaml`, `employee_phrases.yaml`,
    /// `founding_phrases.yaml`, `social.yaml`, `contact_cues.yaml`, `team_page.yaml` and (to tell
    /// names from job titles on team pages) `titles.yaml` from `files`.
    /// - Throws: ``LeadsmithError`` `bad_rules` naming the file that is missing or invalid.
    public init(files: RuleFiles) throws(LeadsmithError) {
        employee = try EmployeeCountParser(phrases: try files.yaml("employee_phrases.yaml", as: EmployeePhrases.self),
                                           file: files.url("employee_phrases.yaml").path)
        founding = try FoundingYearParser(spec: try files.yaml("founding_phrases.yaml", as: CueFileSpec.self),
                                          file: files.url("founding_phrases.yaml").path)
        let fp = try files.yaml("fingerprints.yaml", as: FingerprintFile.self)
        fingerprints = try Fingerprints(fp, file: files.url("fingerprints.yaml").path)
        siteStatus = try files.yaml("site_status.yaml", as: SiteStatusRules.self)
        let ind = try files.yaml("industries.yaml", as: IndustryFile.self)
        industries = try IndustryRules(ind, file: files.url("industries.yaml").path)
        let socialFile = try files.yaml("social.yaml", as: SocialFile.self)
        try socialFile.validate(file: files.url("social.yaml").path)
        social = SocialCanonicalizer(ignoredHandles: socialFile.ignoreHandles)
        contact = ContactCues(try files.yaml("contact_cues.yaml", as: ContactCueFile.self))
        let regions = RegionMarkers(officeMarkers: contact.officeMarkers, foreignMarkers: socialFile.foreignRegions?.markers ?? [],
                                    foreignRel: socialFile.foreignRegions?.rel ?? [])
        scan = ScanRules(regions: regions, attributeNames: fingerprints.attributeNames,
                         attributeValueFragments: fingerprints.attributeValueFragments)
        team = TeamRules(try files.yaml("team_page.yaml", as: TeamPageFile.self), titles: try TitleNormalizer(rules: files))
    }
}

extension ResearchRules {
    /// Problems in the cue-class files (`founding_phrases.yaml`, `employee_phrases.yaml`), each file
    /// checked on its own so that `leadsmith rules check` reports both at once.
    public static func cueFileProblems(_ files: RuleFiles) -> [LeadsmithError] {
        var problems: [LeadsmithError] = []
        do {
            _ = try FoundingYearParser(spec: try files.yaml("founding_phrases.yaml", as: CueFileSpec.self),
                                       file: files.url("founding_phrases.yaml").path)
        } catch { problems.append(error) }
        do {
            _ = try EmployeeCountParser(phrases: try files.yaml("employee_phrases.yaml", as: EmployeePhrases.self),
                                        file: files.url("employee_phrases.yaml").path)
        } catch { problems.append(error) }
        return problems
    }
}

struct SocialFile: Decodable {
    var ignoreHandles: [String]
    /// Where links are someone else's (bylines, author boxes, embedded posts, share widgets).
    var foreignRegions: ForeignRegions?

    struct ForeignRegions: Decodable {
        /// Fragments of `class`/`id` values that mark the region (matched anywhere in the value).
        var markers: [String]
        /// `rel` tokens of a link that mark it (`author`).
        var rel: [String]?
    }

    enum CodingKeys: String, CodingKey {
        case ignoreHandles = "ignore_handles"
        case foreignRegions = "foreign_regions"
    }

    /// Rejects empty or over-broad markers: a fragment is matched inside every `class`/`id` value,
    /// so one of fewer than three characters, or with spaces, would mark half a page.
    func validate(file: String) throws(LeadsmithError) {
        for m in foreignRegions?.markers ?? [] {
            let t = m.trimmingCharacters(in: .whitespaces)
            if t.count < 3 || t.contains(" ") {
                throw LeadsmithError(.badRules, "foreign_regions.markers: '\(m)' must be a class/id fragment of at least 3 characters without spaces", file: file)
            }
            if t != t.lowercased() {
                throw LeadsmithError(.badRules, "foreign_regions.markers: '\(m)' must be lower case", file: file)
            }
        }
        for r in foreignRegions?.rel ?? [] where r.isEmpty || r.contains(" ") || r != r.lowercased() {
            throw LeadsmithError(.badRules, "foreign_regions.rel: '\(r)' must be one lower-case rel token", file: file)
        }
    }
}
