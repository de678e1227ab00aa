public import LeadCore

/// A ``CompanyProfile`` as stored once per batch and domain, shared by every worker.
///
/// A faithful mirror: decoding gives back an equal profile, so queued leads match `run`'s bytes.
public struct StoredCompany: Sendable, Codable, Equatable {
    struct StoredFact<V: Sendable & Equatable & Codable>: Sendable, Codable, Equatable {
        var value: V
        var provenance: Provenance
        var evidence: String?

        init(_ f: Fact<V>) {
            value = f.value
            provenance = f.provenance
            evidence = f.evidence
        }

        var fact: Fact<V> { Fact(value, provenance: provenance, evidence: evidence) }
    }

    struct Social: Sendable, Codable, Equatable {
        var network: SocialNetwork
        var fact: StoredFact<String>
    }

    struct Technology: Sendable, Codable, Equatable {
        var id: String
        var fact: StoredFact<String>
    }

    var domain: String
    var redirectedFrom: [String]
    var siteStatus: SiteStatus
    var redirectLoopWith: String?
    var website: String?
    var name: StoredFact<String>?
    var legalName: StoredFact<String>?
    var description: StoredFact<String>?
    var industry: StoredFact<Industry>?
    var country: StoredFact<String>?
    var language: StoredFact<String>?
    var employees: StoredFact<EmployeeCount>?
    var employeeClaims: [StoredFact<EmployeeCount>]
    var founded: StoredFact<Int>?
    var phone: StoredFact<String>?
    var phones: [String]
    var emails: [String]
    var address: StoredFact<PostalAddress>?
    var social: [Social]
    var technologies: [Technology]
    var pages: [PageOutcome]
    var people: [TeamMember]

    /// Captures a research result.
    public init(_ p: CompanyProfile) {
        domain = p.domain
        redirectedFrom = p.redirectedFrom
        siteStatus = p.siteStatus
        redirectLoopWith = p.redirectLoopWith
        website = p.website
        name = p.name.map(StoredFact.init)
        legalName = p.legalName.map(StoredFact.init)
        description = p.description.map(StoredFact.init)
        industry = p.industry.map(StoredFact.init)
        country = p.country.map(StoredFact.init)
        language = p.language.map(StoredFact.init)
        employees = p.employees.map(StoredFact.init)
        employeeClaims = p.employeeClaims.map(StoredFact.init)
        founded = p.founded.map(StoredFact.init)
        phone = p.phone.map(StoredFact.init)
        phones = p.phones
        emails = p.emails
        address = p.address.map(StoredFact.init)
        social = p.social.keys.sorted().compactMap { k in p.social[k].map { Social(network: k, fact: StoredFact($0)) } }
        technologies = p.technologies.keys.sorted().compactMap { k in p.technologies[k].map { Technology(id: k, fact: StoredFact($0)) } }
        pages = p.pages
        people = p.people
    }

    /// The research result again.
    public var profile: CompanyProfile {
        var p = CompanyProfile(domain: domain, siteStatus: siteStatus)
        p.redirectedFrom = redirectedFrom
        p.redirectLoopWith = redirectLoopWith
        p.website = website
        p.name = name?.fact
        p.legalName = legalName?.fact
        p.description = description?.fact
        p.industry = industry?.fact
        p.country = country?.fact
        p.language = language?.fact
        p.employees = employees?.fact
        p.employeeClaims = employeeClaims.map(\.fact)
        p.founded = founded?.fact
        p.phone = phone?.fact
        p.phones = phones
        p.emails = emails
        p.address = address?.fact
        for s in social { p.social[s.network] = s.fact.fact }
        for t in technologies { p.technologies[t.id] = t.fact.fact }
        p.pages = pages
        p.people = people
        return p
    }
}
