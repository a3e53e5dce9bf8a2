import Cluster

/// Turns one line of input into an Execution: a kubectl command (the word `kubectl` is
/// optional), `sleep DURATION`, a simulator verb (`sim fail node-2`), or a `#` comment.
/// Every front end (headless shell, dashboard, scenarios, HTTP) goes through here.
public final class Session {
    public let cluster: Cluster
    /// Real local ports (`kubectl port-forward`, `sim serve`); nil where none can be opened.
    public var localPorts: LocalPorts?

    public init(cluster: Cluster) { self.cluster = cluster }

    /// `finishingDueWork: false` is for a batch of lines sent at once (a preset's 1,500
    /// creations, like `kubectl apply -f` of many objects): what each line sets off waits for
    /// the clock instead of running, unbounded, before the next line.
    public func execute(_ line: String, finishingDueWork: Bool = true) -> Execution {
        let trimmed = line.trimmingSpaces()
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return Execution() }
        // What is due at this very instant (the endpoints controllers react with no delay)
        // finishes before the next command reads the cluster: on a real cluster it takes
        // milliseconds, less than it takes to type the next command.
        if finishingDueWork { cluster.advance(by: .zero) }
        let words: [String]
        do { words = try ShellWords.split(trimmed) } catch { return .failure(KubectlError("\(error)")) }
        guard let first = words.first else { return Execution() }
        switch first {
        case "kubectl": return Kubectl.run(Array(words.dropFirst()), cluster: cluster, ports: localPorts)
        case "sleep": return sleep(Array(words.dropFirst()))
        case "sim": return SimulatorCommand.run(Array(words.dropFirst()), cluster: cluster, ports: localPorts)
        default:
            if Kubectl.verbs.contains(first) || Kubectl.containerVerbs[first] != nil { return Kubectl.run(words, cluster: cluster, ports: localPorts) }
            return .failure(Kubectl.unknownCommand(first, among: Kubectl.verbs + ["sleep", "sim"], parent: "kubectl"))
        }
    }

    /// The longest wait the headless shell runs: a year of virtual time. Every virtual second
    /// costs real work (kubelet heartbeats, the node monitor), so a duration Go accepts, up to
    /// 2562047h, could keep the shell busy for days: a longer `sleep` is refused, and a longer
    /// `--timeout` ends after a year with kubectl's timeout error, rather than look hung.
    public static let longestWait = SimDuration.seconds(365 * 24 * 3600)

    private func sleep(_ args: [String]) -> Execution {
        guard args.count == 1 else { return .failure(KubectlError("error: usage: sleep DURATION (for example 10s, 2m, 1h30m)")) }
        let duration: SimDuration
        switch GoDuration.parseNanoseconds(args[0]) {
        case .failure(let error): return .failure(KubectlError("error: \(error)"))
        case .success(let nanoseconds) where nanoseconds < 0:
            return .failure(KubectlError("error: invalid sleep \"\(args[0])\": the duration must not be negative"))
        case .success: duration = GoDuration.parse(args[0])!
        }
        if duration > Self.longestWait {
            return .failure(KubectlError("error: invalid sleep \"\(args[0])\": kubesim sleeps at most \(GoDuration.format(Self.longestWait)) at a time"))
        }
        return Execution(operation: Sleep(until: cluster.now + duration))
    }

    /// How long past its own deadline a command may run before the headless shell gives up on it:
    /// the controllers' reaction to a deadline is a few hundred milliseconds, a minute is plenty.
    static let deadlineSlack = SimDuration.seconds(60)

    /// Runs a line to completion on the virtual clock (the headless shell's way): blocking
    /// commands advance time until they finish, however long they asked for (`sleep 200h` runs
    /// 200 h). A command with no deadline of its own is given kubectl's longest default wait
    /// (a week); if it still has not finished then, the line fails with kubectl's timeout error
    /// rather than ending silently.
    /// A command on a real port (port-forward) runs in real time instead, its lines passed to
    /// `emit` as they come, until it ends or the user interrupts it.
    public func runToCompletion(_ line: String, emit: ((CommandOutput) -> Void)? = nil) -> CommandOutput {
        let execution = execute(line)
        guard let operation = execution.operation else { return execution.output }
        var output = execution.output
        if let realTime = operation as? any RealTimeOperation, let opener = localPorts?.opener {
            return runInRealTime(realTime, opener: opener, output: output, emit: emit)
        }
        let deadline = min(operation.deadline ?? cluster.now + DeleteCommand.defaultTimeout, cluster.now + Self.longestWait)
        // First up to the deadline exactly (timers due later wait), so a sleep or a --timeout
        // ends on its deadline; only a command still busy then gets the slack.
        let cluster = self.cluster
        let poll = { operation.poll(cluster, into: &output) }
        let finished = cluster.advance(until: poll, timeout: deadline - cluster.now)
            || cluster.advance(until: poll, timeout: Self.deadlineSlack)
        if !finished { output.fail("error: timed out waiting for the condition") }
        return output
    }
}

extension Session {
    private func runInRealTime(_ operation: any RealTimeOperation, opener: any LocalListenerOpener, output first: CommandOutput,
                               emit: ((CommandOutput) -> Void)?) -> CommandOutput {
        var output = first
        let cluster = self.cluster
        func flush() {
            guard let emit, !output.chunks.isEmpty else { return }
            emit(output)
            let failed = output.failed
            output = CommandOutput()
            output.failed = failed
        }
        flush()
        let finished = opener.runInRealTime(cluster) {
            let done = operation.poll(cluster, into: &output)
            flush()
            return done
        }
        if !finished { operation.interrupt() }
        return output
    }
}

/// `sleep`: finishes once virtual time reaches the deadline.
final class Sleep: ClusterOperation {
    let until: SimTime
    init(until: SimTime) { self.until = until }
    var deadline: SimTime? { until }
    func poll(_ cluster: Cluster, into output: inout CommandOutput) -> Bool { cluster.now >= until }
}
