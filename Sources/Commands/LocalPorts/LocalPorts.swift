import Cluster

/// The real local ports a session has open: `kubectl port-forward`s still running and
/// `sim serve` listeners, so `sim serve --stop` finds its listener and kubesim closes them all
/// on its way out.
public final class LocalPorts {
    public let opener: any LocalListenerOpener
    /// `sim serve` listeners by local port.
    private(set) var served: [Int: ServedService] = [:]
    /// Port-forwards still open, closed by `closeAll`.
    private var forwards: [ObjectIdentifier: PortForwardOperation] = [:]

    public init(opener: any LocalListenerOpener) { self.opener = opener }

    /// One `sim serve` listener.
    struct ServedService {
        var service: String
        var namespace: String
        var listener: any LocalListener
    }

    func addServed(_ served: ServedService) { self.served[served.listener.port] = served }

    func removeServed(port: Int) -> ServedService? { served.removeValue(forKey: port) }

    func track(_ forward: PortForwardOperation) { forwards[ObjectIdentifier(forward)] = forward }

    func untrack(_ forward: PortForwardOperation) { forwards.removeValue(forKey: ObjectIdentifier(forward)) }

    /// Ports open now, for a status line or a test: `sim serve` ports and forwarded ones.
    public var openPorts: [Int] {
        (served.keys + forwards.values.flatMap(\.localPorts)).sorted()
    }

    /// Closes every listener (kubesim is exiting).
    public func closeAll() {
        for forward in forwards.values { forward.interrupt() }
        forwards = [:]
        for entry in served.values { entry.listener.close() }
        served = [:]
    }
}
