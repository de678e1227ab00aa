internal import CLeadXML2

/// Builds ``HTMLNode/innerText`` and ``HTMLNode/rawText`` into one byte buffer in a single
/// iterative pass.
enum TextCollector {
    /// Concatenated text and CDATA of the subtree, unchanged.
    static func rawText(of node: HTMLNode) -> String {
        let pointer = node.pointer
        switch pointer.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return pointer.pointee.content.map { String(cString: $0) } ?? ""
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE:
            break
        default:
            return ""
        }
        var buffer: [UInt8] = []
        TreeTraversal.forEach(
            firstChild: firstChild(of: pointer), container: UnsafeMutableRawPointer(pointer),
            visit: { child in
                let type = child.pointee.type
                if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = child.pointee.content {
                    buffer.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
                return .descend
            }
        )
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Visible text of the subtree with whitespace folded.
    static func innerText(of node: HTMLNode) -> String {
        String(decoding: innerTextBytes(of: node), as: UTF8.self)
    }

    /// ``innerText(of:)`` as UTF-8 bytes.
    static func innerTextBytes(of node: HTMLNode) -> [UInt8] {
        let pointer = node.pointer
        var text = FoldedText()
        switch pointer.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = pointer.pointee.content { text.append(content) }
            return text.bytes
        case XML_ELEMENT_NODE:
            if isInvisible(pointer) { return [] }
        case XML_ATTRIBUTE_NODE:
            break
        default:
            return []
        }
        TreeTraversal.forEach(
            firstChild: firstChild(of: pointer), container: UnsafeMutableRawPointer(pointer),
            visit: { child in
                switch child.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = child.pointee.content { text.append(content) }
                    return .descend
                case XML_ELEMENT_NODE:
                    text.boundary()
                    return isInvisible(child) ? .skipChildren : .descend
                default:
                    return .skipChildren
                }
            },
            leave: { _ in text.boundary() }
        )
        return text.bytes
    }

    /// The bytes of a visible element's only child when it is a text or CDATA node whose text
    /// ``FoldedText`` would keep unchanged (no white space at either end, every white-space run a
    /// single ASCII space), so its ``innerTextBytes(of:)`` are exactly those bytes; `nil` otherwise.
    static func unfoldedSoleText(of pointer: xmlNodePtr) -> UnsafeBufferPointer<UInt8>? {
        guard pointer.pointee.type == XML_ELEMENT_NODE, let child = pointer.pointee.children, child.pointee.next == nil,
              child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
              let content = child.pointee.content, !isInvisible(pointer)
        else { return nil }
        let text = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
        return FoldedText.keepsUnchanged(text) ? text : nil
    }

    private static func firstChild(of pointer: xmlNodePtr) -> xmlNodePtr? {
        if pointer.pointee.type == XML_ATTRIBUTE_NODE {
            return UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlAttr.self).pointee.children
        }
        return pointer.pointee.children
    }

    /// `<script>`, `<style>`, `<noscript>`, `<template>`: never visible text.
    @inline(__always)
    private static func isInvisible(_ element: xmlNodePtr) -> Bool {
        guard let name = element.pointee.name else { return false }
        switch name[0] {
        case UInt8(ascii: "s"):
            return CString.equalsIgnoringASCIICase(name, "script") || CString.equalsIgnoringASCIICase(name, "style")
        case UInt8(ascii: "n"):
            return CString.equalsIgnoringASCIICase(name, "noscript")
        case UInt8(ascii: "t"):
            return CString.equalsIgnoringASCIICase(name, "template")
        default:
            return false
        }
    }
}

/// A UTF-8 buffer that folds every whitespace run (ASCII whitespace, NBSP, the Unicode space
/// separators, line/paragraph separators) and every element boundary into one space, and never
/// starts or ends with one.
struct FoldedText {
    /// The folded, trimmed text as UTF-8.
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    /// The folded, trimmed text.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Marks an element boundary: the next text starts a new word.
    mutating func boundary() {
        pendingSpace = true
    }

    /// Appends NUL-terminated UTF-8 text (valid UTF-8, as libxml2 stores it).
    mutating func append(_ text: UnsafePointer<UInt8>) {
        append(UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
    }

    /// Appends UTF-8 text given by length (valid UTF-8).
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        var index = 0
        var runStart = 0
        while index < count {
            let byte = base[index]
            let spaceLength: Int
            if byte < 0x80 {
                spaceLength = (byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) ? 1 : 0
            } else if byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3), index + (byte == 0xC2 ? 1 : 2) < count {
                spaceLength = Self.unicodeSpaceLength(base, at: index)
            } else {
                spaceLength = 0
            }
            if spaceLength == 0 {
                index += 1
                continue
            }
            flush(base, from: runStart, to: index)
            pendingSpace = true
            index += spaceLength
            runStart = index
        }
        flush(base, from: runStart, to: index)
    }

    private mutating func flush(_ text: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        guard end > start else { return }
        if pendingSpace {
            if !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: text + start, count: end - start))
    }

    /// Whether ``FoldedText`` keeps `text` unchanged: not empty, no white space at either end, every
    /// white-space run a single ASCII space.
    static func keepsUnchanged(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, !text.isEmpty else { return false }
        var previousSpace = true  // a space at the start is not kept either
        var index = 0
        while index < text.count {
            let byte = base[index]
            if byte < 0x80 {
                if byte == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                } else if byte >= 0x09 && byte <= 0x0D {
                    return false
                } else {
                    previousSpace = false
                }
            } else {
                if (byte == 0xC2 && index + 1 < text.count) || (byte >= 0xE1 && byte <= 0xE3 && index + 2 < text.count),
                   unicodeSpaceLength(base, at: index) > 0 {
                    return false
                }
                previousSpace = false
            }
            index += 1
        }
        return !previousSpace
    }

    /// The UTF-8 length of a non-ASCII white-space character at `index`, or 0.
    @inline(__always)
    static func unicodeSpaceLength(_ text: UnsafePointer<UInt8>, at index: Int) -> Int {
        let first = text[index]
        switch first {
        case 0xC2:
            let second = text[index + 1]
            return second == 0xA0 || second == 0x85 ? 2 : 0  // NBSP, NEL
        case 0xE1:
            return text[index + 1] == 0x9A && text[index + 2] == 0x80 ? 3 : 0  // U+1680
        case 0xE2:
            let second = text[index + 1]
            if second == 0x80 {
                let third = text[index + 2]
                // U+2000–U+200A, U+2028, U+2029, U+202F
                return (third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && text[index + 2] == 0x9F ? 3 : 0  // U+205F
        case 0xE3:
            return text[index + 1] == 0x80 && text[index + 2] == 0x80 ? 3 : 0  // U+3000
        default:
            return 0
        }
    }
}
