internal import CLeadXML2

/// A node of a parsed page. Cheap to copy (a document reference and a pointer); keeps its
/// ``HTMLDocument`` alive. Not `Sendable`: read what you need into `Sendable` values.
///
/// Two nodes are equal when they are the same node of the same document.
public struct HTMLNode {
    /// What kind of node this is.
    public enum Kind: Sendable {
        /// An element such as `<div>`.
        case element
        /// Text.
        case text
        /// A comment `<!-- … -->`.
        case comment
        /// A CDATA block: libxml2 stores the bodies of `<script>` and `<style>` this way.
        case cdata
        /// Anything else: an attribute selected by XPath (`//a/@href`), a doctype, a processing
        /// instruction.
        case other
    }

    /// The document, held strongly so the C node stays valid.
    let document: HTMLDocument
    /// The libxml2 node (an `xmlAttr` when ``kind`` is `.other` and the node is an attribute).
    let pointer: xmlNodePtr

    init(document: HTMLDocument, pointer: xmlNodePtr) {
        self.document = document
        self.pointer = pointer
    }

    private var type: xmlElementType { pointer.pointee.type }

    private var isAttribute: Bool { type == XML_ATTRIBUTE_NODE }

    private var attributePointer: xmlAttrPtr {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlAttr.self)
    }

    /// What kind of node this is.
    public var kind: Kind {
        switch type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE: .text
        case XML_COMMENT_NODE: .comment
        case XML_CDATA_SECTION_NODE: .cdata
        default: .other
        }
    }

    /// The lower-case tag name for an element, the attribute name for an attribute, `""` for text,
    /// comments and anything else.
    public var name: String {
        guard type == XML_ELEMENT_NODE || isAttribute, let name = pointer.pointee.name else { return "" }
        return CString.lowercasedString(name)
    }

    /// Whether this is an element with the given (lower-case) tag name. Allocation-free; prefer it
    /// over comparing ``name`` in hot loops.
    ///
    /// - Parameter name: A lower-case tag name such as `"script"`.
    public func isElement(named name: String) -> Bool {
        guard type == XML_ELEMENT_NODE, let own = pointer.pointee.name else { return false }
        return CString.equalsIgnoringASCIICase(own, name)
    }

    /// The value of an attribute, matched ASCII-case-insensitively; `""` for an attribute without a
    /// value (`<input disabled>`), `nil` when absent or when this is not an element. Character
    /// references are already decoded (`&amp;` is `&`).
    ///
    /// - Parameter name: The attribute name, e.g. `"href"`, `"content"`, `"xml:lang"`.
    public func attribute(_ name: String) -> String? {
        guard type == XML_ELEMENT_NODE else { return nil }
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let own = current.pointee.name, CString.equalsIgnoringASCIICase(own, name) {
                return Self.value(of: current)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// All attributes of an element in source order (names lower-case); empty for other nodes.
    public var attributes: [(name: String, value: String)] {
        guard type == XML_ELEMENT_NODE else { return [] }
        var result: [(name: String, value: String)] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map(CString.lowercasedString) ?? ""
            result.append((name, Self.value(of: current)))
            attribute = current.pointee.next
        }
        return result
    }

    /// Calls `body` with each attribute of an element in source order (none for other nodes), without
    /// building the name and value `String`s that ``attributes`` builds: read only the ones you need.
    /// The ``HTMLAttribute`` is valid only during the call.
    public func forEachAttribute(_ body: (HTMLAttribute) -> Void) {
        guard type == XML_ELEMENT_NODE else { return }
        var attribute = pointer.pointee.properties
        while let current = attribute {
            body(HTMLAttribute(pointer: current))
            attribute = current.pointee.next
        }
    }

    /// Calls `body` with the UTF-8 bytes of an element's or attribute's name as libxml2 holds it
    /// (lower-case for HTML pages, but not folded here: ``name`` is the folded form); with no bytes
    /// for other nodes. The buffer is valid only during the call.
    public func withNameBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard type == XML_ELEMENT_NODE || isAttribute, let name = pointer.pointee.name else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))))
    }

    static func value(of attribute: xmlAttrPtr) -> String {
        guard let child = attribute.pointee.children else { return "" }
        if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE {
            return child.pointee.content.map { String(cString: $0) } ?? ""
        }
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, child, 1) else { return "" }
        defer { cleadxml2_free(joined) }
        return String(cString: joined)
    }

    private var firstChildPointer: xmlNodePtr? {
        if isAttribute { return attributePointer.pointee.children }
        guard type == XML_ELEMENT_NODE else { return nil }
        return pointer.pointee.children
    }

    /// All child nodes (elements, text, comments, CDATA) in order.
    public var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = firstChildPointer
        while let current = child {
            result.append(HTMLNode(document: document, pointer: current))
            child = current.pointee.next
        }
        return result
    }

    /// The child elements in order.
    public var elementChildren: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = firstChildPointer
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(HTMLNode(document: document, pointer: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// The parent element (for an attribute: its element); `nil` for the root element.
    public var parent: HTMLNode? {
        let parent = isAttribute ? attributePointer.pointee.parent : pointer.pointee.parent
        guard let parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(document: document, pointer: parent)
    }

    /// The next sibling node (any kind), if any.
    public var nextSibling: HTMLNode? {
        guard !isAttribute, let next = pointer.pointee.next else { return nil }
        return HTMLNode(document: document, pointer: next)
    }

    /// The previous sibling node (any kind), if any.
    public var previousSibling: HTMLNode? {
        guard !isAttribute, let previous = pointer.pointee.prev else { return nil }
        return HTMLNode(document: document, pointer: previous)
    }

    /// The text of a text, CDATA or comment node itself, unchanged; an attribute's value; `""` for
    /// elements (use ``innerText`` or ``rawText``).
    public var content: String {
        switch type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE:
            pointer.pointee.content.map { String(cString: $0) } ?? ""
        case XML_ATTRIBUTE_NODE:
            Self.value(of: attributePointer)
        default:
            ""
        }
    }

    /// Calls `body` with the UTF-8 bytes of a text, CDATA or comment node's own text (as
    /// ``content`` holds them, without the copy into a `String`); with no bytes for other nodes.
    /// The buffer is valid only during the call.
    public func withContentBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE:
            if let content = pointer.pointee.content {
                return try body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
            }
        default:
            break
        }
        return try body(UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Calls `body` with the UTF-8 bytes of ``innerText`` (the same bytes, without the `String`).
    /// The buffer is valid only during the call.
    public func withInnerTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        // An element whose only child is text that folding leaves unchanged (most leaf elements):
        // libxml2's bytes as they are, without the copy.
        if let text = TextCollector.unfoldedSoleText(of: pointer) { return try body(text) }
        return try TextCollector.innerTextBytes(of: self).withUnsafeBufferPointer(body)
    }

    /// All descendant text and CDATA concatenated, unchanged (no whitespace folding, nothing
    /// skipped except comments). For `<script type="application/ld+json">` this is the JSON text.
    public var rawText: String {
        TextCollector.rawText(of: self)
    }

    /// The human-visible text of the subtree: skips `<script>`, `<style>`, `<noscript>`,
    /// `<template>` and comments; element boundaries separate words
    /// (`<span>212</span><span>medewerkers</span>` → `"212 medewerkers"`); all whitespace runs
    /// (tabs, newlines, NBSP and other Unicode spaces) fold to one space; trimmed.
    public var innerText: String {
        TextCollector.innerText(of: self)
    }

    /// Evaluates an XPath 1.0 expression with this node as the context node
    /// (`.//a[@href]`, `meta/@content`).
    ///
    /// - Parameter xpath: An expression that selects nodes. Note that `//x` still searches the
    ///   whole document; use `.//x` for descendants of this node.
    /// - Returns: The selected nodes in document order.
    /// - Throws: ``HTMLError`` `.xpath` when the expression is invalid or does not select nodes.
    public func select(_ xpath: String) throws(HTMLError) -> [HTMLNode] {
        try XPathEvaluator.select(xpath, in: document, contextNode: pointer)
    }

    /// Walks this node and its descendant elements (and, if asked, comments) depth-first in
    /// document order, iteratively.
    ///
    /// - Parameters:
    ///   - includeComments: Also visit comment nodes.
    ///   - visit: Called for each node, this one first; return ``HTMLWalkAction/skipChildren`` to
    ///     not descend, ``HTMLWalkAction/stop`` to end the walk.
    public func walk(includeComments: Bool = false, _ visit: (HTMLNode) -> HTMLWalkAction) {
        guard type == XML_ELEMENT_NODE else {
            if includeComments, type == XML_COMMENT_NODE { _ = visit(self) }
            return
        }
        guard visit(self) == .descend else { return }
        let document = document
        TreeTraversal.forEach(
            firstChild: pointer.pointee.children, container: UnsafeMutableRawPointer(pointer),
            visit: { child in
                let type = child.pointee.type
                if type == XML_ELEMENT_NODE || (includeComments && type == XML_COMMENT_NODE) {
                    return visit(HTMLNode(document: document, pointer: child))
                }
                return .descend
            }
        )
    }

    /// The 1-based line of the node in the page source (as far as libxml2 tracks it).
    public var lineNumber: Int {
        Int(xmlGetLineNo(pointer))
    }
}

