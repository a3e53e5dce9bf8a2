import Cluster

/// The status line: the last command's result or error, in kubectl's words.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var at: SimTime
}

/// A command still running (a drain waiting for evictions, a delete waiting for the pod to go):
/// polled every tick while the screen stays live.
final class RunningCommand {
    let line: String
    let operation: any ClusterOperation
    var output: CommandOutput

    init(line: String, operation: any ClusterOperation, output: CommandOutput) {
        self.line = line
        self.operation = operation
        self.output = output
    }
}

import Commands
