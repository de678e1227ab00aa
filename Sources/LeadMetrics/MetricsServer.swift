import NIOCore
import NIOHTTP1
import NIOPosix
public import Prometheus

/// A small HTTP server for Prometheus: `GET /metrics` answers the registry in the text exposition
/// format; any other path is 404, any other method 405. Bind it to loopback unless a scraper on
/// another machine must reach it (the metrics hold counts, never lead data).
public final class MetricsServer: Sendable {
    /// The port actually bound (useful with port 0).
    public let port: Int
    /// The address actually bound.
    public let host: String
    private let channel: any Channel

    private init(host: String, port: Int, channel: any Channel) {
        self.host = host
        self.port = port
        self.channel = channel
    }

    /// Binds `host:port` (port 0 picks a free one) and serves `registry`.
    /// - Throws: The socket error when the address cannot be bound.
    public static func start(host: String, port: Int, registry: PrometheusCollectorRegistry) async throws -> MetricsServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try child.pipeline.syncOperations.addHandler(MetricsHandler(registry: registry))
                }
            }
            .bind(host: host, port: port).get()
        return MetricsServer(host: host, port: channel.localAddress?.port ?? port, channel: channel)
    }

    /// Stops accepting connections and closes the socket.
    public func stop() async {
        try? await channel.close()
    }
}

/// Answers one HTTP/1.1 request at a time on a connection.
private final class MetricsHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let registry: PrometheusCollectorRegistry
    private var head: HTTPRequestHead?

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let h = head else { return }
            head = nil
            let path = h.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? h.uri
            let status: HTTPResponseStatus
            let type: String
            var body: [UInt8]
            if path != "/metrics" {
                (status, type, body) = (.notFound, "text/plain; charset=utf-8", Array("not found: try /metrics\n".utf8))
            } else if h.method != .GET && h.method != .HEAD {
                (status, type, body) = (.methodNotAllowed, "text/plain; charset=utf-8", Array("GET /metrics\n".utf8))
            } else {
                (status, type, body) = (.ok, "text/plain; version=0.0.4; charset=utf-8", registry.emitToBuffer())
            }
            var response = HTTPResponseHead(version: h.version, status: status)
            response.headers.add(name: "content-type", value: type)
            response.headers.add(name: "content-length", value: String(body.count))
            if status == .methodNotAllowed { response.headers.add(name: "allow", value: "GET, HEAD") }
            if !h.isKeepAlive { response.headers.add(name: "connection", value: "close") }
            if h.method == .HEAD { body = [] }
            context.write(wrapOutboundOut(.head(response)), promise: nil)
            if !body.isEmpty { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil) }
            let keepAlive = h.isKeepAlive
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { context.close(promise: nil) }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
