/// A `host:port` to listen on, as `--listen` and `--serve=` take it (`127.0.0.1:6443`,
/// `[::1]:0`, `:8080` for every interface).
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// The port kube-apiserver listens on.
    public static let defaultPort = 6443
    public static let loopbackDefault = ListenAddress(host: "127.0.0.1", port: defaultPort)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; nil (with the reason) when it is not one.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        guard let colon = text.lastIndex(of: ":") else {
            return .failure(ListenAddressError("address \(text): missing port in address"))
        }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        else if host.contains(":") { return .failure(ListenAddressError("address \(text): too many colons in address")) }
        guard let port = Int(portText), (0...65535).contains(port) else {
            return .failure(ListenAddressError("address \(text): invalid port"))
        }
        return .success(ListenAddress(host: host.isEmpty ? "0.0.0.0" : host, port: port))
    }

    /// Whether only this machine can connect (127.0.0.0/8, ::1, localhost).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `127.0.0.1:6443`, `[::1]:6443`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The URL clients use: an unspecified address is reached through loopback.
    public var url: String {
        let reachable = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        return "http://" + ListenAddress(host: reachable, port: port).description
    }
}

public struct ListenAddressError: Error, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
