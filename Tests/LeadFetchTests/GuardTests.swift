import NIOCore
import Testing
@testable import LeadFetch

/// The SSRF guard's address rules and the `--connect-to` syntax.
struct GuardTests {
    @Test(arguments: [
        ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.20.0.1", "private"), ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"), ("100.100.0.1", "CGNAT"), ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"), ("255.255.255.255", "broadcast"), ("::1", "loopback"), ("::", "unspecified"),
        ("fe80::1", "link-local"), ("fd00::1", "unique-local"), ("ff02::1", "multicast"),
        ("::ffff:8.8.8.8", "IPv4-mapped"), ("64:ff9b::a00:1", "NAT64"), ("2002:c0a8:101::1", "6to4"),
    ])
    func refusesNonPublicAddresses(address: String, reason: String) {
        #expect(AddressPolicy.refusal(text: address)?.contains(reason) == true)
    }

    @Test(arguments: ["8.8.8.8", "93.184.216.34", "100.63.255.255", "172.32.0.1", "2a00:1450:4001::1", "64:ff9b::808:808"])
    func allowsPublicAddresses(address: String) {
        #expect(AddressPolicy.refusal(text: address) == nil)
    }

    @Test func parsesConnectToRules() throws {
        let r = try #require(ConnectToRule(parsing: "acme.nl:443:127.0.0.1:8443"))
        #expect(r == ConnectToRule(host: "acme.nl", port: 443, address: "127.0.0.1", addressPort: 8443))
        #expect(r.matches(host: "ACME.nl", port: 443) && !r.matches(host: "acme.nl", port: 80))
        let any = try #require(ConnectToRule(parsing: "*::[::1]:8080"))
        #expect(any.host == nil && any.port == nil && any.address == "::1" && any.addressPort == 8080)
        #expect(any.matches(host: "x.de", port: 80))
        #expect(ConnectToRule(parsing: "acme.nl:443:127.0.0.1") == nil)
        #expect(ConnectToRule(parsing: "acme.nl:99999:127.0.0.1:80") == nil)
    }

    @Test func resolverRefusesBadHostsWithoutLookingThemUp() async {
        let resolver = HostResolver(allowPrivate: false, lookup: { name in
            Issue.record("looked up \(name)")
            return []
        })
        #expect(await resolver.resolve(host: "169.254.169.254", port: 80) == .refused("IP-literal host (sites are researched by domain name)"))
        if case .refused(let why) = await resolver.resolve(host: "acme.nl", port: 8080) { #expect(why.contains("port 8080")) } else { Issue.record("port not refused") }
        let long = String(repeating: "a", count: 300) + ".com"
        #expect(await resolver.resolve(host: long, port: 443) == .refused("malformed host name"))
        #expect(await resolver.resolve(host: "bad host.com", port: 443) == .refused("malformed host name"))
    }

    @Test func resolverRefusesNamesThatResolveToPrivateAddresses() async {
        let resolver = HostResolver(allowPrivate: false, lookup: { name in
            name == "mixed.example" ? [[93, 184, 216, 34], [10, 0, 0, 1]] : (name == "localhost" ? [[127, 0, 0, 1]] : [])
        })
        #expect(await resolver.resolve(host: "localhost", port: 80) == .refused("loopback address (127.0.0.0/8)"))
        #expect(await resolver.resolve(host: "mixed.example", port: 443) == .refused("private address (10.0.0.0/8)"))
        #expect(await resolver.resolve(host: "nothing.example", port: 443) == .noAnswer)
    }

    @Test func connectToTargetIsStillChecked() async {
        let rule = ConnectToRule(host: nil, port: nil, address: "127.0.0.1", addressPort: 9)
        let guarded = HostResolver(allowPrivate: false, connectTo: [rule], lookup: { _ in [] })
        #expect(await guarded.resolve(host: "acme.nl", port: 443) == .refused("loopback address (127.0.0.0/8)"))
        let open = HostResolver(allowPrivate: true, connectTo: [rule], lookup: { _ in [] })
        guard case .address(let a) = await open.resolve(host: "acme.nl", port: 443) else { Issue.record("not resolved"); return }
        #expect(a.port == 9 && a.ipAddress == "127.0.0.1")
    }
}
