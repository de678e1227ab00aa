internal import CLeadXML2

/// Turns libxml2's HTML SAX events into ``HTMLFlatDocument``'s arrays, placing every node where
/// libxml2's own tree builder (`xmlSAX2StartElement`, `xmlSAX2Characters`, `xmlSAX2EndElement` of
/// libxml2 2.9) would put it:
///
/// - an element's parent is the innermost open element; an element that starts when none is open
///   is the root when the document has no node yet, a child of the root (appended last) when the
///   document's first node is that root element, and another top-level node when the document
///   starts with something else (a doctype, a comment);
/// - text goes to the innermost open element and is dropped when none is open; text right after
///   text of the same kind (text or CDATA) in the same element is merged into it, and a comment or
///   processing instruction in between keeps them apart;
/// - an element's name loses its namespace prefix (`g:plusone` is `plusone`); attribute names keep theirs;
/// - an attribute without a value has an empty value, except HTML's boolean attributes
///   (`checked`, `selected`, …), whose value is their name.
struct FlatDocumentBuilder {
    var nodes: [HTMLFlatDocument.Node] = []
    var attributes: [HTMLFlatDocument.Attribute] = []
    var bytes: [UInt8] = []
    /// The first element, the document's root.
    var root: Int32?

    /// Open elements, innermost last (libxml2's node stack).
    private var open: [Int32] = []
    /// The text node that text arriving now would be merged into, or -1.
    private var mergeable: Int32 = -1
    /// What the document's first node is: none yet, the root element, or something else.
    private enum First { case none, element, other }
    private var first = First.none

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        nodes.reserveCapacity(max(64, capacity / 64))
        open.reserveCapacity(64)
    }

    private mutating func appendBytes(_ pointer: UnsafePointer<UInt8>, count: Int) -> Int32 {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
        return start
    }

    mutating func startElement(_ name: UnsafePointer<UInt8>, attributes atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        mergeable = -1
        let index = Int32(nodes.count)
        let parent: Int32
        if let top = open.last {
            parent = top
        } else {
            // No element open: libxml2 attaches the element to the document's first node when
            // that is an element (the root), else to the document itself.
            parent = first == .element ? (root ?? -1) : -1
            if first == .none { first = .element }
            if root == nil { root = index }
        }
        let local = Self.localName(name)
        let nameLength = Int(xmlStrlen(local))
        let nameStart = appendBytes(local, count: nameLength)
        let firstAttribute = Int32(attributes.count)
        if let atts {
            var i = 0
            while let attributeName = atts[i] {
                let length = Int(xmlStrlen(attributeName))
                let start = appendBytes(attributeName, count: length)
                var valueStart: Int32 = 0
                var valueLength: Int32 = -1
                if let value = atts[i + 1] {
                    let count = Int(xmlStrlen(value))
                    valueStart = appendBytes(value, count: count)
                    valueLength = Int32(count)
                } else if Self.isBooleanAttribute(UnsafeBufferPointer(start: attributeName, count: length)) {
                    valueStart = start
                    valueLength = Int32(length)
                }
                attributes.append(.init(nameStart: start, nameLength: Int32(length), valueStart: valueStart, valueLength: valueLength))
                i += 2
            }
        }
        nodes.append(.init(start: nameStart, length: Int32(nameLength), end: index + 1, parent: parent,
                           firstAttribute: firstAttribute, attributeCount: Int32(attributes.count) - firstAttribute, kind: .element))
        open.append(index)
    }

    mutating func endElement() {
        mergeable = -1
        guard let index = open.popLast() else { return }
        close(index)
    }

    /// Sets an element's end to the nodes so far. An element that libxml2 added to the root after
    /// the root had ended (content after `</html>`) extends the root's end too.
    private mutating func close(_ index: Int32) {
        let end = Int32(nodes.count)
        nodes[Int(index)].end = end
        var parent = nodes[Int(index)].parent
        guard parent >= 0, open.last != parent else { return }
        while parent >= 0, nodes[Int(parent)].end < end {
            nodes[Int(parent)].end = end
            parent = nodes[Int(parent)].parent
        }
    }

    mutating func text(_ pointer: UnsafePointer<UInt8>, count: Int, kind: HTMLFlatDocument.Kind) {
        guard let top = open.last, count > 0 else { return }
        if mergeable >= 0, nodes[Int(mergeable)].kind == kind {
            bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
            nodes[Int(mergeable)].length += Int32(count)
            return
        }
        let index = Int32(nodes.count)
        let start = appendBytes(pointer, count: count)
        nodes.append(.init(start: start, length: Int32(count), end: index + 1, parent: top, firstAttribute: 0,
                           attributeCount: 0, kind: kind))
        mergeable = index
    }

    /// A comment or processing instruction: not kept, but it separates text nodes and can be the
    /// document's first node.
    mutating func otherNode() {
        mergeable = -1
        if open.isEmpty, first == .none { first = .other }
    }

    /// A doctype: libxml2 puts it before every other node of the document.
    mutating func doctype() {
        first = .other
    }

    /// Closes what libxml2 left open (it closes everything at the end; this is for safety).
    mutating func finish() {
        while let index = open.popLast() { close(index) }
    }

    /// The tag name without a namespace prefix, as libxml2's tree keeps it (`xmlSplitQName`):
    /// `g:plusone` is `plusone`; a name that starts or ends with `:` is kept whole.
    private static func localName(_ name: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        guard name[0] != 0x3A else { return name }
        var i = 0
        while name[i] != 0 && name[i] != 0x3A { i += 1 }
        guard name[i] == 0x3A, name[i + 1] != 0 else { return name }
        return name + i + 1
    }

    /// libxml2's `htmlIsBooleanAttr` list.
    private static func isBooleanAttribute(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 5: return matches(name, "defer") || matches(name, "ismap")
        case 6: return matches(name, "nohref") || matches(name, "nowrap")
        case 7: return matches(name, "checked") || matches(name, "compact") || matches(name, "declare") || matches(name, "noshade")
        case 8: return matches(name, "disabled") || matches(name, "multiple") || matches(name, "noresize") || matches(name, "readonly") || matches(name, "selected")
        default: return false
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        let expected = name.utf8Start
        for i in 0..<bytes.count where ByteScanner.lowercased(bytes[i]) != expected[i] { return false }
        return true
    }
}

