internal import CLeadXML2

/// The one place that calls libxml2's HTML parser.
enum LibXML2 {
    /// `xmlInitParser` must run once, before threads use libxml2 (Swift globals are lazily
    /// initialised exactly once, thread-safely).
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised and silent on the calling thread (its error handlers are
    /// thread-local and print to stderr by default).
    static func prepareThread() {
        _ = initialized
        cleadxml2_silence_errors()
    }

    /// Runs `read` with a fresh private parser context (freed afterwards) and `utf8` as C chars,
    /// after the checks both parses share: libxml2 initialised and silent, the page under 2 GB.
    private static func withParserContext<R>(
        _ utf8: UnsafeBufferPointer<UInt8>, url: String?,
        _ read: (htmlParserCtxtPtr, UnsafeBufferPointer<CChar>) -> R
    ) throws(HTMLError) -> R {
        prepareThread()
        guard utf8.count <= Int(Int32.max) else {
            throw HTMLError(code: .parse, message: "the page is larger than 2 GB", url: url)
        }
        guard let context = htmlNewParserCtxt() else {
            throw HTMLError(code: .parse, message: "libxml2 could not allocate a parser context", url: url)
        }
        defer { htmlFreeParserCtxt(context) }
        return utf8.withMemoryRebound(to: CChar.self) { read(context, $0) }
    }

    /// Parses clean UTF-8 with a private parser context: RECOVER, NONET, NOERROR, NOWARNING,
    /// COMPACT, NODEFDTD, IGNORE_ENC (no `<meta charset>` re-decoding) and HUGE (no 256-level depth
    /// limit, which would silently drop the rest of a deeply nested page).
    ///
    /// - Returns: The document (never `nil`: an input libxml2 builds nothing from gives an empty
    ///   document).
    static func parseHTML(_ utf8: UnsafeBufferPointer<UInt8>, url: String?) throws(HTMLError) -> htmlDocPtr {
        let document = try withParserContext(utf8, url: url) { context, chars in
            htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), url, "UTF-8", cleadxml2_html_parse_options())
        }
        if let document { return document }
        if let empty = htmlNewDocNoDtD(nil, nil) { return empty }
        throw HTMLError(code: .parse, message: "libxml2 could not allocate a document", url: url)
    }

    /// Parses clean UTF-8 as ``parseHTML(_:url:)`` does (same options, same recovery), but with
    /// SAX callbacks that fill `builder` instead of building libxml2's tree.
    static func parseHTMLEvents(_ utf8: UnsafeBufferPointer<UInt8>, url: String?, into builder: inout FlatDocumentBuilder) throws(HTMLError) {
        let leftover: htmlDocPtr? = try withUnsafeMutablePointer(to: &builder) { pointer throws(HTMLError) in
            try withParserContext(utf8, url: url) { context, chars in
                // The context owns its handler block (freed with it): overwrite its contents.
                context.pointee.sax.pointee = FlatDocumentSAX.handler()
                context.pointee._private = UnsafeMutableRawPointer(pointer)
                defer { context.pointee._private = nil }
                return htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), url, "UTF-8", cleadxml2_html_parse_options())
            }
        }
        // The callbacks build no libxml2 document; free one if libxml2 made it anyway.
        if let leftover { xmlFreeDoc(leftover) }
    }
}
