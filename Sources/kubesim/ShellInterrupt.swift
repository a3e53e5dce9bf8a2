import APIServer
import Cluster
import Commands
import Dispatch
import Foundation

/// Ctrl-C in the headless shell: while a command blocks on a real port (port-forward) it stops
/// that command, as kubectl stops on SIGINT, and the script goes on; at any other time it ends
/// kubesim at once, as before (status 130).
final class ShellInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var blocking = false
    private var source: (any DispatchSourceSignal)?

    func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in
            let stopsCommand = lock.withLock {
                if blocking { requested = true }
                return blocking
            }
            if !stopsCommand { Foundation.exit(130) }
        }
        source.resume()
        self.source = source
    }

    /// Whether Ctrl-C was pressed during this wait (the flag is consumed).
    func consume() -> Bool {
        lock.withLock {
            defer { requested = false }
            return requested
        }
    }

    func setBlocking(_ value: Bool) { lock.withLock { blocking = value; requested = false } }
}

/// The headless shell's listeners: a real-time wait is where Ctrl-C stops a command.
final class InterruptibleListeners: LocalListenerOpener {
    let listeners: LocalHTTPListeners
    let interrupt: ShellInterrupt

    init(queue: ClusterJobQueue, interrupt: ShellInterrupt) {
        self.interrupt = interrupt
        listeners = LocalHTTPListeners(queue: queue, interrupted: { interrupt.consume() })
    }

    func listen(host: String, port: Int, handler: any LocalHTTPHandler) throws(LocalListenError) -> any LocalListener {
        try listeners.listen(host: host, port: port, handler: handler)
    }

    func runInRealTime(_ cluster: Cluster, until done: () -> Bool) -> Bool {
        interrupt.setBlocking(true)
        defer { interrupt.setBlocking(false) }
        return listeners.runInRealTime(cluster, until: done)
    }
}
