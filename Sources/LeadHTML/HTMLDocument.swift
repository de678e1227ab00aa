internal import CLeadXML2

/// A parsed HTML page. Owns libxml2's document and frees it exactly once, when the last
/// ``HTMLDocument`` or ``HTMLNode`` referring to it goes away.
///
/// Parsing never fails on malformed HTML (libxml2 recovers as browsers do); it fails only for
/// input that is not a page at all (empty, binary). The document is not `Sendable`: parse it,
/// extract `Sendable` values, and let it go on the same task.
///
/// ```swift
/// let document = try HTMLDocument.parse(bytes, url: "https://acme.example/", contentType: "text/html")
/// for script in try document.select("//script[@type='application/ld+json']") {
///     let json = script.rawText
/// }
/// let visible = document.body?.innerText ?? ""
/// ```
public final class HTMLDocument {
    /// libxml2's document; freed in `deinit`.
    let documentPointer: htmlDocPtr

    /// The URL the page was read from, as given to ``parse(_:url:contentType:)``.
    public let url: String?

    /// The encoding used to decode the page: a canonical lower-case WHATWG name such as `"utf-8"`,
    /// `"windows-1252"` (also for pages declared `iso-8859-1`, `latin1` or `us-ascii`),
    /// `"iso-8859-15"`, `"utf-16le"`, `"shift_jis"`.
    public let encoding: String

    /// The `<html lang>` value (or `xml:lang`), trimmed and lower-cased; `nil` when absent or empty.
    public private(set) var language: String?

    /// Parses a page from raw bytes, as a server sent them.
    ///
    /// The encoding is, in this order: the byte-order mark; the `charset` of `contentType`; a
    /// UTF-16 byte pattern; `<meta charset>` / `<meta http-equiv="Content-Type">` or an XML prolog
    /// in the first 4 KB; UTF-8 if the bytes are valid UTF-8; else windows-1252. Invalid bytes
    /// become U+FFFD and NUL bytes spaces, so a page is always parsed to its end.
    ///
    /// - Parameters:
    ///   - bytes: The response body.
    ///   - url: The page URL, kept for ``url`` and error context.
    ///   - contentType: The HTTP `Content-Type` header value, if any; its charset wins over the
    ///     page's own declarations (a byte-order mark wins over both, as in browsers).
    /// - Returns: The parsed document.
    /// - Throws: ``HTMLError`` with code `.empty` (nothing but whitespace), `.binary` (an image,
    ///   an archive, random bytes) or, if libxml2 cannot allocate a document, `.parse`.
    public static func parse(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil) throws(HTMLError) -> HTMLDocument {
        try HTMLDocument(bytes: bytes, url: url, contentType: contentType, forcedEncoding: nil)
    }

    /// Parses a page that is already text (decoded Unicode); any `<meta charset>` inside is ignored.
    ///
    /// - Parameters:
    ///   - html: The page source.
    ///   - url: The page URL, kept for ``url`` and error context.
    /// - Throws: ``HTMLError`` `.empty` for an empty or whitespace-only string, `.binary` for
    ///   text that is mostly control characters.
    public convenience init(html: String, url: String? = nil) throws(HTMLError) {
        try self.init(bytes: Array(html.utf8), url: url, contentType: nil, forcedEncoding: EncodingLabels.utf8)
    }

    init(bytes: [UInt8], url: String?, contentType: String?, forcedEncoding: String?) throws(HTMLError) {
        let parsed: (pointer: htmlDocPtr, encoding: String) = try bytes.withUnsafeBufferPointer { buffer throws(HTMLError) in
            let page = try PageDecoder.decode(buffer, contentType: contentType, forcedEncoding: forcedEncoding, url: url)
            let pointer: htmlDocPtr
            switch page.text {
            case .original(let offset):
                pointer = try LibXML2.parseHTML(UnsafeBufferPointer(rebasing: buffer[offset...]), url: url)
            case .decoded(let decoded):
                pointer = try decoded.withUnsafeBufferPointer { utf8 throws(HTMLError) in
                    try LibXML2.parseHTML(utf8, url: url)
                }
            }
            return (pointer, page.encoding)
        }
        self.documentPointer = parsed.pointer
        self.url = url
        self.encoding = parsed.encoding
        self.language = nil
        self.language = root.flatMap { root in
            let value = (root.attribute("lang") ?? root.attribute("xml:lang"))?
                .trimmingASCIIWhitespace().lowercased()
            return value?.isEmpty == false ? value : nil
        }
    }

    deinit {
        xmlFreeDoc(documentPointer)
    }

    /// The root element: `<html>` (libxml2 adds it when the page has none), or the document's
    /// first element; `nil` only for a document without elements.
    public var root: HTMLNode? {
        xmlDocGetRootElement(documentPointer).map { HTMLNode(document: self, pointer: $0) }
    }

    /// The `<head>` element, if any.
    public var head: HTMLNode? {
        root?.elementChildren.first { $0.isElement(named: "head") }
    }

    /// The `<body>` element, if any (libxml2 adds it when the page has content but no `<body>` tag).
    public var body: HTMLNode? {
        root?.elementChildren.first { $0.isElement(named: "body") }
    }

    /// The page title: ``HTMLNode/innerText`` of the first `<title>` element, `nil` when absent or
    /// empty.
    public var title: String? {
        var result: String?
        walk { node in
            guard node.isElement(named: "title") else { return .descend }
            let text = node.innerText
            if !text.isEmpty { result = text }
            return .stop
        }
        return result
    }

    /// Evaluates an XPath 1.0 expression from the document root.
    ///
    /// libxml2 lower-cases HTML tag and attribute names, so write them in lower case
    /// (`//meta[@property='og:title']`); attribute values keep their case.
    ///
    /// - Parameter xpath: An expression that selects nodes (not a number, string or boolean).
    /// - Returns: The selected nodes in document order (elements, text, comments, attributes).
    /// - Throws: ``HTMLError`` `.xpath` with libxml2's message and the expression when it is
    ///   invalid or does not select nodes. Nothing is printed.
    public func select(_ xpath: String) throws(HTMLError) -> [HTMLNode] {
        let container = UnsafeMutableRawPointer(documentPointer).assumingMemoryBound(to: xmlNode.self)
        return try XPathEvaluator.select(xpath, in: self, contextNode: container)
    }

    /// Walks all elements (and, if asked, comments) in document order, depth-first pre-order,
    /// without recursion or intermediate arrays: one pass that can feed many extractors.
    ///
    /// - Parameters:
    ///   - includeComments: Also visit comment nodes (as ``HTMLNode/Kind-swift.enum/comment``).
    ///   - visit: Called for each node; return ``HTMLWalkAction/skipChildren`` to not descend
    ///     (e.g. into `<script>`), ``HTMLWalkAction/stop`` to end the walk.
    public func walk(includeComments: Bool = false, _ visit: (HTMLNode) -> HTMLWalkAction) {
        let container = UnsafeMutableRawPointer(documentPointer)
        TreeTraversal.forEach(
            firstChild: documentPointer.pointee.children, container: container,
            visit: { pointer in
                let type = pointer.pointee.type
                if type == XML_ELEMENT_NODE || (includeComments && type == XML_COMMENT_NODE) {
                    return visit(HTMLNode(document: self, pointer: pointer))
                }
                return .descend
            }
        )
    }
}

@available(*, unavailable)
extension HTMLDocument: Sendable {}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    func trimmingASCIIWhitespace() -> String {
        let utf8 = Array(self.utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }),
              let end = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: utf8[start...end], as: UTF8.self)
    }
}
