import ArgumentParser
import Foundation

/// `kubesim kubeconfig`: where `kubesim serve` writes its kubeconfig, as the line to paste.
struct KubeconfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeconfig",
        abstract: "Print the export KUBECONFIG=… line that points kubectl at `kubesim serve`.",
        discussion: "Use it as `eval \"$(kubesim kubeconfig)\"`. The file is written by `kubesim serve` and `kubesim --serve` when they start."
    )

    @Option(help: ArgumentHelp("The kubeconfig given to `kubesim serve --kubeconfig`.", valueName: "file"))
    var kubeconfig: String?

    @Flag(help: "Print the kubeconfig itself instead.")
    var view = false

    func run() throws {
        let path = KubeconfigFile.resolve(kubeconfig)
        let exists = FileManager.default.fileExists(atPath: path)
        if view {
            guard exists, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                FileHandle.standardError.write(Data("error: no kubeconfig at \(path) yet: start `kubesim serve` first\n".utf8))
                throw ExitCode(1)
            }
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        print(KubeconfigFile.exportLine(path))
        if !exists {
            FileHandle.standardError.write(Data("note: \(path) is written when `kubesim serve` starts\n".utf8))
        }
    }
}
