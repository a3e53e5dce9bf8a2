import Cluster

/// The container `kubectl logs POD` reads when none is named (the default-container
/// annotation, else the first), for the other front ends: the dashboard's log view.
public enum DefaultLogContainer {
    public static func name(of pod: Pod) -> String {
        var notes = CommandOutput()
        return LogsCommand.defaultContainer(of: pod, into: &notes)
    }
}
