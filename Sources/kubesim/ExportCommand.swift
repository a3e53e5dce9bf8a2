import ArgumentParser
import Commands
import Foundation

/// `kubesim export`: the cluster the options and `--file` manifests build, written as
/// Kubernetes manifests that `kubectl apply -f` (or `kubesim --file`) takes back.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the cluster as Kubernetes manifests (Nodes, Deployments, DaemonSets, and Pods and ReplicaSets without an owner).",
        discussion: "The manifests hold what was declared, not status or server-set fields, so they apply back to an empty cluster (kubesim --nodes 0 --file FILE) and to a real one."
    )

    @Option(name: [.short, .customLong("output")], help: "Write to FILE instead of standard output.")
    var output: String?

    @OptionGroup var options: ClusterOptions

    func run() throws {
        let manifests = ManifestExporter.export(try options.makeSession().cluster)
        guard let output else { return print(manifests, terminator: "") }
        do {
            try OutputFile.write(Data(manifests.utf8), to: output)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
