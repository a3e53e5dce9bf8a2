import Cluster
import Commands
import Foundation

/// Feeds an input to kubesim as a `-f` file, the way `kubectl apply -f FILE` reads one: the
/// bytes go to a file in the target's own temporary folder, and a command line naming it goes
/// through `Session.execute`, the one path every command takes. A refused file must say why in
/// kubectl's words and leave the cluster as it was; apply is per document on the write side, so
/// a file some of whose objects were written may still report failures for the others.
final class ManifestFileDriver {
    private var session = CommandLineFuzzTarget.freshSession()
    private var writes = 0
    private let file: FuzzScratchFile

    init(target: String, fileExtension: String) {
        file = FuzzScratchFile(target: target, name: "manifest.\(fileExtension)")
    }

    /// Which command reads the file depends on the input alone, so a saved input replays the
    /// same way: mostly `apply -f`, sometimes `create -f`, without validation, or with `-n`.
    static func commandLine(for input: [UInt8], file: String) -> String {
        switch input.reduce(0, { $0 &+ Int($1) }) % 8 {
        case 0: "create -f \(file)"
        case 1: "apply -f \(file) --validate=false"
        case 2: "apply -n team-a -f \(file)"
        case 3: "create --save-config -f \(file)"
        default: "apply -f \(file)"
        }
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        try file.write(input)
        let cluster = session.cluster
        cluster.advance(by: .zero)
        let before = cluster.store.currentResourceVersion
        let output = session.execute(Self.commandLine(for: input, file: file.path), finishingDueWork: false).output
        let changed = cluster.store.currentResourceVersion != before
        try FuzzChecks.plainText(output.stdout)
        if output.failed {
            try FuzzChecks.kubectlError(output.stderr)
            try FuzzChecks.kubectlWording(output.stderr)
            if changed && output.stdout.isEmpty {
                throw FuzzFinding("a refused file changed the cluster: \(output.stderr.prefix(160))")
            }
        }
        if changed { writes += 1 }
        // Keep the cluster small and the run's cost per input flat.
        if writes >= 200 || cluster.store.count(Pod.self) > 2_000 {
            session = CommandLineFuzzTarget.freshSession()
            writes = 0
        }
        if output.failed { return FuzzBehaviour((output.stdout.isEmpty ? "refused: " : "partly: ") + output.stderr) }
        return FuzzBehaviour("ran: " + output.stdout)
    }
}