/// The SAX callbacks: libxml2 passes its parser context, whose `_private` points at the builder.
enum FlatDocumentSAX {
    @inline(__always)
    static func builder(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<FlatDocumentBuilder> {
        let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self)
        return parser.pointee._private!.assumingMemoryBound(to: FlatDocumentBuilder.self)
    }

    /// The handler block (made per parse: a few stores, and no shared mutable C struct).
    static func handler() -> xmlSAXHandler {
        var h = xmlSAXHandler()
        h.startElement = { context, name, atts in
            guard let name else { return }
            FlatDocumentSAX.builder(context).pointee.startElement(name, attributes: atts)
        }
        h.endElement = { context, _ in FlatDocumentSAX.builder(context).pointee.endElement() }
        h.characters = { context, ch, len in
            guard let ch else { return }
            FlatDocumentSAX.builder(context).pointee.text(ch, count: Int(len), kind: .text)
        }
        h.cdataBlock = { context, ch, len in
            guard let ch else { return }
            FlatDocumentSAX.builder(context).pointee.text(ch, count: Int(len), kind: .cdata)
        }
        // libxml2's own tree builder ignores "ignorable" white space; with blanks kept (the
        // default) the HTML parser reports all white space as characters anyway.
        h.ignorableWhitespace = { _, _, _ in }
        h.comment = { context, _ in FlatDocumentSAX.builder(context).pointee.otherNode() }
        h.processingInstruction = { context, _, _ in FlatDocumentSAX.builder(context).pointee.otherNode() }
        h.internalSubset = { context, _, _, _ in FlatDocumentSAX.builder(context).pointee.doctype() }
        h.initialized = 1
        return h
    }
}
