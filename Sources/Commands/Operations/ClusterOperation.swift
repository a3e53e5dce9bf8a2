import Cluster

/// A command that, like kubectl, keeps running after its first output until the cluster reaches
/// some state (`delete` waiting for objects to go, `drain` waiting for evictions). It is polled
/// as virtual time passes, so the headless shell can run it to the end and the dashboard can
/// keep drawing meanwhile.
public protocol ClusterOperation: AnyObject {
    /// Looks at the cluster, writes whatever the command would print by now, and returns true
    /// once the command has finished.
    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool

    /// When the command gives up by itself (its `--timeout`, a sleep's end), if it has such a
    /// moment; the headless shell runs the clock at least this far before calling it hung.
    var deadline: SimTime? { get }
}

extension ClusterOperation {
    public var deadline: SimTime? { nil }
}

/// The result of running one command line: what it printed at once, and the part still running.
public struct Execution {
    public var output: CommandOutput
    public var operation: (any ClusterOperation)?

    public init(output: CommandOutput = CommandOutput(), operation: (any ClusterOperation)? = nil) {
        self.output = output
        self.operation = operation
    }

    static func failure(_ error: KubectlError) -> Execution {
        var out = CommandOutput()
        out.fail(error.message)
        return Execution(output: out)
    }

    /// Runs a command's body; whatever it throws is printed to standard error the way kubectl's
    /// CheckErr prints it, and the command fails. The body may return an operation still running.
    static func capturing(_ body: (inout CommandOutput) throws -> (any ClusterOperation)?) -> Execution {
        var out = CommandOutput()
        do {
            let operation = try body(&out)
            return Execution(output: out, operation: operation)
        } catch {
            out.fail(kubectlMessage(for: error))
            return Execution(output: out)
        }
    }

    static func kubectlMessage(for error: any Error) -> String {
        switch error {
        case let e as KubectlError: e.message
        case let e as APIError: e.kubectlMessage
        case let e as SelectorParser.ParseError: "error: \(e.description)"
        default: "error: \(error)"
        }
    }
}

/// Waits until the named objects are gone (kubectl delete's default `--wait=true`), then prints
/// nothing more; fails with kubectl's timeout message when `timeout` passes first.
final class WaitForDeletion: ClusterOperation {
    private let targets: [(kind: Kind, key: ObjectKey, uid: String)]
    let deadline: SimTime?

    init(targets: [(kind: Kind, key: ObjectKey, uid: String)], deadline: SimTime) {
        self.targets = targets
        self.deadline = deadline
    }

    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool {
        let remaining = targets.filter { cluster.store.object(kind: $0.kind, key: $0.key)?.metadata.uid == $0.uid }
        if remaining.isEmpty { return true }
        if let deadline, cluster.now >= deadline {
            for t in remaining {
                output.fail("error: timed out waiting for the condition on \(t.kind.resource)/\(t.key.name)")
            }
            return true
        }
        return false
    }
}

/// A command that waits on the real world as well as the cluster (a port-forward answering real
/// connections): the headless shell runs the clock in real time while it runs, rather than
/// racing virtual time to its end.
public protocol RealTimeOperation: ClusterOperation {
    /// The user stopped it (Ctrl-C): it lets go of what it holds and prints nothing more.
    func interrupt()
}
