import Foundation
import LeadCore
import LeadIntake

/// Reads consent evidence from a record's unknown fields (the intake keeps them in `extra` under
/// their original names): the consent object's `text` and `communications` of a form, a lawful-basis
/// field and opt-in/confirmation time columns of a newsletter export, in the supported languages.
enum ConsentReader {
    /// Field names (letters and digits only, lower-case) that state a lawful basis.
    static let basisNames: Set<String> = [
        "lawfulbasis", "legalbasis", "legalbasisforprocessing", "processingbasis", "basisforprocessing",
        "rechtsgrundlage", "grondslag", "rechtsgrond", "basejuridique", "baselegale", "baselegal",
        "basegiuridica", "basedelegitimacion", "podstawaprawna", "podstawaprzetwarzania",
    ]
    /// Field names of the time a person opted in.
    static let optInNames: Set<String> = ["optintime", "optindate", "optinat", "optedinat", "consentdate", "consentat", "consenttime"]
    /// Field names of the time a double opt-in was confirmed.
    static let confirmNames: Set<String> = ["confirmtime", "confirmedat", "confirmationtime", "confirmationdate", "doubleoptintime", "doubleoptinat", "doubleoptindate"]

    static func key(_ s: Substring) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: lower-cased `0-9a-z` bytes, what the scalar filter keeps.
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            for var b in s.utf8 {
                if b >= 0x41 && b <= 0x5A { b += 32 }
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { out.append(b) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return keyScalars(s)
    }

    /// ``key(_:)`` for any text (a lower-cased non-ASCII letter may become ASCII: `K` (Kelvin) → `k`).
    static func keyScalars(_ s: Substring) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII })
    }

    /// Whether an ASCII key holds `word` (keys are lower-case `0-9a-z`).
    static func key(_ key: String, contains word: String) -> Bool {
        let h = Array(key.utf8), n = Array(word.utf8)
        guard !n.isEmpty, h.count >= n.count else { return n.isEmpty }
        for i in 0...(h.count - n.count) where h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return true }
        return false
    }

    /// The consent detail of a record, `nil` when its fields carry none.
    static func read(_ raw: RawRecord) -> ConsentDetail? {
        var d = ConsentDetail(basis: nil, text: nil, communications: [], optInAt: nil, confirmedAt: nil)
        var statedBasis: String? = nil
        for (name, value) in raw.extra {
            let v = value.trimmingWhitespaceAndNewlines()
            guard !v.isEmpty else { continue }
            let parts = name.split(separator: ".")
            let whole = key(Substring(name))
            if parts.count >= 2, let head = parts.first, let last = parts.last {
                let h = key(head)
                if key(h, contains: "consent") || key(h, contains: "gdpr") || key(h, contains: "privacy") {
                    switch key(last) {
                    case "text" where d.text == nil: d.text = v; continue
                    case "communications" where d.communications.isEmpty: d.communications = communications(v); continue
                    case "legalbasis", "lawfulbasis" where statedBasis == nil: statedBasis = v; continue
                    default: break
                    }
                }
            }
            if statedBasis == nil, basisNames.contains(whole) { statedBasis = v }
            else if d.optInAt == nil, optInNames.contains(whole) { d.optInAt = v }
            else if d.confirmedAt == nil, confirmNames.contains(whole) { d.confirmedAt = v }
        }
        // A newsletter sign-up is the opt-in: its sign-up time (Mailchimp OPTIN_TIME, "Aangemeld op", …).
        if d.optInAt == nil, raw.source == .newsletter, let signup = raw.fields["signup_date"]?.trimmingWhitespace(),
           !signup.isEmpty {
            d.optInAt = signup
        }
        guard statedBasis != nil || d.text != nil || !d.communications.isEmpty || d.optInAt != nil || d.confirmedAt != nil else {
            return nil
        }
        let evidence = d.text != nil || d.optInAt != nil || d.confirmedAt != nil
        d.basis = statedBasis ?? (raw.consent == true && evidence ? "consent" : nil)
        return d
    }

    /// `[{"value": true, "subscriptionTypeId": 999, "text": "…"}]` as kept by the intake (compact JSON text).
    static func communications(_ json: String) -> [ConsentDetail.Communication] {
        guard let items = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [Any] else { return [] }
        return items.compactMap { item in
            guard let o = item as? [String: Any] else { return nil }
            let id = (o["subscriptionTypeId"] ?? o["id"]).map { "\($0)" }
            let granted = (o["value"] ?? o["granted"]) as? Bool
            let text = o["text"] as? String
            guard id != nil || granted != nil || text != nil else { return nil }
            return ConsentDetail.Communication(id: id, granted: granted, text: text)
        }
    }
}
