/// Turns raw page bytes into clean UTF-8 for libxml2, or rejects input that is not a page.
enum PageDecoder {
    /// The decoded page: either the input itself (already clean UTF-8, from `offset`, past a BOM)
    /// or new bytes.
    enum Text {
        case original(offset: Int)
        case decoded([UInt8])
    }

    /// The decoding result and the canonical name of the encoding used.
    struct Page {
        var encoding: String
        var text: Text
    }

    /// Decodes `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: The page as the server sent it.
    ///   - contentType: The HTTP `Content-Type` value, whose charset is used if present.
    ///   - forcedEncoding: An encoding that overrides sniffing (for text that is already Unicode).
    ///   - url: For error context.
    /// - Throws: `HTMLError` `.empty` for empty or whitespace-only input, `.binary` for binary data.
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, contentType: String?, forcedEncoding: String?, url: String?
    ) throws(HTMLError) -> Page {
        if let contentType, let mediaType = binaryMediaType(contentType) {
            throw HTMLError(code: .binary, message: "the response is \(mediaType), not a page", url: url)
        }
        guard !isBlank(bytes) else {
            throw HTMLError(code: .empty, message: "the page is empty or only whitespace", url: url)
        }
        var decision: EncodingSniffer.Decision?
        if let forcedEncoding {
            let bom = EncodingSniffer.byteOrderMark(bytes)
            decision = EncodingSniffer.Decision(
                encoding: forcedEncoding, source: .contentType,
                bomLength: bom?.encoding == forcedEncoding ? bom?.bomLength ?? 0 : 0
            )
        } else {
            decision = EncodingSniffer.sniff(bytes, contentType: contentType)
        }
        let isUTF16 = decision.map { $0.encoding == EncodingLabels.utf16LE || $0.encoding == EncodingLabels.utf16BE } ?? false
        if let reason = BinarySniffer.binaryReason(bytes, countControls: !isUTF16) {
            throw HTMLError(code: .binary, message: "the response is binary data, not a page (\(reason))", url: url)
        }
        let offset = decision?.bomLength ?? 0
        let body = UnsafeBufferPointer(rebasing: bytes[offset...])
        let page = decodeBody(body, offset: offset, encoding: decision?.encoding)
        let blank: Bool = switch page.text {
        case .original: false  // checked above
        case .decoded(let decoded): decoded.withUnsafeBufferPointer(isBlank)
        }
        if blank {
            throw HTMLError(code: .empty, message: "the page is empty or only whitespace", url: url)
        }
        return page
    }

    private static func decodeBody(_ body: UnsafeBufferPointer<UInt8>, offset: Int, encoding: String?) -> Page {
        switch encoding {
        case nil:
            if UTF8Transcoder.isCleanUTF8(body) { return Page(encoding: EncodingLabels.utf8, text: .original(offset: offset)) }
            if UTF8Transcoder.isValidUTF8(body) {
                return Page(encoding: EncodingLabels.utf8, text: .decoded(UTF8Transcoder.repairUTF8(body)))
            }
            return Page(encoding: EncodingLabels.windows1252, text: .decoded(UTF8Transcoder.decodeWindows1252(body)))
        case EncodingLabels.utf8:
            if UTF8Transcoder.isCleanUTF8(body), !isBlank(body) {
                return Page(encoding: EncodingLabels.utf8, text: .original(offset: offset))
            }
            return Page(encoding: EncodingLabels.utf8, text: .decoded(UTF8Transcoder.repairUTF8(body)))
        case EncodingLabels.utf16LE:
            return Page(encoding: EncodingLabels.utf16LE, text: .decoded(UTF8Transcoder.decodeUTF16(body, bigEndian: false)))
        case EncodingLabels.utf16BE:
            return Page(encoding: EncodingLabels.utf16BE, text: .decoded(UTF8Transcoder.decodeUTF16(body, bigEndian: true)))
        case EncodingLabels.windows1252:
            return Page(encoding: EncodingLabels.windows1252, text: .decoded(UTF8Transcoder.decodeWindows1252(body)))
        case EncodingLabels.iso8859_15:
            return Page(encoding: EncodingLabels.iso8859_15, text: .decoded(UTF8Transcoder.decodeISO8859_15(body)))
        case let other?:
            if let decoded = UTF8Transcoder.decodeWithIconv(body, encoding: other) {
                return Page(encoding: other, text: .decoded(decoded))
            }
            return Page(encoding: EncodingLabels.windows1252, text: .decoded(UTF8Transcoder.decodeWindows1252(body)))
        }
    }

    /// Media types that are never a page, whatever the bytes look like.
    private static let binaryMediaPrefixes = ["image/", "audio/", "video/", "font/", "application/vnd.openxmlformats"]
    private static let binaryMediaTypes: Set<String> = [
        "application/pdf", "application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
        "application/x-7z-compressed", "application/x-rar-compressed", "application/vnd.rar", "application/wasm",
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/x-shockwave-flash",
    ]

    /// The media type of a `Content-Type` value when it names a binary format (`image/png`), else `nil`.
    static func binaryMediaType(_ contentType: String) -> String? {
        let mediaType = (contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? "")
            .trimmingASCIIWhitespace().lowercased()
        if binaryMediaTypes.contains(mediaType) || binaryMediaPrefixes.contains(where: mediaType.hasPrefix) {
            return mediaType
        }
        return nil
    }

    /// Whether the bytes are only ASCII whitespace (or nothing).
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { return false }
        return true
    }
}
