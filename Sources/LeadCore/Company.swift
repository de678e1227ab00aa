/// A company's postal address.
public struct PostalAddress: Sendable, Equatable, Hashable, Codable {
    public var street: String?
    public var postalCode: String?
    public var city: String?
    /// ISO 3166-1 alpha-2.
    public var country: String?

    public init(street: String? = nil, postalCode: String? = nil, city: String? = nil, country: String? = nil) {
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.country = country
    }

    public var isEmpty: Bool { street == nil && postalCode == nil && city == nil && country == nil }
}

/// Everything research learned about one company domain, each value with provenance.
///
/// Produced once per final domain and shared by all leads of that domain.
public struct CompanyProfile: Sendable, Equatable {
    /// The final registrable domain after redirects.
    public var domain: String
    /// Old domains that led here, in chain order.
    public var redirectedFrom: [String]
    public var siteStatus: SiteStatus
    /// For `redirect_loop`: the other domain of the loop.
    public var redirectLoopWith: String?
    /// The home page URL that was read.
    public var website: String?

    public var name: Fact<String>?
    public var legalName: Fact<String>?
    public var description: Fact<String>?
    public var industry: Fact<Industry>?
    /// ISO 3166-1 alpha-2.
    public var country: Fact<String>?
    /// Main language of the pages (`en`, `nl`, …).
    public var language: Fact<String>?
    public var employees: Fact<EmployeeCount>?
    /// Every employee statement found, winner included (for provenance and explanations).
    public var employeeClaims: [Fact<EmployeeCount>]
    public var founded: Fact<Int>?
    /// Main phone, E.164.
    public var phone: Fact<String>?
    /// All company phone numbers seen (E.164), main first, no fax.
    public var phones: [String]
    /// Company e-mail addresses, lower case.
    public var emails: [String]
    public var address: Fact<PostalAddress>?
    /// Canonical profile URL per network.
    public var social: [SocialNetwork: Fact<String>]
    /// Technology ids (sorted), each with its evidence.
    public var technologies: [String: Fact<String>]
    /// Pages that were read (`index`, `about`, …) with their status.
    public var pages: [PageOutcome]
    /// People listed on the team page (name and title), to fill a lead's missing title.
    public var people: [TeamMember] = []

    public init(domain: String, siteStatus: SiteStatus) {
        self.domain = domain
        self.redirectedFrom = []
        self.siteStatus = siteStatus
        self.employeeClaims = []
        self.phones = []
        self.emails = []
        self.social = [:]
        self.technologies = [:]
        self.pages = []
    }

    /// The size bucket of the winning employee statement.
    public var sizeBucket: SizeBucket? { employees?.value.bucket }
}

/// What happened when one page was requested.
public struct PageOutcome: Sendable, Equatable, Codable {
    /// What happened to a page request.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case ok
        case notFound = "not_found"
        case blocked
        case rateLimited = "rate_limited"
        case tooLarge = "too_large"
        case notHTML = "not_html"
        case empty
        case error
    }

    public var url: String
    public var status: Status
    /// A short human-readable detail for non-ok statuses.
    public var detail: String?

    public init(url: String, status: Status, detail: String? = nil) {
        self.url = url
        self.status = status
        self.detail = detail
    }
}
