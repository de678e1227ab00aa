import Foundation
public import LeadCore
public import LeadResearch

/// `leadsmith research`: research a few domains and render each company with its provenance.
public struct CompanyLookup: Sendable {
    let researcher: CompanyResearcher

    /// - Throws: `input_missing` when the snapshot folder does not exist, `bad_rules` for rule errors.
    public init(sitesDirectory: String, rules: RuleFiles) throws(LeadsmithError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sitesDirectory, isDirectory: &isDir), isDir.boolValue else {
            throw LeadsmithError(.inputMissing, "site snapshot folder not found (--sites)", file: sitesDirectory)
        }
        researcher = CompanyResearcher(source: try SnapshotPageSource(directory: URL(fileURLWithPath: sitesDirectory)),
                                       rules: try ResearchRules(files: rules))
    }

    /// Research through any page source (the live web).
    /// - Throws: `bad_rules` for rule errors.
    public init(source: any PageSource, rules: RuleFiles) throws(LeadsmithError) {
        researcher = CompanyResearcher(source: source, rules: try ResearchRules(files: rules))
    }

    /// One JSON object per input: the `company` object plus `provenance` and the pages read.
    public func research(_ inputs: [String]) async -> [JSONValue] {
        var out: [JSONValue] = []
        for input in inputs {
            let host = input.split(separator: "@").last.map(String.init) ?? input
            let domain = Cleaner.websiteDomain(host) ?? host.lowercased()
            let profile = await researcher.research(domain: domain)
            guard case .object(var pairs) = profile.json() else { continue }
            pairs.append(("employee_claims", .array(profile.employeeClaims.map { claim in
                .object([("kind", .string(claim.value.kind.rawValue)), ("min", .int(claim.value.min)),
                         ("max", .int(claim.value.max)), ("bucket", .string(claim.value.bucket.rawValue)),
                         ("evidence", .string(claim.evidence)), ("provenance", claim.provenance.json)])
            })))
            pairs.append(("phones", .array(profile.phones.map { .string($0) })))
            pairs.append(("pages", .array(profile.pages.map { page in
                .object([("url", .string(page.url)), ("status", .string(page.status.rawValue)), ("detail", .string(page.detail))])
            })))
            pairs.append(("provenance", .object(profile.provenanceJSON())))
            out.append(.object(pairs))
        }
        return out
    }
}
