internal import CLeadPSL
import Foundation

/// Registrable domains and hosting platforms from the Public Suffix List (libpsl), plus IDNA (libidn2).
///
/// The list is the system's (`/usr/share/publicsuffix`, Debian's `publicsuffix` package) when present,
/// else libpsl's built-in copy.
public enum PublicSuffix {
    /// The shared libpsl context; immutable after load and safe to read from any thread.
    private static let context: PSLContext = PSLContext()

    /// The registrable domain ("eTLD+1") of a host: `shop.acme.co.uk` → `acme.co.uk`.
    ///
    /// Returns `nil` for a bare public suffix (`co.uk`), an IP address or an empty host.
    /// The host is lower-cased and IDNA-encoded first; a trailing dot is ignored, and so is a leading
    /// `www.` unless what follows it is a public suffix (`www.ck` is registrable: `*.ck` with the
    /// exception `!www.ck`).
    public static func registrableDomain(_ host: String) -> String? {
        guard let h = normalizeHost(host) else { return nil }
        if isIPAddress(h) { return nil }
        if h.hasPrefix("www."), let stripped = registrable(String(h.dropFirst(4))) { return stripped }
        return registrable(h)
    }

    /// libpsl's registrable domain of a normalised host.
    private static func registrable(_ h: String) -> String? {
        h.withCString { ptr -> String? in
            guard let reg = psl_registrable_domain(context.pointer, ptr) else { return nil }
            return String(cString: reg)
        }
    }

    /// Whether the host's registrable part belongs to a hosting platform on the private part of the
    /// list (`acme.wixsite.com`, `acme.business.site`, `acme.github.io`): such a host is not a company domain.
    public static func isHostingPlatform(_ host: String) -> Bool {
        guard let h = normalizeHost(host) else { return false }
        return h.withCString { ptr -> Bool in
            guard let suffix = psl_unregistrable_domain(context.pointer, ptr) else { return false }
            let s = String(cString: suffix)
            // A private-section suffix has a dot (e.g. `wixsite.com`) and is not an ICANN suffix.
            return s.withCString { sp in
                psl_is_public_suffix2(context.pointer, sp, Int32(PSL_TYPE_PRIVATE | PSL_TYPE_NO_STAR_RULE)) != 0
                    && psl_is_public_suffix2(context.pointer, sp, Int32(PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE)) == 0
            }
        }
    }

    /// Whether `tld` (e.g. `nl`, `com`, `xn--p1ai`) is a top-level domain on the list.
    public static func isKnownTLD(_ tld: String) -> Bool {
        let t = tld.lowercased()
        // A dot byte is a dot in ASCII; other text keeps Foundation's search.
        guard !t.isEmpty, !(t.utf8.allSatisfy { $0 < 0x80 } ? t.utf8.contains(UInt8(ascii: ".")) : t.contains(".")) else { return false }
        return t.withCString { ptr in
            psl_is_public_suffix2(context.pointer, ptr, Int32(PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE)) != 0
        }
    }

    /// The ASCII (punycode) form of a host name: `schäfer-mode.at` → `xn--schfer-mode-n8a.at`.
    ///
    /// Returns the lower-cased input when it is already ASCII, `nil` when IDNA rejects it.
    public static func asciiHost(_ host: String) -> String? {
        let lower = host.lowercased()
        if lower.utf8.allSatisfy({ $0 < 0x80 }) { return lower }
        return lower.withCString { ptr -> String? in
            var out: UnsafeMutablePointer<CChar>? = nil
            let flags = Int32(IDN2_NONTRANSITIONAL.rawValue | IDN2_NFC_INPUT.rawValue)
            var rc = idn2_to_ascii_8z(ptr, &out, flags)
            if rc != Int32(IDN2_OK.rawValue) {
                rc = idn2_to_ascii_8z(ptr, &out, Int32(IDN2_TRANSITIONAL.rawValue | IDN2_NFC_INPUT.rawValue))
            }
            guard rc == Int32(IDN2_OK.rawValue), let out else { return nil }
            defer { cleadpsl_free(out) }
            return String(cString: out)
        }
    }

    /// Lower-case, IDNA-encode and strip a trailing dot; `nil` when nothing usable remains.
    static func normalizeHost(_ host: String) -> String? {
        var h = host.trimmingWhitespaceAndNewlines()
        while h.hasSuffix(".") { h.removeLast() }
        guard !h.isEmpty, let ascii = asciiHost(h) else { return nil }
        return ascii
    }

    static func isIPAddress(_ host: String) -> Bool {
        if host.utf8.allSatisfy({ $0 < 0x80 }) ? host.utf8.contains(UInt8(ascii: ":")) : host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}

/// Owns the libpsl context for the process lifetime.
private final class PSLContext: @unchecked Sendable {
    // Safety: libpsl contexts are read-only after loading; lookups are thread-safe.
    let pointer: OpaquePointer?

    init() {
        if let latest = psl_latest(nil) {
            pointer = latest
        } else {
            pointer = psl_builtin()
        }
    }

    deinit {
        if let pointer, pointer != psl_builtin() { psl_free(pointer) }
    }
}
