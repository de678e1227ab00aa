/// The fixed vocabularies of the `leadsmith/lead@1` output contract (PRODUCT.md, "Vocabularies").

/// LinkedIn's company-size buckets.
public enum SizeBucket: String, Sendable, CaseIterable, Codable, Comparable {
    case one = "1"
    case twoToTen = "2-10"
    case elevenToFifty = "11-50"
    case fiftyOneToTwoHundred = "51-200"
    case twoHundredOneToFiveHundred = "201-500"
    case fiveHundredOneToThousand = "501-1000"
    case thousandOneToFiveThousand = "1001-5000"
    case fiveThousandOneToTenThousand = "5001-10000"
    case tenThousandOnePlus = "10001+"

    /// The bucket that holds `count` people (counts below 1 fall in `1`).
    public init(count: Int) {
        switch count {
        case ...1: self = .one
        case 2...10: self = .twoToTen
        case 11...50: self = .elevenToFifty
        case 51...200: self = .fiftyOneToTwoHundred
        case 201...500: self = .twoHundredOneToFiveHundred
        case 501...1000: self = .fiveHundredOneToThousand
        case 1001...5000: self = .thousandOneToFiveThousand
        case 5001...10000: self = .fiveThousandOneToTenThousand
        default: self = .tenThousandOnePlus
        }
    }

    /// Position in size order, smallest first.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: SizeBucket, rhs: SizeBucket) -> Bool { lhs.rank < rhs.rank }
}

/// The function part of a job title.
public enum JobFunction: String, Sendable, CaseIterable, Codable {
    case executive, sales, marketing, engineering, product, finance, hr, operations, it
    case customerSuccess = "customer_success"
    case legal, education, other
}

/// The seniority part of a job title, highest first.
public enum Seniority: String, Sendable, CaseIterable, Codable, Comparable {
    case owner
    case cSuite = "c_suite"
    case vp, director, head, manager, senior, mid, entry, intern, unknown

    /// Lower is more senior (`owner` is 0, `unknown` is last).
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// `a < b` when `a` is more senior than `b`.
    public static func < (lhs: Seniority, rhs: Seniority) -> Bool { lhs.rank < rhs.rank }
}

/// A company's industry class.
public enum Industry: String, Sendable, CaseIterable, Codable {
    case saas, manufacturing, healthcare
    case realEstate = "real_estate"
    case financialServices = "financial_services"
    case retail, agency, logistics, education
    case governmentNonprofit = "government_nonprofit"
}

/// What a company's web site turned out to be.
public enum SiteStatus: String, Sendable, CaseIterable, Codable {
    case ok, parked, placeholder, missing
    case redirectLoop = "redirect_loop"
    case blocked, error
}

/// Social networks with a canonical profile URL form.
public enum SocialNetwork: String, Sendable, CaseIterable, Codable, Comparable {
    case linkedin, x, facebook, instagram, youtube, github, xing, tiktok

    public static func < (lhs: SocialNetwork, rhs: SocialNetwork) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The kind of lead source a record came from.
public enum SourceKind: String, Sendable, CaseIterable, Codable {
    case newsletter, chatbot, download
}
