import APIServer
import ArgumentParser
import Cluster
import Commands
import Foundation

/// `kubesim run`: the headless shell.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run kubectl commands against a simulated cluster without a screen.",
        discussion: """
            Reads lines from FILE or standard input. A line is a kubectl command (the word kubectl \
            is optional), `sleep DURATION` (advance virtual time by a Go duration up to a year: 10s, 2m, 1h30m, 200h), `sim fail NODE`, \
            `sim recover NODE`, `sim add-node [NAME] [--cpu N] [--memory Q]`, `sim image [IMAGE] [--missing] [--pull-time D] \
            [--size S] [--ready-after D] [--crash-after D] [--exit-code N] [--reset]`, `sim crash pod/NAME [-c CONTAINER]`, \
            `sim traffic svc/NAME [--rps N | --stop]` (simulated requests to a service; `sim traffic` lists them), \
            `sim serve service/NAME --port N` (a real port on 127.0.0.1 balanced over the service's ready pods; \
            `sim serve --stop N`), or a # comment. `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE` opens a real \
            port answered by one pod and blocks in real time until that pod goes or Ctrl-C. \
            Exits 1 if any line failed.
            """
    )

    @Option(name: .long, help: "Read commands from FILE instead of standard input.")
    var script: String?

    @Option(name: .long, help: "Play a scenario (a built-in NAME, see `kubesim scenarios`, or a PATH to a .yaml file).")
    var scenario: String?

    @OptionGroup var options: ClusterOptions

    /// A script is a list of command lines: 16 MiB is far more than anyone types.
    static let scriptLimit = 16 * 1024 * 1024

    func run() throws {
        if let scenario {
            guard script == nil else {
                FileHandle.standardError.write(Data("error: --script and --scenario cannot be used together\n".utf8))
                throw ExitCode(1)
            }
            return try runScenario(scenario)
        }
        let text: String
        if let script {
            // Read as every file a user names is (BoundedFile): /dev/zero or a pipe is refused,
            // not read until memory runs out, and the refusal says why.
            func refuse(_ reason: String) -> ExitCode {
                FileHandle.standardError.write(Data("error: cannot read script \"\(script)\": \(reason)\n".utf8))
                return ExitCode(1)
            }
            let bytes: [UInt8]
            do {
                bytes = try BoundedFile.read(script, limit: Self.scriptLimit)
            } catch {
                throw refuse(error.explanation(limit: Self.scriptLimit))
            }
            guard let contents = String(bytes: bytes, encoding: .utf8) else { throw refuse("it is not UTF-8 text") }
            text = contents
        } else {
            var lines: [String] = []
            while let line = readLine() { lines.append(line) }
            text = lines.joined(separator: "\n")
        }
        let session = try options.makeSession()
        // kubectl port-forward blocks in real time on a real port until its pod goes or Ctrl-C.
        let interrupt = ShellInterrupt()
        interrupt.install()
        let opener = InterruptibleListeners(queue: ClusterJobQueue(), interrupt: interrupt)
        let ports = LocalPorts(opener: opener)
        session.localPorts = ports
        let runner = ScriptRunner(session: session) { stream, chunk in
            let handle = stream == .out ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data(chunk.utf8))
        }
        let ok = runner.run(script: text)
        ports.closeAll()
        opener.listeners.shutdown()
        if !ok { throw ExitCode(1) }
    }
}
