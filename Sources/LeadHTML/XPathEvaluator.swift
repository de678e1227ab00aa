internal import CLeadXML2

/// Evaluates XPath with a private `xmlXPathContext` per call and captures libxml2's error message
/// instead of letting it print to stderr.
enum XPathEvaluator {
    /// Receives the first error libxml2 reports during one evaluation.
    private final class ErrorCapture {
        var message: String?
        var offset: Int?
    }

    /// Evaluates `xpath` with `contextNode` as the context node.
    static func select(_ xpath: String, in document: HTMLDocument, contextNode: xmlNodePtr) throws(HTMLError) -> [HTMLNode] {
        LibXML2.prepareThread()
        if let offset = unbalancedParenthesis(in: xpath) {
            throw HTMLError(code: .xpath, message: "Unbalanced ')' at offset \(offset) in XPath '\(xpath)'", url: document.url)
        }
        let capture = ErrorCapture()
        let result: xmlXPathObjectPtr? = withExtendedLifetime(capture) {
            // The structured handler is thread-local; it is reset to the silent one before return.
            xmlSetStructuredErrorFunc(Unmanaged.passUnretained(capture).toOpaque()) { userData, error in
                guard let userData, let error else { return }
                let capture = Unmanaged<ErrorCapture>.fromOpaque(userData).takeUnretainedValue()
                guard capture.message == nil else { return }
                capture.message = error.pointee.message.map { String(cString: $0).trimmingASCIIWhitespace() }
                    ?? "XPath error \(error.pointee.code)"
                capture.offset = Int(error.pointee.int1)
            }
            defer { cleadxml2_silence_errors() }
            guard let context = xmlXPathNewContext(document.documentPointer) else { return nil }
            defer { xmlXPathFreeContext(context) }
            context.pointee.node = contextNode
            // Parenthesised, the expression means the same but is never evaluated by libxml2's
            // streaming evaluator, which silently stops at depth 10,000 (`//p` missed deeper nodes).
            return xmlXPathEvalExpression("(" + xpath + ")", context)
        }
        guard let result else {
            var message = capture.message ?? "invalid XPath expression"
            if let offset = capture.offset { message += " at offset \(max(0, min(offset - 1, xpath.utf8.count)))" }
            throw HTMLError(code: .xpath, message: "\(message) in XPath '\(xpath)'", url: document.url)
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            throw HTMLError(
                code: .xpath,
                message: "XPath '\(xpath)' returns a number, string or boolean, not nodes; select nodes and read them in Swift",
                url: document.url
            )
        }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else { return [] }
        var nodes: [HTMLNode] = []
        nodes.reserveCapacity(Int(set.pointee.nodeNr))
        for index in 0..<Int(set.pointee.nodeNr) {
            // Namespace nodes are copies freed with the result object; never hand them out.
            guard let pointer = table[index], pointer.pointee.type != XML_NAMESPACE_DECL else { continue }
            if pointer.pointee.type == XML_DOCUMENT_NODE || pointer.pointee.type == XML_HTML_DOCUMENT_NODE { continue }
            nodes.append(HTMLNode(document: document, pointer: pointer))
        }
        return nodes
    }

    /// The offset of a `)` that closes more than was opened (outside string literals), if any.
    /// Needed because the expression is evaluated parenthesised: `//a) | (//b` must not pass.
    static func unbalancedParenthesis(in xpath: String) -> Int? {
        var depth = 0
        var quote: UInt8?
        for (offset, byte) in xpath.utf8.enumerated() {
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth < 0 { return offset }
            default: break
            }
        }
        return nil
    }
}
