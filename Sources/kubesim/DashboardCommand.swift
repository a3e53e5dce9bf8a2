import APIServer
import ArgumentParser
import Cluster
import Commands
import Dashboard
import Foundation
import KubeAPI
import Terminal

/// `kubesim` with no subcommand: the live dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default).",
        discussion: "Starts a demo cluster: three nodes and the deployment hello-kiamol-2 at 3 replicas (or what --file manifests describe). Press ? for keys."
    )

    // --empty is `--preset empty` now, kept for scripts but out of the usage line: a thirteenth
    // listed option and ArgumentParser shortens the root usage line to `kubesim <options>`.
    @Flag(help: ArgumentHelp("Start with nodes only, no deployment (--preset empty).", visibility: .hidden)) var empty = false
    @Option(help: ArgumentHelp("Start with a preset workload instead of the demo deployment: empty (nodes only) or large (1,500 deployments × 100 replicas, created over the first frames; with --nodes 5000, Kubernetes' documented limits).", valueName: "name"))
    var preset: String?
    @Option(help: "Theme name (default, light, high-contrast, mono, solarized-dark) or path to a theme file.") var theme: String?
    @Option(help: "Record what the dashboard shows to FILE as an asciicast v2 recording (asciinema play FILE).") var record: String?
    @Option(help: "Present a scenario (a built-in NAME, see `kubesim scenarios`, or a PATH): PageDown/→ plays the next part.") var scenario: String?
    @Flag(help: "With --scenario, play each part after the previous one without waiting for a key.") var autoplay = false
    @Flag(help: "With --autoplay, start over after the end on a fresh cluster made with the same options (for a booth).") var loop = false
    // No --kubeconfig here: one more option and ArgumentParser shortens the root usage line to
    // `kubesim <options>`. The kubeconfig goes where `kubesim kubeconfig` says (XDG_STATE_HOME).
    @Option(help: ArgumentHelp("Also serve the Kubernetes API on ADDR (host:port; `--serve` alone: \(ListenAddress.loopbackDefault)), so the real kubectl drives what the dashboard shows. The kubeconfig is written where `kubesim kubeconfig` says.", valueName: "addr"))
    var serve: String?
    @OptionGroup var options: ClusterOptions

    /// What `--serve` alone means (main.swift gives it this value).
    static let serveDefault = ListenAddress.loopbackDefault.description

    func run() throws {
        guard TerminalScreen.standardOutputIsTerminal else {
            FileHandle.standardError.write(Data("error: the dashboard needs a terminal; without one, use `kubesim run` (for example `kubesim run --script FILE`)\n".utf8))
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let library = ThemeLibrary.locate()
        let chosen: Theme
        do {
            chosen = try Self.pickTheme(theme, noColor: noColor, library: library)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }

        let workload = try preset.flatMap { name -> WorkloadPreset? in
            if name == "empty" { return nil }
            guard let workload = WorkloadPreset(rawValue: name) else {
                FileHandle.standardError.write(Data("error: unknown preset \"\(name)\": use \(WorkloadPreset.names)\n".utf8))
                throw ExitCode(1)
            }
            return workload
        }
        let presented = try loadScenarioOption(scenario)
        if presented == nil && autoplay {
            FileHandle.standardError.write(Data("error: --autoplay needs --scenario\n".utf8))
            throw ExitCode(1)
        }
        if loop && !autoplay {
            FileHandle.standardError.write(Data("error: --loop needs --autoplay\n".utf8))
            throw ExitCode(1)
        }
        // Clients of the API read timestamps against their own clock.
        if serve != nil { SimTime.anchorCalendarToNow() }
        let session = try options.makeSession()
        // Manifests and scenarios replace the demo deployment.
        if !empty && preset != "empty" && options.files.isEmpty && presented == nil && workload == nil {
            DemoDeployment.create(in: session.cluster)
        }
        // The API answers from the dashboard's cluster (a looping scenario replaces it).
        let apiBinding = DashboardAPIBinding(session: session)
        var serving: APIServing? = nil
        let jobs = ClusterJobQueue()
        // port-forward and sim serve answer on the frame loop's thread, through the same queue.
        let listeners = LocalHTTPListeners(queue: jobs)
        let ports = LocalPorts(opener: listeners)
        session.localPorts = ports
        if let serve {
            serving = try APIServing.start(listen: serve, option: "--serve", kubeconfig: nil, queue: jobs) {
                apiBinding.handle($0)
            }
            FileHandle.standardOutput.write(Data(serving!.announcement.utf8))
        }
        TerminalSignals.install()
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(noColor: noColor)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        defer { screen.close() }
        var recorder: AsciicastRecorder? = nil
        if let record {
            do {
                recorder = try AsciicastRecorder(file: URL(fileURLWithPath: record), width: screen.size.width,
                                                 height: screen.size.height, title: "kubesim")
            } catch {
                screen.close()
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        defer { recorder?.close() }
        let dashboard = Dashboard(session: session, theme: chosen, themes: library.directory == nil ? nil : library,
                                  history: CommandHistory.load(from: CommandHistory.defaultFile()))
        if screen.palette == .none && theme == nil, let mono = try? library.load("mono") { dashboard.use(mono) }
        // A binary away from its checkout finds no themes: the mono it falls back to is explained.
        if library.directory == nil && theme == nil && !noColor { dashboard.say("\(ThemeLibrary.missing): showing mono") }
        apiBinding.dashboard = dashboard
        if let workload { dashboard.runBetweenFrames(workload.lines, label: "preset \(workload.rawValue)") }
        if let presented {
            // Each round of a loop starts from the cluster the first one started from: the
            // scenario's own steps (create, relabel, delete) would not replay on a used one.
            let options = options
            dashboard.present(presented, autoplay: autoplay, restartWith: loop ? {
                let fresh = try? options.makeSession()
                fresh?.localPorts = ports
                return fresh
            } : nil)
        }
        MainLoop(dashboard: dashboard, screen: screen, recorder: recorder, jobs: jobs, serving: serving != nil, ports: ports).run()
        serving?.server.stop()
        ports.closeAll()
        listeners.shutdown()
        screen.close()
        recorder?.close()
        // Exit now: tearing down a cluster of 100,000 pods object by object takes seconds, and
        // the shell prompt waits for it. After a signal, exit as a process killed by it would
        // look to the shell (128 + n: SIGTERM 143, SIGHUP 129).
        Foundation.exit(TerminalSignals.exitStatus ?? 0)
    }

    static func pickTheme(_ requested: String?, noColor: Bool, library: ThemeLibrary) throws -> Theme {
        if let requested { return try library.load(requested) }
        let name = noColor ? "mono" : "default"
        return (try? library.load(name)) ?? Theme.builtInMono
    }
}

/// Poll input with a timeout → apply → advance the clock by real time × speed → render → draw
/// the difference. Nothing is drawn when nothing changed. The clock advances in slices of at
/// most `simulationSlice` of real time; while the cluster is behind, the loop polls input
/// without waiting and works through the backlog frame by frame, so keys and signals are
/// answered within a frame whatever the cluster is doing.
struct MainLoop {
    let dashboard: Dashboard
    let screen: TerminalScreen
    /// Receives every frame drawn, with its real time, when recording.
    let recorder: AsciicastRecorder?
    /// The API's requests and real local ports' (port-forward, sim serve): run every frame, so a
    /// change made with kubectl shows at once.
    var jobs: ClusterJobQueue? = nil
    /// Whether the API is served: requests then wait at most 10 ms for the loop.
    var serving = false
    /// Real local ports: while one is open, its requests wait at most 10 ms too.
    var ports: LocalPorts? = nil

    /// Real time the simulation may take per frame.
    static let simulationSliceMilliseconds = 10
    /// While time runs and the cluster has caught up, the loop wakes this long after the last
    /// frame began (not after the work it did). The slice that follows a wake-up takes up to
    /// ~20 ms during a scale-up, so frames come no more than ~50 ms apart (issue 7's goal), and
    /// a steady cluster still costs almost nothing.
    static let runningWaitMilliseconds = 30
    /// The wait while paused: only keys change the picture then.
    static let pausedWaitMilliseconds = 500

    /// How long to wait for a key now: nothing while the cluster is behind, else what is left
    /// of the period since the cycle began `elapsedMilliseconds` ago.
    static func inputWait(elapsedMilliseconds: Int, behind: Bool, paused: Bool) -> Int {
        if behind { return 0 }
        return max(0, (paused ? pausedWaitMilliseconds : runningWaitMilliseconds) - elapsedMilliseconds)
    }
    static let simulationSlice = Duration.milliseconds(simulationSliceMilliseconds)
    /// Real time per cycle for work made ahead while the cluster has caught up (see
    /// Dashboard.useIdleTime): a small share of the 30 ms wait, so keys still answer at once.
    static let idleWorkNanoseconds: UInt64 = 4_000_000
    /// Most keys applied between two frames (a paste still shows progress).
    static let eventsPerFrame = 256
    /// Real time the API's requests may take per frame; the rest wait for the next one.
    static let apiSlice = Duration.milliseconds(10)

    func run() {
        dashboard.sliceBudget = .realTime(Self.simulationSlice)
        var last = DispatchTime.now().uptimeNanoseconds
        let started = last
        var drawn: (key: [Int64], width: Int, height: Int)? = nil
        var input = true
        while !dashboard.shouldQuit && !TerminalSignals.terminationRequested {
            let cycleStart = DispatchTime.now().uptimeNanoseconds
            let size = screen.size
            // Render only when something the frame shows may have changed.
            if input || drawn?.key != dashboard.frameKey || drawn?.width != size.width || drawn?.height != size.height {
                let frame = dashboard.render(width: size.width, height: size.height)
                screen.draw(frame)
                try? recorder?.record(frame, at: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                drawn = (dashboard.frameKey, size.width, size.height)
            }
            // Wake 30 ms after the frame began while time runs; slower when paused; at once while the
            // cluster has work left over from the last slice.
            // While serving, a request waits at most 10 ms for the loop to pick it up.
            let behind = dashboard.simulationLag > .zero || dashboard.hasQueuedLines
            if !behind {
                let until = DispatchTime.now().uptimeNanoseconds + Self.idleWorkNanoseconds
                dashboard.useIdleTime { DispatchTime.now().uptimeNanoseconds < until }
            }
            var timeout = Self.inputWait(elapsedMilliseconds: Int((DispatchTime.now().uptimeNanoseconds - cycleStart) / 1_000_000),
                                         behind: behind, paused: dashboard.paused)
            if let jobs, serving || ports?.openPorts.isEmpty == false || jobs.pending > 0 { timeout = jobs.pending > 0 ? 0 : min(timeout, 10) }
            input = false
            // Everything typed since the last frame is applied before the next slice: a line
            // typed into `:` while the cluster is busy must not cost a frame per character.
            var event = screen.read(timeoutMilliseconds: timeout)
            var handled = 0
            while let current = event {
                switch current {
                case .key(.control("z")): screen.suspend(); input = true
                case .key(let key): dashboard.handle(key); input = true
                case .hangUp: return
                case .resize: input = true
                }
                handled += 1
                guard handled < Self.eventsPerFrame, !dashboard.shouldQuit else { break }
                event = screen.read(timeoutMilliseconds: 0)
            }
            jobs?.drain(within: Self.apiSlice)
            if TerminalSignals.takeContinued() {
                // Stopped and continued: the time away is not the cluster's (as a pause), and the
                // screen may hold what the shell drew meanwhile.
                last = DispatchTime.now().uptimeNanoseconds
                screen.redrawAll()
                input = true
            }
            let now = DispatchTime.now().uptimeNanoseconds
            let elapsed = SimDuration(milliseconds: Int64((now - last) / 1_000_000))
            last += UInt64(elapsed.milliseconds) * 1_000_000
            dashboard.tick(realElapsed: elapsed)
        }
    }
}

/// The API's way to the dashboard's cluster: the handler follows the dashboard to a fresh
/// cluster when a looping scenario starts over. Used on the main thread only.
final class DashboardAPIBinding {
    var dashboard: Dashboard?
    private var handler: KubeAPIHandler

    init(session: Session) { handler = KubeAPIHandler(cluster: session.cluster) }

    func handle(_ request: APIRequest) -> APIReply {
        if let cluster = dashboard?.cluster, cluster !== handler.cluster { handler = KubeAPIHandler(cluster: cluster) }
        return handler.handle(request)
    }
}
