import Foundation
public import LeadCore
import NIOSSL
import PostgresNIO

/// TLS to PostgreSQL as libpq users know it, from `?sslmode=…&sslrootcert=…` in the queue URL.
///
/// | `sslmode` | encrypted | certificate checked | host name checked |
/// |---|---|---|---|
/// | `disable` | never | – | – |
/// | `prefer` (default, as in libpq) | if the server offers TLS | no | no |
/// | `require` | always | only when `sslrootcert` is given (then as `verify-ca`, as libpq does) | no |
/// | `verify-ca` | always | yes | no |
/// | `verify-full` | always | yes | yes (DNS name or IP address in the certificate) |
///
/// `sslrootcert=FILE` is a PEM file of trusted CA certificates; `sslrootcert=system` is the system
/// trust store. Without it, `verify-ca`/`verify-full` use `~/.postgresql/root.crt` when it exists
/// (libpq's default) and otherwise the system trust store (where libpq would refuse to connect).
/// libpq's `allow` (plain first, TLS as a fallback) is not supported: `prefer` or stronger.
/// `prefer` and `require` without a root certificate encrypt but cannot detect an impostor:
/// use `verify-full` on networks you do not control.
public struct PostgresTLS: Sendable, Equatable {
    /// libpq's `sslmode` values that leadsmith supports.
    public enum Mode: String, Sendable, CaseIterable {
        /// Never encrypt.
        case disable
        /// Encrypt when the server offers TLS, else connect unencrypted; no certificate check.
        case prefer
        /// Always encrypt; the certificate is checked only when `sslrootcert` is given.
        case require
        /// Always encrypt; the certificate must chain to a trusted root.
        case verifyCA = "verify-ca"
        /// Always encrypt; the certificate must chain to a trusted root and name the host.
        case verifyFull = "verify-full"
    }

    /// The mode.
    public var mode: Mode
    /// `sslrootcert`: a PEM file path, `system`, or `nil` for the default.
    public var rootCertificate: String?

    /// Creates a TLS setting.
    public init(mode: Mode = .prefer, rootCertificate: String? = nil) {
        self.mode = mode
        self.rootCertificate = rootCertificate
    }

    /// libpq's default: TLS when the server offers it, without certificate checks.
    public static let `default` = PostgresTLS()

    /// Whether the server's certificate chain is checked against trusted roots.
    var verifiesCertificate: Bool {
        switch mode {
        case .disable, .prefer: return false
        case .require: return rootCertificate != nil
        case .verifyCA, .verifyFull: return true
        }
    }

    /// Reads `sslmode` and `sslrootcert` from URL query items; anything else is refused.
    /// - Throws: `usage` (64) for an unknown parameter or `sslmode` value.
    static func parse(_ items: [URLQueryItem]) throws(LeadsmithError) -> PostgresTLS {
        var tls = PostgresTLS()
        for item in items {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                if value == "allow" {
                    throw LeadsmithError(.usage, "--queue: sslmode=allow is not supported (it tries an unencrypted connection first); use disable, prefer, require, verify-ca or verify-full")
                }
                guard let mode = Mode(rawValue: value) else {
                    throw LeadsmithError(.usage, "--queue: unknown sslmode=\(value); use disable, prefer, require, verify-ca or verify-full")
                }
                tls.mode = mode
            case "sslrootcert":
                guard !value.isEmpty else { throw LeadsmithError(.usage, "--queue: sslrootcert needs a PEM file path (or `system`)") }
                tls.rootCertificate = value
            default:
                throw LeadsmithError(.usage, "--queue: unsupported URL parameter \(item.name); supported: sslmode, sslrootcert")
            }
        }
        return tls
    }

    /// The NIOSSL client configuration for this mode (`nil` for `disable`), with the root
    /// certificates loaded now so a bad file is reported before any connection is tried.
    /// - Throws: `bad_rules` (78: configuration) when `sslrootcert` cannot be read as PEM certificates.
    func tlsConfiguration() throws(LeadsmithError) -> TLSConfiguration? {
        guard mode != .disable else { return nil }
        var config = TLSConfiguration.makeClientConfiguration()
        if verifiesCertificate {
            config.certificateVerification = mode == .verifyFull ? .fullVerification : .noHostnameVerification
            config.trustRoots = try trustRoots()
        } else {
            config.certificateVerification = .none
        }
        return config
    }

    /// postgres-nio's pool setting for this mode.
    func clientTLS() throws(LeadsmithError) -> PostgresClient.Configuration.TLS {
        guard let config = try tlsConfiguration() else { return .disable }
        return mode == .prefer ? .prefer(config) : .require(config)
    }

    /// postgres-nio's single-connection setting for this mode (the first connection, whose errors are reported).
    func connectionTLS() throws(LeadsmithError) -> PostgresConnection.Configuration.TLS {
        guard let config = try tlsConfiguration() else { return .disable }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: config) } catch {
            throw LeadsmithError(.badRules, "--queue: cannot set up TLS (\(error))", file: rootCertificate)
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }

    private func trustRoots() throws(LeadsmithError) -> NIOSSLTrustRoots {
        var path = rootCertificate
        if path == nil {
            let home = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".postgresql/root.crt").path
            if FileManager.default.isReadableFile(atPath: home) { path = home }
        }
        guard let path, path != "system" else { return .default }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw LeadsmithError(.badRules, "--queue: sslrootcert file not found or not readable", file: path)
        }
        let certificates: [NIOSSLCertificate]
        do { certificates = try NIOSSLCertificate.fromPEMFile(path) } catch {
            throw LeadsmithError(.badRules, "--queue: sslrootcert is not a PEM file of CA certificates (\(error))", file: path)
        }
        guard !certificates.isEmpty else {
            throw LeadsmithError(.badRules, "--queue: sslrootcert holds no PEM certificate", file: path)
        }
        return .certificates(certificates)
    }

    /// A clear sentence for a failed TLS connection, or `nil` when `error` is not about TLS.
    static func explain(_ error: any Error, host: String, tls: PostgresTLS) -> String? {
        let underlying = (error as? PSQLError)?.underlying ?? error
        let mode = "sslmode=\(tls.mode.rawValue)"
        if let p = error as? PSQLError, p.code == .sslUnsupported {
            return "the server does not accept TLS connections (\(mode)); enable ssl on the server, or use sslmode=prefer or disable"
        }
        if let e = underlying as? NIOSSLExtraError, e == .failedToValidateHostname {
            return "the server's TLS certificate is not valid for host \"\(host)\" (\(mode) checks the host name); "
                + "connect with a name the certificate lists, or use sslmode=verify-ca"
        }
        if let e = underlying as? NIOSSLError {
            switch e {
            case .handshakeFailed(let boring):
                let text = "\(boring)"
                if text.contains("CERTIFICATE_VERIFY_FAILED") || text.lowercased().contains("certificate verify failed") {
                    return "the server's TLS certificate is not signed by a trusted root (\(mode)"
                        + (tls.rootCertificate.map { ", sslrootcert=\($0)" } ?? ", system trust store") + ")"
                }
                return "TLS handshake with the server failed (\(mode)): \(text)"
            case .unableToValidateCertificate, .noCertificateToValidate:
                return "the server's TLS certificate could not be checked (\(mode))"
            default:
                return "TLS error (\(mode)): \(e)"
            }
        }
        return nil
    }
}
