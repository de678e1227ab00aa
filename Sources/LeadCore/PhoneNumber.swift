/// Phone numbers to E.164 (corpus README, "Phones").
public enum PhoneNumber {
    /// Countries whose national numbers keep their leading 0 after the calling code (`+39 02 …`).
    static let keepsTrunkZero: Set<String> = ["IT", "SM", "VA"]

    /// The E.164 form (`+31201234567`) of a phone number as written, or `nil` when it is not one.
    ///
    /// - `tel:` prefixes, separators (` -./()`), and extensions (`ext`, `x`, `#`, `;ext=`) are dropped;
    /// - `+31 (0)20 …` drops the `(0)`; `0031 …` is international (`00` prefix);
    /// - a national number (leading trunk 0) takes `defaultCountry`'s calling code and loses the 0,
    ///   except in Italy (`02 …` → `+3902…`);
    /// - digits with a known calling code and a plausible length (`4915186311431`) are international,
    ///   except for a default country without a trunk prefix (Italy), whose national numbers look so;
    /// - fewer than 7 or more than 15 digits, or letters inside the number → `nil`.
    /// - Parameters:
    ///   - raw: the number as found (a `tel:` href, a text snippet, a form field).
    ///   - defaultCountry: ISO2 country for national numbers (the company's or the lead's country).
    public static func e164(_ raw: String, defaultCountry: String?) -> String? {
        var scalars = Array(raw.unicodeScalars)
        // Strip a URI scheme and leading labels: start at the first '+', '(' or digit.
        if let start = scalars.firstIndex(where: { $0 == "+" || $0 == "(" || ($0.value >= 0x30 && $0.value <= 0x39) }) {
            let prefix = String(String.UnicodeScalarView(scalars[..<start])).lowercased()
            // Letters before the number are only allowed as a label / scheme ("tel:", "Tel.:", "T ").
            if prefix.unicodeScalars.contains(where: { $0.value >= 0x30 && $0.value <= 0x39 }) { return nil }
            scalars = Array(scalars[start...])
        } else {
            return nil
        }
        // Cut an extension.
        if let cut = extensionStart(scalars) { scalars = Array(scalars[..<cut]) }

        var plus = false
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            switch c {
            case "0"..."9":
                digits.append(UInt8(c.value - 0x30))
            case "+":
                if !digits.isEmpty || plus { return nil }
                plus = true
            case "(":
                // "(0)" right after an international prefix is the optional trunk zero.
                if i + 2 < n, scalars[i + 1] == "0", scalars[i + 2] == ")", plus || hasInternationalPrefix(digits) {
                    if !digits.isEmpty { i += 3; continue }
                }
            case ")", " ", "-", ".", "/", "\u{00A0}", "\u{2009}", "\u{202F}", "\u{2007}", "\u{2010}", "\u{2011}",
                 "\u{2012}", "\u{2013}", "\u{2014}", "\t", "\n", "\r":
                break
            default:
                return nil
            }
            i += 1
        }
        guard digits.count >= 7, digits.count <= 17 else { return nil }
        var text = String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
        let country = defaultCountry?.uppercased()

        if plus {
            // already international
        } else if text.hasPrefix("00") {
            text.removeFirst(2)
        } else if text.hasPrefix("0") {
            guard let country, let cc = Countries.callingCode(iso2: country) else { return nil }
            if !keepsTrunkZero.contains(country) { text.removeFirst() }
            text = cc + text
        } else {
            // Digits only, no trunk 0: international when a calling code leads and the length fits.
            if let country, let cc = Countries.callingCode(iso2: country), text.hasPrefix(cc),
               text.count >= cc.count + 8 {
                // keep as international
            } else if Countries.callingCodePrefix(of: text) != nil, text.count >= 11,
                      !(country.map(keepsTrunkZero.contains) ?? false) {
                // keep as international (but where national numbers have no trunk 0, as in Italy,
                // bare digits are the usual national form: `331 0123 4501` is an Italian number)
            } else if let country, let cc = Countries.callingCode(iso2: country) {
                text = cc + text
            } else {
                return nil
            }
        }
        // "+44 0161 …" / "tel:+4401614960022": a trunk 0 written after the calling code is dropped,
        // except where the 0 is part of the number (Italy).
        if let cc = Countries.callingCodePrefix(of: text), text.count > cc.count + 7 {
            let rest = text.dropFirst(cc.count)
            let country = Countries.iso2(fromCallingCodeOf: "+" + cc) ?? ""
            if rest.first == "0", !keepsTrunkZero.contains(country), cc != "39" {
                text = cc + rest.dropFirst()
            }
        }
        guard text.count >= 7, text.count <= 15, Countries.callingCodePrefix(of: text) != nil else { return nil }
        guard text.first != "0" else { return nil }
        return "+" + text
    }

    /// The ISO2 country of an E.164 number by its calling code (`+1` → `US`).
    public static func country(ofE164 e164: String) -> String? {
        Countries.iso2(fromCallingCodeOf: e164)
    }

    /// Whether the digits so far are an international `00` prefix (plus a calling code).
    private static func hasInternationalPrefix(_ digits: [UInt8]) -> Bool {
        digits.count >= 3 && digits[0] == 0 && digits[1] == 0
    }

    /// The index where an extension starts (`ext`, `ext.`, `x`, `#`, `;ext=`, `;`), if any, after some digits.
    private static func extensionStart(_ s: [Unicode.Scalar]) -> Int? {
        var seenDigits = 0
        var i = 0
        while i < s.count {
            let c = s[i]
            if c.value >= 0x30 && c.value <= 0x39 {
                seenDigits += 1
            } else if seenDigits >= 6 {
                if c == "#" || c == ";" || c == "," || c.properties.isAlphabetic { return i }
            }
            i += 1
        }
        return nil
    }
}
