/// A parsed HTML page held as flat arrays: its elements and text nodes in document order, every
/// name, value and text in one byte buffer. Built from libxml2's SAX events (no libxml2 tree is
/// made, so nothing is allocated per node and nothing is freed node by node), with the same
/// structure the tree of ``HTMLDocument`` would have: the same elements with the same attributes
/// under the same parents, and the same text nodes (adjacent text merged, split where a comment
/// was). Comments, doctypes and processing instructions are not kept.
///
/// Nodes are numbered in document order (pre-order); an element's descendants are the nodes after
/// it up to its ``end(of:)``. The document is immutable and `Sendable`.
///
/// ```swift
/// let page = try HTMLFlatDocument.parse(bytes, url: "https://acme.example/", contentType: "text/html")
/// if let body = page.body {
///     let visible = page.innerText(of: body)
/// }
/// ```
public final class HTMLFlatDocument: Sendable {
    /// What a node is.
    public enum Kind: UInt8, Sendable {
        case element
        case text
        /// The body of a `<script>` or `<style>` (libxml2's CDATA block).
        case cdata
    }

    struct Node {
        /// Element: its name's offset in ``bytes``; text: the text's offset.
        var start: Int32
        var length: Int32
        /// Index past the node's last descendant (`index + 1` for text).
        var end: Int32
        var parent: Int32
        var firstAttribute: Int32
        var attributeCount: Int32
        var kind: Kind
    }

    struct Attribute {
        var nameStart: Int32
        var nameLength: Int32
        var valueStart: Int32
        /// The value's length in bytes, `-1` for an attribute without a value (`<input disabled>`).
        var valueLength: Int32
    }

    let nodes: [Node]
    let attributeTable: [Attribute]
    let bytes: [UInt8]

    /// The URL the page was read from, as given to ``parse(_:url:contentType:)``.
    public let url: String?

    /// The encoding used to decode the page (as ``HTMLDocument/encoding``).
    public let encoding: String

    /// The root element (the first element of the document, `<html>`), if any.
    public let root: Int?

    /// The `<html lang>` value (or `xml:lang`), trimmed and lower-cased; `nil` when absent or empty
    /// (as ``HTMLDocument/language``).
    public let language: String?

    init(nodes: [Node], attributes: [Attribute], bytes: [UInt8], root: Int?, url: String?, encoding: String) {
        self.nodes = nodes
        self.attributeTable = attributes
        self.bytes = bytes
        self.root = root
        self.url = url
        self.encoding = encoding
        var language: String?
        if let root {
            let value = Self.attribute("lang", of: root, nodes: nodes, attributes: attributes, bytes: bytes)
                ?? Self.attribute("xml:lang", of: root, nodes: nodes, attributes: attributes, bytes: bytes)
            if let trimmed = value?.trimmingASCIIWhitespace().lowercased(), !trimmed.isEmpty { language = trimmed }
        }
        self.language = language
    }

    /// Parses a page from raw bytes, as a server sent them, decoding it exactly as
    /// ``HTMLDocument/parse(_:url:contentType:)`` does.
    ///
    /// - Parameters:
    ///   - bytes: The response body.
    ///   - url: The page URL, kept for ``url`` and error context.
    ///   - contentType: The HTTP `Content-Type` header value, if any.
    /// - Throws: ``HTMLError`` `.empty`, `.binary` or `.parse`, as ``HTMLDocument/parse(_:url:contentType:)``.
    public static func parse(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil) throws(HTMLError) -> HTMLFlatDocument {
        try read(bytes, url: url, contentType: contentType, forcedEncoding: nil)
    }

    /// Parses a page that is already text (decoded Unicode); any `<meta charset>` inside is ignored.
    ///
    /// - Throws: ``HTMLError`` `.empty` or `.binary`, as ``HTMLDocument/init(html:url:)``.
    public convenience init(html: String, url: String? = nil) throws(HTMLError) {
        let page = try Self.read(Array(html.utf8), url: url, contentType: nil, forcedEncoding: EncodingLabels.utf8)
        self.init(nodes: page.nodes, attributes: page.attributeTable, bytes: page.bytes, root: page.root, url: url,
                  encoding: page.encoding)
    }

    private static func read(_ bytes: [UInt8], url: String?, contentType: String?, forcedEncoding: String?) throws(HTMLError) -> HTMLFlatDocument {
        try bytes.withUnsafeBufferPointer { buffer throws(HTMLError) in
            let page = try PageDecoder.decode(buffer, contentType: contentType, forcedEncoding: forcedEncoding, url: url)
            var builder = FlatDocumentBuilder(capacity: buffer.count)
            switch page.text {
            case .original(let offset):
                try LibXML2.parseHTMLEvents(UnsafeBufferPointer(rebasing: buffer[offset...]), url: url, into: &builder)
            case .decoded(let decoded):
                try decoded.withUnsafeBufferPointer { utf8 throws(HTMLError) in
                    try LibXML2.parseHTMLEvents(utf8, url: url, into: &builder)
                }
            }
            builder.finish()
            return HTMLFlatDocument(nodes: builder.nodes, attributes: builder.attributes, bytes: builder.bytes,
                                    root: builder.root.map(Int.init), url: url, encoding: page.encoding)
        }
    }

