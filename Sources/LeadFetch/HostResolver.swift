import Foundation
import LeadCore
public import NIOCore
import NIOPosix

/// Where a `host:port` may be reached: the checked address to connect to, or why not.
public enum Resolution: Sendable, Equatable {
    /// Connect here (already checked by the SSRF guard).
    case address(SocketAddress)
    /// Refused by the guard (a private address, a bad port, an IP literal, a malformed host…).
    case refused(String)
    /// The name has no DNS answer.
    case noAnswer
}

/// Resolves host names itself (`getaddrinfo` on NIO's thread pool), applies `--connect-to` rules and
/// the SSRF guard, and remembers the answer per `host:port` so a host is pinned to one checked address
/// for the whole run (no second resolution, no DNS rebinding between check and connect).
public final class HostResolver: Sendable {
    let allowPrivate: Bool
    let allowedPorts: Set<Int>
    let connectTo: [ConnectToRule]
    let lookup: @Sendable (String) async -> [[UInt8]]
    let addressCheck: @Sendable ([UInt8]) -> String?
    private let cache = LockedDictionary<String, Resolution>()

    /// - Parameters:
    ///   - allowPrivate: connect to loopback/private/link-local addresses too (tests, intranets).
    ///   - allowedPorts: URL ports allowed besides 80 and 443.
    ///   - connectTo: `--connect-to` rules, first match wins.
    ///   - lookup: name → address bytes; the default is `getaddrinfo` on NIO's thread pool.
    ///   - addressCheck: why an address is refused (`nil` = allowed); the default is ``AddressPolicy``.
    public init(allowPrivate: Bool, allowedPorts: Set<Int> = [], connectTo: [ConnectToRule] = [],
                lookup: (@Sendable (String) async -> [[UInt8]])? = nil,
                addressCheck: (@Sendable ([UInt8]) -> String?)? = nil) {
        self.addressCheck = addressCheck ?? { AddressPolicy.refusal($0) }
        self.allowPrivate = allowPrivate
        self.allowedPorts = allowedPorts
        self.connectTo = connectTo
        self.lookup = lookup ?? { await HostResolver.systemLookup($0) }
    }

    /// The checked address for `host:port` (cached per run).
    public func resolve(host: String, port: Int) async -> Resolution {
        let key = "\(host):\(port)"
        if let hit = cache[key] { return hit }
        let result = await compute(host: host, port: port)
        cache[key] = result
        return result
    }

    /// The host as an ASCII DNS name if it is a well-formed one (≤ 253 characters, labels ≤ 63).
    public static func validHostName(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for (i, label) in labels.enumerated() {
            if label.isEmpty { if i == labels.count - 1 && i > 0 { continue }; return false }
            guard label.utf8.count <= 63 else { return false }
            for b in label.utf8 {
                let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || (b >= 0x41 && b <= 0x5A)
                if !ok { return false }
            }
        }
        return true
    }

    private func compute(host rawHost: String, port: Int) async -> Resolution {
        let host = rawHost.lowercased()
        guard port == 80 || port == 443 || allowedPorts.contains(port) else {
            return .refused("port \(port) not allowed (only 80 and 443; see --allow-port)")
        }
        let isLiteral = AddressPolicy.parseIP(host) != nil
        if isLiteral && !allowPrivate {
            return .refused("IP-literal host (sites are researched by domain name)")
        }
        guard isLiteral || Self.validHostName(host) else { return .refused("malformed host name") }
        var target = host
        var targetPort = port
        if let rule = connectTo.first(where: { $0.matches(host: host, port: port) }) {
            target = rule.address ?? host
            targetPort = rule.addressPort ?? port
        }
        let answers: [[UInt8]]
        if let literal = AddressPolicy.parseIP(target) {
            answers = [literal]
        } else {
            answers = await lookup(target)
        }
        guard !answers.isEmpty else { return .noAnswer }
        if !allowPrivate {
            // A name with any refused answer is refused as a whole (rebinding tricks mix answers).
            for a in answers {
                if let why = addressCheck(a) { return .refused(why) }
            }
        }
        guard let text = Self.text(answers[0]), let address = try? SocketAddress(ipAddress: text, port: targetPort) else {
            return .refused("unusable address")
        }
        return .address(address)
    }

    static func text(_ bytes: [UInt8]) -> String? {
        var buf = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buf, socklen_t(buf.count)) != nil }
        guard ok else { return nil }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `getaddrinfo` for `name`, run on NIO's blocking thread pool (never on a Swift concurrency thread).
    public static func systemLookup(_ name: String) async -> [[UInt8]] {
        (try? await NIOThreadPool.singleton.runIfActive { blockingLookup(name) }) ?? []
    }

    static func blockingLookup(_ name: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc) || canImport(Musl)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var out: [[UInt8]] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let n = node {
            if let sa = n.pointee.ai_addr {
                // The address bytes sit at fixed offsets (sockaddr_in: 4, 4 bytes; sockaddr_in6: 8,
                // 16 bytes) on Linux and the BSDs; read them raw rather than through the C structs'
                // members, whose defining Clang module varies with the import graph.
                let raw = UnsafeRawPointer(sa)
                if n.pointee.ai_family == AF_INET, n.pointee.ai_addrlen >= 8 {
                    out.append(Array(UnsafeRawBufferPointer(start: raw + 4, count: 4)))
                } else if n.pointee.ai_family == AF_INET6, n.pointee.ai_addrlen >= 24 {
                    out.append(Array(UnsafeRawBufferPointer(start: raw + 8, count: 16)))
                }
            }
            node = n.pointee.ai_next
        }
        var seen = Set<[UInt8]>()
        return out.filter { seen.insert($0).inserted }
    }
}

/// A dictionary behind a lock, for caches shared across tasks.
final class LockedDictionary<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private var storage: [Key: Value] = [:]
    private let lock = NSLock()

    subscript(key: Key) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return storage[key] }
        set { lock.lock(); defer { lock.unlock() }; storage[key] = newValue }
    }

    /// Updates one entry atomically and returns what the closure returns.
    func update<R>(_ key: Key, _ body: (inout Value?) -> R) -> R {
        lock.lock(); defer { lock.unlock() }
        var v = storage[key]
        let r = body(&v)
        storage[key] = v
        return r
    }
}
