import Foundation

/// Decides which IP addresses leadsmith may connect to (the SSRF guard's address rules).
///
/// Refused unless private addresses are allowed: loopback, RFC 1918 private, link-local (incl. the
/// 169.254.169.254 cloud metadata address), CGNAT (100.64/10), multicast, unspecified, broadcast,
/// reserved and documentation ranges, IPv6 unique-local, IPv4-mapped/-compatible IPv6, and NAT64 or
/// 6to4 addresses that embed a refused IPv4 address.
public enum AddressPolicy {
    /// Why an address is refused, or `nil` when it is a public unicast address.
    ///
    /// - Parameter bytes: 4 (IPv4) or 16 (IPv6) address bytes in network order.
    public static func refusal(_ bytes: [UInt8]) -> String? {
        switch bytes.count {
        case 4: return refusalV4(bytes)
        case 16: return refusalV6(bytes)
        default: return "not an IP address"
        }
    }

    /// Why a textual IP address is refused; `nil` for a public address. Not an IP literal → a refusal.
    public static func refusal(text: String) -> String? {
        guard let bytes = parseIP(text) else { return "not an IP address" }
        return refusal(bytes)
    }

    /// The bytes of an IPv4 or IPv6 literal (brackets allowed around IPv6), or `nil`.
    public static func parseIP(_ text: String) -> [UInt8]? {
        var s = text
        if s.hasPrefix("["), s.hasSuffix("]") { s = String(s.dropFirst().dropLast()) }
        if let pct = s.firstIndex(of: "%") { s = String(s[..<pct]) }  // zone id
        var v4 = in_addr()
        if inet_pton(AF_INET, s, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, s, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    static func refusalV4(_ b: [UInt8]) -> String? {
        let (a, c) = (b[0], b[1])
        switch a {
        case 0: return "unspecified address (0.0.0.0/8)"
        case 10: return "private address (10.0.0.0/8)"
        case 127: return "loopback address (127.0.0.0/8)"
        case 100 where c & 0xC0 == 64: return "shared CGNAT address (100.64.0.0/10)"
        case 169 where c == 254: return "link-local address (169.254.0.0/16)"
        case 172 where c & 0xF0 == 16: return "private address (172.16.0.0/12)"
        case 192 where c == 168: return "private address (192.168.0.0/16)"
        case 192 where c == 0 && (b[2] == 0 || b[2] == 2): return "reserved address (192.0.0.0/24, 192.0.2.0/24)"
        case 198 where c & 0xFE == 18: return "benchmarking address (198.18.0.0/15)"
        case 198 where c == 51 && b[2] == 100: return "documentation address (198.51.100.0/24)"
        case 203 where c == 0 && b[2] == 113: return "documentation address (203.0.113.0/24)"
        case 224...239: return "multicast address (224.0.0.0/4)"
        case 240...255: return "reserved or broadcast address (240.0.0.0/4)"
        default: return nil
        }
    }

    static func refusalV6(_ b: [UInt8]) -> String? {
        if b[0..<15].allSatisfy({ $0 == 0 }) {
            return b[15] == 1 ? "loopback address (::1)" : (b[15] == 0 ? "unspecified address (::)" : "IPv4-compatible address (::/96)")
        }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
            return "IPv4-mapped address (::ffff:0:0/96)"
        }
        if b[0] == 0xFF { return "multicast address (ff00::/8)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return "link-local address (fe80::/10)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return "site-local address (fec0::/10)" }
        if b[0] & 0xFE == 0xFC { return "unique-local address (fc00::/7)" }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return "documentation address (2001:db8::/32)" }
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one.
        if b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..<12].allSatisfy({ $0 == 0 }),
           let inner = refusalV4(Array(b[12..<16])) {
            return "NAT64 address embedding a \(inner)"
        }
        if b[0] == 0x20 && b[1] == 0x02, let inner = refusalV4(Array(b[2..<6])) {
            return "6to4 address embedding a \(inner)"
        }
        return nil
    }
}