    // MARK: Structure

    /// The number of nodes (elements and text).
    public var count: Int { nodes.count }

    /// What node `index` is.
    @inline(__always)
    public func kind(_ index: Int) -> Kind { nodes[index].kind }

    /// The index past node `index`'s last descendant: its subtree is `index..<end(of: index)`.
    @inline(__always)
    public func end(of index: Int) -> Int { Int(nodes[index].end) }

    /// The parent element of node `index`, `nil` at the top.
    public func parent(of index: Int) -> Int? {
        let parent = nodes[index].parent
        return parent >= 0 ? Int(parent) : nil
    }

    /// The element children of `element`, in order.
    public func elementChildren(of element: Int) -> [Int] {
        var result: [Int] = []
        var child = element + 1
        let end = Int(nodes[element].end)
        while child < end {
            if nodes[child].kind == .element { result.append(child) }
            child = Int(nodes[child].end)
        }
        return result
    }

    /// The `<head>` element: the root's first `head` child, if any (as ``HTMLDocument/head``).
    public var head: Int? { root.flatMap { firstChild(of: $0, named: "head") } }

    /// The `<body>` element: the root's first `body` child, if any (as ``HTMLDocument/body``).
    public var body: Int? { root.flatMap { firstChild(of: $0, named: "body") } }

    /// The page title: ``innerText(of:)`` of the first `<title>` element, `nil` when absent or empty
    /// (as ``HTMLDocument/title``).
    public var title: String? {
        for index in nodes.indices where nodes[index].kind == .element && isElement(index, named: "title") {
            let text = innerText(of: index)
            return text.isEmpty ? nil : text
        }
        return nil
    }

    private func firstChild(of element: Int, named name: StaticString) -> Int? {
        var child = element + 1
        let end = Int(nodes[element].end)
        while child < end {
            if nodes[child].kind == .element, isElement(child, named: name) { return child }
            child = Int(nodes[child].end)
        }
        return nil
    }

    // MARK: Names and attributes

