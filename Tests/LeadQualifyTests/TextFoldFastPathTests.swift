import LeadTestSupport
import Testing
@testable import LeadQualify

/// ``TextFold/string(_:)`` and the ASCII branch of ``TextFold/fold(_:)`` write straight into the new
/// string's storage; they must give exactly what the byte-array versions they replace gave.
struct TextFoldFastPathTests {
    /// The former `TextFold.string`: UTF-8 collected in an array, then decoded.
    static func referenceString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        for c in scalars { UTF8.encode(c) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The former ASCII branch of `TextFold.fold`.
    static func referenceASCIIFold(_ s: String) -> String {
        var bytes = Array(s.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Scalars of every width: ASCII (controls and letters of both cases), Latin, Polish, CJK, emoji.
    static let alphabet: [Unicode.Scalar] = Array("aZ09 .,?!-\t\n\u{0}\u{7F}éÉßłŁąĄ€£¥₣\u{00A0}\u{2019}\u{0301}中文😀\u{1F3FD}".unicodeScalars)

    static func randomScalars(_ rng: inout SplitMix64, asciiOnly: Bool) -> [Unicode.Scalar] {
        let length = Int(rng.next() % 40)
        return (0..<length).map { _ in
            if asciiOnly || rng.next() % 3 != 0 { return Unicode.Scalar(UInt8(rng.next() % 128)) }
            return alphabet[Int(rng.next() % UInt64(alphabet.count))]
        }
    }

    @Test func stringFromScalarsMatchesTheByteArrayVersion() {
        var rng = SplitMix64(state: 4)
        for n in 0..<5000 {
            let scalars = Self.randomScalars(&rng, asciiOnly: n % 2 == 0)
            let lo = scalars.isEmpty ? 0 : Int(rng.next() % UInt64(scalars.count))
            for slice in [scalars[...], scalars[lo...]] {
                let got = TextFold.string(slice)
                #expect(Array(got.utf8) == Array(Self.referenceString(slice).utf8), "\(slice)")
                #expect(got.unicodeScalars.count == slice.count)
            }
        }
    }

    @Test func asciiFoldMatchesTheByteArrayVersion() {
        var rng = SplitMix64(state: 5)
        for _ in 0..<5000 {
            var s = String(String.UnicodeScalarView(Self.randomScalars(&rng, asciiOnly: true)))
            if rng.next() % 2 == 0 { s = "Ab" + s }   // longer than a small string sometimes
            let got = TextFold.fold(s)
            #expect(Array(got.utf8) == Array(Self.referenceASCIIFold(s).utf8), "\(s.debugDescription)")
        }
        #expect(TextFold.fold("DÉCISION Zł") == "decision zl")   // the non-ASCII path is still taken
    }
}
