import Cluster

/// The status line: the last command's result or error, in kubectl's words.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var at: SimTime
    /// Lines of the same output not shown (`o` shows them all).
    public var moreLines = 0
    /// Printed by a command still running (a drain's progress), rather than a finished one.
    public var byRunningCommand = false

    public init(text: String, isError: Bool, at: SimTime, moreLines: Int = 0, byRunningCommand: Bool = false) {
        self.text = text
        self.isError = isError
        self.at = at
        self.moreLines = moreLines
        self.byRunningCommand = byRunningCommand
    }
}

/// A command still running (a drain waiting for evictions, a delete waiting for the pod to go):
/// polled every tick while the screen stays live.
final class RunningCommand {
    let line: String
    let operation: any ClusterOperation
    var output: CommandOutput
    /// Virtual time it started: status messages older than this are not its own.
    let startedAt: SimTime
    /// Typed at the `:` prompt (Esc may stop it), not set off by a key (a drain, a kill's wait).
    let typed: Bool

    init(line: String, operation: any ClusterOperation, output: CommandOutput, startedAt: SimTime, typed: Bool = false) {
        self.line = line
        self.startedAt = startedAt
        self.operation = operation
        self.output = output
        self.typed = typed
    }
}

import Commands
