/// A person listed on a company's team page, with the title the page gives.
public struct TeamMember: Sendable, Equatable, Codable {
    public var name: String
    public var title: String?
    /// The page the person is listed on.
    public var url: String

    public init(name: String, title: String?, url: String) {
        self.name = name
        self.title = title
        self.url = url
    }
}
