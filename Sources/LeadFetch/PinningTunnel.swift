import Foundation
import NIOCore
import NIOPosix

/// A loopback `CONNECT` tunnel that is the HTTP client's only way out.
///
/// The shared `HTTPClient` is configured with this tunnel as its proxy, so every connection (http and
/// https) starts with `CONNECT host:port`. The tunnel connects to the address the SSRF guard checked
/// and pinned for that `host:port` — never resolving a name itself — and refuses hosts that were not
/// pinned. TLS still runs end to end between the client and the site, with the real host name for SNI
/// and certificate checks. A per-run random token keeps other local programs from using the tunnel.
final class PinningTunnel: Sendable {
    let port: Int
    let token: String
    private let pins: LockedDictionary<String, SocketAddress>
    private let channel: any Channel

    private init(port: Int, token: String, pins: LockedDictionary<String, SocketAddress>, channel: any Channel) {
        self.port = port
        self.token = token
        self.pins = pins
        self.channel = channel
    }

    /// Starts the tunnel on 127.0.0.1 (a free port).
    static func start(group: any EventLoopGroup, connectTimeout: TimeAmount) async throws -> PinningTunnel {
        let pins = LockedDictionary<String, SocketAddress>()
        var bytes = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(bytes.next() as UInt64, radix: 16) }.joined()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ConnectRequestHandler(pins: pins, token: token, connectTimeout: connectTimeout))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        return PinningTunnel(port: port, token: token, pins: pins, channel: channel)
    }

    /// Lets connections for `host:port` go to `address` (an address the guard accepted).
    func pin(host: String, port: Int, to address: SocketAddress) {
        pins["\(host.lowercased()):\(port)"] = address
    }

    func shutdown() async {
        try? await channel.close()
    }
}

/// Reads one `CONNECT host:port` request, connects to the pinned address, then glues the two channels.
private final class ConnectRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let pins: LockedDictionary<String, SocketAddress>
    let token: String
    let connectTimeout: TimeAmount
    private var head: ByteBuffer?
    private var connecting = false

    init(pins: LockedDictionary<String, SocketAddress>, token: String, connectTimeout: TimeAmount) {
        self.pins = pins
        self.token = token
        self.connectTimeout = connectTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        guard !connecting else { head?.writeBuffer(&chunk); return }
        if head == nil { head = chunk } else { head?.writeBuffer(&chunk) }
        guard let buffered = head else { return }
        let bytes = buffered.readableBytesView
        guard let end = Self.headerEnd(bytes) else {
            if bytes.count > 16 * 1024 { respond(context, "431 Request Header Fields Too Large") }
            return
        }
        let text = String(decoding: bytes.prefix(end), as: UTF8.self)
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let parts = lines.first?.split(separator: " ") ?? []
        let tokenOK = lines.dropFirst().contains { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            return line[..<colon].lowercased() == "leadsmith-tunnel"
                && line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) == token
        }
        guard parts.count == 3, parts[0] == "CONNECT", tokenOK else { respond(context, "403 Forbidden"); return }
        guard let address = pins[String(parts[1]).lowercased()] else { respond(context, "403 Forbidden"); return }
        head?.moveReaderIndex(forwardBy: end)
        connecting = true
        context.channel.setOption(.autoRead, value: false).whenComplete { _ in }
        let connect = ClientBootstrap(group: context.eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .connect(to: address)
        connect.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let peer):
                self.glue(context: context, peer: peer)
            case .failure:
                self.respond(context, "502 Bad Gateway")
            }
        }
    }

    private func glue(context: ChannelHandlerContext, peer: any Channel) {
        let (ours, theirs) = GlueHandler.matchedPair()
        do {
            try peer.pipeline.syncOperations.addHandler(theirs)
        } catch {
            peer.close(promise: nil)
            respond(context, "502 Bad Gateway")
            return
        }
        var reply = context.channel.allocator.buffer(capacity: 64)
        reply.writeString("HTTP/1.1 200 Connection Established\r\n\r\n")
        context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
        let leftover = head
        head = nil
        do {
            try context.pipeline.syncOperations.addHandler(ours)
        } catch {
            peer.close(promise: nil)
            context.close(promise: nil)
            return
        }
        if let leftover, leftover.readableBytes > 0 { peer.writeAndFlush(leftover, promise: nil) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        context.channel.setOption(.autoRead, value: true).whenComplete { _ in }
        context.channel.read()
    }

    private func respond(_ context: ChannelHandlerContext, _ status: String) {
        var reply = context.channel.allocator.buffer(capacity: 64)
        reply.writeString("HTTP/1.1 \(status)\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        context.writeAndFlush(wrapOutboundOut(reply)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    static func headerEnd(_ bytes: ByteBufferView) -> Int? {
        let arr = Array(bytes)
        guard arr.count >= 4 else { return nil }
        for i in 0...(arr.count - 4) where arr[i] == 13 && arr[i + 1] == 10 && arr[i + 2] == 13 && arr[i + 3] == 10 {
            return i + 4
        }
        return nil
    }
}

/// Copies bytes between two channels on the same event loop, with back-pressure (SwiftNIO's glue pattern).
private final class GlueHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false

    static func matchedPair() -> (GlueHandler, GlueHandler) {
        let a = GlueHandler()
        let b = GlueHandler()
        a.partner = b
        b.partner = a
        return (a, b)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { partner?.context?.write(data, promise: nil) }

    func channelReadComplete(context: ChannelHandlerContext) { partner?.context?.flush() }

    func channelInactive(context: ChannelHandlerContext) { partner?.context?.close(promise: nil) }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { partner?.context?.close(promise: nil) }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let p = partner, p.pendingRead {
            p.pendingRead = false
            p.context?.read()
        }
    }

    func read(context: ChannelHandlerContext) {
        if partner?.context?.channel.isWritable ?? false {
            context.read()
        } else {
            pendingRead = true
        }
    }
}
