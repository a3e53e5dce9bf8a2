import APIServer
import ArgumentParser
import Cluster
import Commands
import Foundation
import KubeAPI
import Terminal

/// `kubesim serve`: the cluster headless in real time, behind the Kubernetes API.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Kubernetes API of a simulated cluster, for the real kubectl and client libraries.",
        discussion: """
            Runs the cluster in real time without a screen and serves its API over plain HTTP. \
            Writes a kubeconfig (context kubesim) and prints the `export KUBECONFIG=…` line to \
            point kubectl at it. Ctrl-C stops it.
            """
    )

    @Option(help: ArgumentHelp("Listen on ADDR (host:port, default \(ListenAddress.loopbackDefault); port 0 picks a free one). Any address but loopback serves the API, without authentication, to the network.", valueName: "addr"))
    var listen: String?

    @Option(help: ArgumentHelp("Write the kubeconfig to FILE (default $XDG_STATE_HOME/kubesim/kubeconfig). An existing file keeps its other clusters.", valueName: "file"))
    var kubeconfig: String?

    @Option(help: "Virtual seconds per real second.")
    var speed: Double = 1

    @Option(help: "Play a scenario (a built-in NAME, see `kubesim scenarios`, or a PATH) from start to end while serving; its output goes to standard output.")
    var scenario: String?

    @OptionGroup var options: ClusterOptions

    // Hidden: tests shorten these so that a slow client is seen cut off in seconds.
    @Option(help: ArgumentHelp("Close a connection that sends no complete request for SECONDS (default 90).", valueName: "seconds", visibility: .hidden))
    var idleTimeout: Int?

    @Option(help: ArgumentHelp("Cut off a request whose body has not all arrived SECONDS after its head (default 60).", valueName: "seconds", visibility: .hidden))
    var readTimeout: Int?

    /// Longest timeout the options take (a day): NIO counts time in nanoseconds in an Int64.
    static let longestTimeoutSeconds = 86_400

    func validate() throws {
        guard speed > 0, speed.isFinite, speed <= 10_000 else { throw ValidationError("--speed must be a number above 0 and at most 10000") }
        for (name, seconds) in [("--idle-timeout", idleTimeout), ("--read-timeout", readTimeout)] {
            if let seconds, !(1...Self.longestTimeoutSeconds).contains(seconds) {
                throw ValidationError("\(name) must be a whole number of seconds from 1 to \(Self.longestTimeoutSeconds)")
            }
        }
    }

    /// The server's limits with the timeouts given on the command line.
    var limits: APIServerLimits {
        var limits = APIServerLimits()
        if let idleTimeout { limits.idleTimeoutSeconds = Int64(idleTimeout) }
        if let readTimeout { limits.requestReadTimeoutSeconds = Int64(readTimeout) }
        return limits
    }

    func run() throws {
        let presented = try loadScenarioOption(scenario)
        SimTime.anchorCalendarToNow()
        let session = try options.makeSession()
        TerminalSignals.install()
        let queue = ClusterJobQueue()
        let listeners = LocalHTTPListeners(queue: queue, speed: speed)
        session.localPorts = LocalPorts(opener: listeners)
        let handler = KubeAPIHandler(cluster: session.cluster)
        let serving = try APIServing.start(listen: listen, kubeconfig: kubeconfig, limits: limits, queue: queue) { handler.handle($0) }
        try? FileHandle.standardOutput.write(contentsOf: Data(serving.announcement.utf8))

        let runner = RealTimeClusterRunner(cluster: session.cluster, queue: queue, speed: speed)
        let show = presented.map { ScenarioShow(scenario: $0, session: session) }
        runner.run(until: { TerminalSignals.terminationRequested }, eachTurn: { show?.step() })
        serving.server.stop()
        session.localPorts?.closeAll()
        listeners.shutdown()
        // Ctrl-C is the way to stop a server: a clean exit. Any other signal ends it as a
        // process killed by that signal would (SIGTERM 143), as the dashboard does.
        let signal = TerminalSignals.receivedSignal
        Foundation.exit(signal == SIGINT ? 0 : TerminalSignals.exitStatus ?? 0)
    }
}

/// A scenario played through to the end on a live cluster, part after part, its transcript
/// printed as it goes.
final class ScenarioShow {
    let player: ScenarioPlayer
    let session: Session
    private var running: (any ClusterOperation)?
    private var reported = false

    init(scenario: Scenario, session: Session) {
        player = ScenarioPlayer(scenario: scenario)
        self.session = session
    }

    /// Called every turn of the real-time loop.
    func step() {
        if let operation = running {
            var output = CommandOutput()
            let done = operation.poll(session.cluster, into: &output)
            print(output)
            if done { running = nil }
            return
        }
        if player.isFinished || player.failure != nil {
            if let failure = player.failure, !reported {
                reported = true
                FileHandle.standardError.write(Data((failure + "\n").utf8))
            }
            return
        }
        let execution = player.advance(session: session)
        print(execution.output)
        running = execution.operation
    }

    private func print(_ output: CommandOutput) {
        for chunk in output.chunks {
            // A reader that went away (`| head`) must not stop the server: write errors are dropped.
            try? (chunk.stream == .out ? FileHandle.standardOutput : FileHandle.standardError).write(contentsOf: Data(chunk.text.utf8))
        }
    }
}
