/// An error from the HTML layer: the input is not a page at all, or an XPath expression is bad.
///
/// Malformed HTML never produces an error (the parser recovers); only input that cannot be a page
/// (empty, binary) or a programmer's bad XPath does. The ``description`` names the problem and the
/// page URL, never page content.
public struct HTMLError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The input is empty or only whitespace.
        case empty
        /// The input is binary data (an image, an archive, random bytes), not text.
        case binary
        /// An XPath expression is invalid or does not select nodes.
        case xpath
        /// libxml2 could not build a document at all (out of memory, input too large).
        case parse
    }

    /// What went wrong.
    public var code: Code
    /// A human-readable explanation with a hint at the fix (for `.xpath`: libxml2's message and
    /// the expression).
    public var message: String
    /// The URL of the page concerned, if known.
    public var url: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: A human-readable explanation.
    ///   - url: The URL of the page concerned, if known.
    public init(code: Code, message: String, url: String? = nil) {
        self.code = code
        self.message = message
        self.url = url
    }

    /// `html.<code>: <message>` followed by the page URL when known.
    public var description: String {
        var text = "html.\(code.rawValue): \(message)"
        if let url { text += " (page \(url))" }
        return text
    }
}
