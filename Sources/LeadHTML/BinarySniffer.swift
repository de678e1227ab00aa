/// Tells binary data (images, archives, executables, random bytes) from text, so that such a
/// response is reported as `HTMLError.Code.binary` instead of being parsed into a garbage page, and
/// a lead file that is not text is one reject instead of garbage records.
public enum BinarySniffer {
    /// Why `bytes` (the start of a file or response, in an 8-bit or UTF-8 encoding) are binary, or
    /// `nil` when they look like text: a known file signature (`"ZIP archive signature"`), or more
    /// than 5% C0 control bytes (NUL included) in the first 4 KB.
    public static func binaryReason(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { binaryReason($0, countControls: true) }
    }

    /// How many leading bytes the control-byte ratio looks at.
    static let sampleSize = 4096

    /// A known file signature at offset 0 (or 4 for ISO media), with a name for the error message.
    private static let signatures: [(name: String, offset: Int, bytes: [UInt8])] = [
        ("PNG image", 0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("GIF image", 0, Array("GIF87a".utf8)),
        ("GIF image", 0, Array("GIF89a".utf8)),
        ("JPEG image", 0, [0xFF, 0xD8, 0xFF]),
        ("PDF document", 0, Array("%PDF-".utf8)),
        ("ZIP archive", 0, [0x50, 0x4B, 0x03, 0x04]),
        ("ZIP archive", 0, [0x50, 0x4B, 0x05, 0x06]),
        ("gzip data", 0, [0x1F, 0x8B]),
        ("zstd data", 0, [0x28, 0xB5, 0x2F, 0xFD]),
        ("xz data", 0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]),
        ("7z archive", 0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        ("RAR archive", 0, Array("Rar!".utf8) + [0x1A, 0x07]),
        ("bzip2 data", 4, Array("1AY&SY".utf8)),
        ("ELF executable", 0, [0x7F, 0x45, 0x4C, 0x46]),
        ("Mach-O executable", 0, [0xCF, 0xFA, 0xED, 0xFE]),
        ("Java class", 0, [0xCA, 0xFE, 0xBA, 0xBE]),
        ("WebAssembly module", 0, [0x00, 0x61, 0x73, 0x6D]),
        ("OLE document", 0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        ("RIFF media", 0, Array("RIFF".utf8)),
        ("Ogg media", 0, Array("OggS".utf8)),
        ("FLAC audio", 0, Array("fLaC".utf8)),
        ("Matroska/WebM media", 0, [0x1A, 0x45, 0xDF, 0xA3]),
        ("ISO media (MP4/HEIF)", 4, Array("ftyp".utf8)),
        ("WOFF font", 0, Array("wOFF".utf8)),
        ("WOFF2 font", 0, Array("wOF2".utf8)),
        ("TIFF image", 0, [0x49, 0x49, 0x2A, 0x00]),
        ("TIFF image", 0, [0x4D, 0x4D, 0x00, 0x2A]),
        ("ICO image", 0, [0x00, 0x00, 0x01, 0x00]),
        ("SQLite database", 0, Array("SQLite format 3".utf8) + [0x00]),
        ("Photoshop image", 0, Array("8BPS".utf8)),
    ]

    /// Why the bytes are binary, or `nil` when they look like text.
    ///
    /// - Parameters:
    ///   - bytes: The raw input.
    ///   - countControls: `false` for UTF-16 input, whose NUL bytes are expected.
    static func binaryReason(_ bytes: UnsafeBufferPointer<UInt8>, countControls: Bool) -> String? {
        for signature in signatures where bytes.count >= signature.offset + signature.bytes.count {
            var matches = true
            for (index, byte) in signature.bytes.enumerated() where bytes[signature.offset + index] != byte {
                matches = false
                break
            }
            if matches { return "\(signature.name) signature" }
        }
        guard countControls else { return nil }
        let sample = min(bytes.count, sampleSize)
        var controls = 0
        for index in 0..<sample {
            let byte = bytes[index]
            // C0 controls other than tab, LF, FF, CR and ESC (ISO-2022 escapes) never occur in text.
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0C, byte != 0x0D, byte != 0x1B { controls += 1 }
        }
        if controls >= 3, controls * 20 > sample {
            return "\(controls) control bytes in the first \(sample) bytes"
        }
        return nil
    }
}