    /// Calls `body` with the UTF-8 bytes of an element's tag name as libxml2 gave it (lower-case
    /// for HTML), or of a text node's text. The buffer is valid only during the call.
    @inline(__always)
    public func withNameBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let node = nodes[index]
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(node.start)..<Int(node.start + node.length)]))
        }
    }

    /// The lower-case tag name of an element, `""` for text.
    public func name(_ index: Int) -> String {
        guard nodes[index].kind == .element else { return "" }
        return withNameBytes(index) { String(decoding: $0, as: UTF8.self).lowercased() }
    }

    /// Whether node `index` is an element with the given lower-case name (ASCII case ignored).
    public func isElement(_ index: Int, named name: StaticString) -> Bool {
        let node = nodes[index]
        guard node.kind == .element, Int(node.length) == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        return bytes.withUnsafeBufferPointer { all in
            for i in 0..<Int(node.length) where ByteScanner.lowercased(all[Int(node.start) + i]) != expected[i] { return false }
            return true
        }
    }

    /// The value of an element's attribute, matched ASCII-case-insensitively; `""` for an
    /// attribute without a value, `nil` when absent (as ``HTMLNode/attribute(_:)``).
    public func attribute(_ name: String, of element: Int) -> String? {
        Self.attribute(name, of: element, nodes: nodes, attributes: attributeTable, bytes: bytes)
    }

    private static func attribute(_ name: String, of element: Int, nodes: [Node], attributes: [Attribute], bytes: [UInt8]) -> String? {
        let node = nodes[element]
        guard node.kind == .element else { return nil }
        let wanted = Array(name.utf8)
        for a in Int(node.firstAttribute)..<Int(node.firstAttribute + node.attributeCount) {
            let attribute = attributes[a]
            guard Int(attribute.nameLength) == wanted.count else { continue }
            var same = true
            for i in 0..<wanted.count
            where ByteScanner.lowercased(bytes[Int(attribute.nameStart) + i]) != ByteScanner.lowercased(wanted[i]) {
                same = false
                break
            }
            if same { return FlatAttribute.value(attribute, bytes: bytes) }
        }
        return nil
    }

    /// Calls `body` with each attribute of an element in source order, without building name and
    /// value `String`s until asked.
    @inline(__always)
    public func forEachAttribute(of element: Int, _ body: (FlatAttribute) -> Void) {
        let node = nodes[element]
        guard node.kind == .element, node.attributeCount > 0 else { return }
        for a in Int(node.firstAttribute)..<Int(node.firstAttribute + node.attributeCount) {
            body(FlatAttribute(document: self, attribute: attributeTable[a]))
        }
    }

    /// All attributes of an element in source order (names lower-case).
    public func attributes(of element: Int) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        forEachAttribute(of: element) { result.append(($0.name, $0.value)) }
        return result
    }

    // MARK: Text

    /// Calls `body` with the UTF-8 bytes of a text node. The buffer is valid only during the call.
    @inline(__always)
    public func withTextBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withNameBytes(index, body)
    }

    /// All descendant text and CDATA concatenated, unchanged (as ``HTMLNode/rawText``).
    public func rawText(of element: Int) -> String {
        var buffer: [UInt8] = []
        let end = Int(nodes[element].end)
        var index = element + 1
        while index < end {
            let node = nodes[index]
            if node.kind != .element { buffer.append(contentsOf: bytes[Int(node.start)..<Int(node.start + node.length)]) }
            index += 1
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The human-visible text of an element's subtree, folded and trimmed exactly as
    /// ``HTMLNode/innerText``.
    public func innerText(of index: Int) -> String {
        String(decoding: innerTextBytes(of: index), as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of ``innerText(of:)``; an element whose only child is text
    /// that folding leaves unchanged (most leaf elements) hands over the document's bytes without a
    /// copy. The buffer is valid only during the call.
    public func withInnerTextBytes<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let node = nodes[index]
        if node.kind == .element, Int(node.end) == index + 2, nodes[index + 1].kind != .element, !isInvisible(index) {
            let text = nodes[index + 1]
            var result: R?
            try bytes.withUnsafeBufferPointer { all in
                let slice = UnsafeBufferPointer(rebasing: all[Int(text.start)..<Int(text.start + text.length)])
                if FoldedText.keepsUnchanged(slice) { result = try body(slice) }
            }
            if let result { return result }
        }
        return try innerTextBytes(of: index).withUnsafeBufferPointer(body)
    }

    /// ``innerText(of:)`` as UTF-8 bytes.
    public func innerTextBytes(of index: Int) -> [UInt8] {
        var text = FoldedText()
        let node = nodes[index]
        if node.kind != .element {
            bytes.withUnsafeBufferPointer { text.append(UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.start + node.length)])) }
            return text.bytes
        }
        if isInvisible(index) { return [] }
        let end = Int(node.end)
        bytes.withUnsafeBufferPointer { all in
            var i = index + 1
            // An element boundary (the start or the end of an element) separates words; text nodes
            // side by side under one parent (a comment was between them) do not.
            var previousText: Int32 = -1
            while i < end {
                let child = nodes[i]
                if child.kind == .element {
                    text.boundary()
                    previousText = -1
                    i = isInvisible(i) ? Int(child.end) : i + 1
                    continue
                }
                if previousText < 0 || nodes[Int(previousText)].parent != child.parent { text.boundary() }
                text.append(UnsafeBufferPointer(rebasing: all[Int(child.start)..<Int(child.start + child.length)]))
                previousText = Int32(i)
                i += 1
            }
        }
        return text.bytes
    }

    /// `<script>`, `<style>`, `<noscript>`, `<template>`: never visible text.
    private func isInvisible(_ index: Int) -> Bool {
        let node = nodes[index]
        switch node.length {
        case 5: return isElement(index, named: "style")
        case 6: return isElement(index, named: "script")
        case 8: return isElement(index, named: "noscript") || isElement(index, named: "template")
        default: return false
        }
    }
}

/// One attribute of an ``HTMLFlatDocument`` element, as ``HTMLAttribute`` is one of a tree's.
public struct FlatAttribute {
    let document: HTMLFlatDocument
    let attribute: HTMLFlatDocument.Attribute

    /// The attribute name, lower-case.
    public var name: String {
        withNameBytes { String(decoding: $0, as: UTF8.self) }.lowercased()
    }

    /// The value, character references decoded; `""` for an attribute without a value.
    public var value: String {
        Self.value(attribute, bytes: document.bytes)
    }

    /// Calls `body` with the UTF-8 bytes of the name as libxml2 gave it.
    @inline(__always)
    public func withNameBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try document.bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(attribute.nameStart)..<Int(attribute.nameStart + attribute.nameLength)]))
        }
    }

    static func value(_ attribute: HTMLFlatDocument.Attribute, bytes: [UInt8]) -> String {
        guard attribute.valueLength >= 0 else { return "" }
        return bytes.withUnsafeBufferPointer { all in
            String(decoding: all[Int(attribute.valueStart)..<Int(attribute.valueStart + attribute.valueLength)], as: UTF8.self)
        }
    }
}

@available(*, unavailable)
extension FlatAttribute: Sendable {}
