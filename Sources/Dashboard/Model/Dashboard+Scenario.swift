import Cluster
import Commands

/// Presenting a scenario: the clicker keys (PageDown/→, PageUp/←), autoplay and its loop, and
/// the output panel. Going back and forth never runs a step twice: the player shows parts
/// already played again and runs steps only past the furthest one played.
extension Dashboard {
    /// How long autoplay lets the audience look at a finished part before the next, and longer
    /// when the part printed something to read.
    static let autoplayPause = SimDuration.seconds(4)
    static let autoplayReadingPause = SimDuration.seconds(8)
    /// How long a looping scenario's end stays on screen before it starts over.
    static let loopPause = SimDuration.seconds(10)

    /// Starts presenting `scenario`; its first part plays at once. With `restartWith` (and
    /// autoplay), the end is followed by the same show on the fresh session it returns.
    public func present(_ scenario: Scenario, autoplay: Bool = false, restartWith makeSession: (() -> Session?)? = nil) {
        player = ScenarioPlayer(scenario: scenario)
        self.autoplay = autoplay
        restartSession = makeSession
        outputPanel = ScenarioOutputPanel()
        playNextPart()
    }

    /// PageDown / →: the next part. An earlier part on screen walks forward without running
    /// anything; at the latest part, the steps after it play (nothing while they still play).
    func playNextPart() {
        guard let player else { return }
        if player.canWalkForward {
            _ = player.advance(session: session)
            partEndedAt = cluster.now
            showScenario()
            status = walkStatus(player)
            return
        }
        guard !player.isPlaying else {
            status = StatusMessage(text: "this part is still playing; PageDown again when it is over", isError: false, at: cluster.now)
            return
        }
        if player.isFinished {
            status = StatusMessage(text: "scenario \(player.scenario.name): the end", isError: false, at: cluster.now)
            return
        }
        // The next PageDown closes what the last part printed; the new part opens its own.
        outputPanel.closed = true
        status = nil
        let execution = player.advance(session: session)
        partEndedAt = nil
        showScenario()
        reportPart(execution.output)
        if let operation = execution.operation {
            running.append(RunningCommand(line: "scenario \(player.scenario.name)", operation: operation, output: execution.output, startedAt: cluster.now))
        } else {
            partEnded()
        }
    }

    /// PageUp / ←: the part before, with its caption and output. The cluster is not rewound and
    /// a part still playing plays on.
    func previousCaption() {
        guard let player else { return }
        player.back()
        partEndedAt = cluster.now
        showScenario()
        status = walkStatus(player)
    }

    /// Called on every tick after running commands were polled.
    func followScenario(partEnded ended: Bool) {
        guard let player else { return }
        showScenario()
        if ended { partEnded() }
        guard autoplay, !player.isPlaying, let endedAt = partEndedAt else { return }
        if player.canWalkForward || !player.isFinished {
            // Without a loop a failure stops the show for the presenter; a booth plays on.
            guard player.failure == nil || restartSession != nil else { return }
            let pause = player.shown?.printed.isEmpty == false ? Self.autoplayReadingPause : Self.autoplayPause
            if cluster.now - endedAt >= pause { playNextPart() }
        } else if let restartSession, cluster.now - endedAt >= Self.loopPause {
            guard let fresh = restartSession() else {
                // Asked once: a setup that no longer loads (a manifest changed) ends the loop.
                self.restartSession = nil
                status = StatusMessage(text: "scenario \(player.scenario.name): cannot start over (the cluster's setup failed)", isError: true, at: cluster.now)
                return
            }
            restart(with: fresh)
        }
    }

    /// Starts the scenario over on `fresh` (a booth's loop): the same cluster as at the start,
    /// with the theme, speed and history kept.
    func restart(with fresh: Session) {
        guard let scenario = player?.scenario else { return }
        running.removeAll()
        player = nil
        session = fresh
        view = ClusterView(cluster: fresh.cluster)
        healing = HealingTracker(cluster: fresh.cluster)
        pacer = SimulationPacer(cluster: fresh.cluster)
        selection = [:]
        mode = .normal
        present(scenario, autoplay: autoplay, restartWith: restartSession)
        if status == nil {
            status = StatusMessage(text: "scenario \(scenario.name): starting over", isError: false, at: cluster.now)
        }
    }

    /// Esc closes the output panel; ↑/↓ scroll it. Returns true when the key was for it.
    func handleOutputPanel(_ key: Key) -> Bool {
        guard let lines = outputPanel.lines(player) else { return false }
        switch key {
        case .escape: outputPanel.closed = true
        case .up, .character("k"): outputPanel.scroll(by: -1, lineCount: lines.count)
        case .down, .character("j"): outputPanel.scroll(by: 1, lineCount: lines.count)
        default: return false
        }
        return true
    }

    /// The caption band and the output panel follow the part the player shows.
    private func showScenario() {
        caption = player?.currentCaption
        outputPanel.follow(player)
    }

    /// The status line as a part starts: the last line a command that changes things printed
    /// (`deployment.apps/web created`). What get and describe print is in the output panel.
    private func reportPart(_ output: CommandOutput) {
        var printing = false
        var last: Substring?
        for line in output.combined.split(separator: "\n") {
            if line.hasPrefix("$ ") {
                printing = ScenarioStep.run(String(line.dropFirst(2))).printsForTheAudience
            } else if line.hasPrefix("# ") {
                printing = false
            } else if !printing {
                last = line
            }
        }
        if let last { status = StatusMessage(text: String(last), isError: output.failed, at: cluster.now) }
    }

    private func partEnded() {
        guard let player else { return }
        partEndedAt = cluster.now
        if let failure = player.failure {
            status = StatusMessage(text: failure, isError: true, at: cluster.now)
        } else if player.isFinished {
            status = StatusMessage(text: "scenario \(player.scenario.name): the end", isError: false, at: cluster.now)
        } else if !autoplay {
            status = StatusMessage(text: "PageDown or → for the next part", isError: false, at: cluster.now)
        }
    }

    /// Tells the presenter that the part on screen was played before and nothing ran again.
    private func walkStatus(_ player: ScenarioPlayer) -> StatusMessage {
        let text: String
        if let shown = player.shownPart {
            let next = player.canWalkForward ? "PageDown or → shows the next one again"
                : player.isPlaying ? "it is still playing"
                : player.isFinished ? "the end" : "PageDown or → plays the next part"
            text = "part \(shown + 1) of \(player.parts.count), played before (nothing runs again); \(next)"
        } else {
            text = "before the first part; PageDown or → shows it again (nothing runs again)"
        }
        return StatusMessage(text: text, isError: false, at: cluster.now)
    }
}