/// One attribute of an element, as ``HTMLNode/forEachAttribute(_:)`` hands it out: a pointer into
/// the parsed document, valid only during that call. Its name and value are read on demand.
public struct HTMLAttribute {
    let pointer: xmlAttrPtr

    /// The attribute name, lower-case (as in ``HTMLNode/attributes``).
    public var name: String {
        pointer.pointee.name.map(CString.lowercasedString) ?? ""
    }

    /// The value, character references decoded; `""` for an attribute without a value (as in
    /// ``HTMLNode/attributes``).
    public var value: String {
        HTMLNode.value(of: pointer)
    }

    /// Calls `body` with the UTF-8 bytes of the name as libxml2 holds it (not case-folded). The
    /// buffer is valid only during the call.
    public func withNameBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let name = pointer.pointee.name else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))))
    }
}

@available(*, unavailable)
extension HTMLAttribute: Sendable {}

extension HTMLNode: Equatable, Hashable {
    /// Whether both are the same node.
    public static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool {
        lhs.pointer == rhs.pointer
    }

    /// Hashes the node's identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pointer)
    }
}

@available(*, unavailable)
extension HTMLNode: Sendable {}

/// Comparisons of libxml2 strings with Swift strings without allocating.
enum CString {
    /// Whether the NUL-terminated `cString` equals `string`, ignoring ASCII case.
    static func equalsIgnoringASCIICase(_ cString: UnsafePointer<UInt8>, _ string: String) -> Bool {
        var index = 0
        for byte in string.utf8 {
            let own = cString[index]
            if own == 0 { return false }
            if own != byte, ByteScanner.lowercased(own) != ByteScanner.lowercased(byte) { return false }
            index += 1
        }
        return cString[index] == 0
    }

    /// The string, lower-cased when it has ASCII upper-case letters (libxml2 already lower-cases
    /// HTML names, so this rarely copies twice).
    static func lowercasedString(_ cString: UnsafePointer<UInt8>) -> String {
        var index = 0
        while cString[index] != 0 {
            if cString[index] >= UInt8(ascii: "A") && cString[index] <= UInt8(ascii: "Z") {
                return String(cString: cString).lowercased()
            }
            index += 1
        }
        return String(cString: cString)
    }
}
