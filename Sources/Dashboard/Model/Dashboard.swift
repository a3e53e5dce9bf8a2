import Cluster
import Commands

/// The dashboard's whole state and behaviour, independent of any terminal: keys go in through
/// `handle`, time through `tick`, and `render` draws a Frame. Every action issues a command line
/// through the same Session as the headless shell.
public final class Dashboard {
    /// Replaced only when a looping scenario starts over (`restart(with:)`).
    public internal(set) var session: Session
    public var cluster: Cluster { session.cluster }
    var view: ClusterView
    var healing: HealingTracker
    var pacer: SimulationPacer
    public private(set) var theme: Theme
    let themes: ThemeLibrary?

    public internal(set) var mode: Mode = .normal
    public internal(set) var focus: Pane = .pods
    /// The selected object in each table, held by uid so it follows the object, not a row.
    var selection: [Pane: SelectedObject] = [:]
    /// Set when the selected object went away since the last frame; a destructive key pressed
    /// then acts on nothing, since what the presenter aimed at is gone.
    var selectionMoved = false
    var filters: [Pane: String] = [:]
    /// The order each table was sorted in with a Shift-letter (none: name order).
    var sorts: [Pane: TableSort] = [:]
    /// The rows each filter and sort left, for the state of the cluster they were made from.
    var shownRows: [Pane: ShownRows] = [:]
    /// Lines run a slice at a time between frames (a preset's creations).
    var queuedLines: QueuedLines?
    public private(set) var speed = Speed()
    /// How large the node map draws each node (`z`).
    public internal(set) var mapZoom = MapZoom.tiles
    /// Whether the last frame's node map showed the overview (too many nodes for cards).
    public internal(set) var nodeMapAggregates = false
    /// `Z`: the node map shows the cards of the selected node's region instead of the overview.
    public internal(set) var nodeMapZoomedIn = false
    public private(set) var paused = false
    public internal(set) var status: StatusMessage?
    var running: [RunningCommand] = []
    /// The last command's line and everything it printed, for `o`; a command still running
    /// (`lastRunning`: a drain waiting for evictions) adds what it prints as it goes.
    var lastOutput: (line: String, output: CommandOutput)?
    private var lastRunning: RunningCommand?
    public internal(set) var shouldQuit = false
    /// Rows each table showed in the last frame, for paging.
    var visibleRows: [Pane: Int] = [:]
    /// Lines run from the command line, for ↑/↓ (saved between sessions).
    public private(set) var history: CommandHistory
    /// What Tab offered last, shown under the command line.
    public private(set) var completions: [String] = []
    /// The caption a scenario shows the audience, in a large band under the header.
    public var caption: String?
    /// The scenario being presented, if any: PageDown/→ plays its next part, PageUp/← goes back.
    public internal(set) var player: ScenarioPlayer?
    /// Play the next part by itself once the previous one is over (rehearsals, kiosks).
    public internal(set) var autoplay = false
    /// With autoplay, after the end: a fresh session to play the scenario again on (a booth).
    var restartSession: (() -> Session?)?
    /// Virtual time when the last scenario part ended (or was shown again), to pace autoplay.
    var partEndedAt: SimTime?
    /// The output of the scenario's printing steps, in the lower panes' place.
    var outputPanel = ScenarioOutputPanel()
    /// Enter on Deployments: the selected deployment's rollout over the workload and pod panes,
    /// until Esc or another pane takes the focus.
    var showsRollout = false
    /// Where the log view's last frame was, for its scrolling keys.
    var logPage: LogPage?
    /// The Traffic pane's reading of the ledger, made once per virtual second (see `trafficSummary`).
    var trafficSummaryCache: (second: Int64, namespace: String, summary: TrafficSummary)?
    /// The view's pod version when the main loop last had time to spare (see useIdleTime).
    var podVersionAtLastIdle = -1

    public init(session: Session, theme: Theme, themes: ThemeLibrary? = nil, history: CommandHistory = CommandHistory()) {
        self.session = session
        self.theme = theme
        self.themes = themes
        self.history = history
        view = ClusterView(cluster: session.cluster)
        healing = HealingTracker(cluster: session.cluster)
        pacer = SimulationPacer(cluster: session.cluster)
    }

    /// Bumped whenever what the screen shows may have changed.
    public var version: Int { view.version }

    /// Everything besides keys that can change a frame: cluster changes, the virtual second
    /// (ages and the clock show whole seconds), commands still running. While it stays the
    /// same and no key arrives, the last frame is still right and need not be rendered.
    public var frameKey: [Int64] {
        // A followed log shows each access line as its request comes (a real client's, even while paused).
        [Int64(view.version), cluster.now.milliseconds / 1000, Int64(running.count), logsShown ? Int64(cluster.traffic.totalRequests) : 0,
         Int64(queuedLines?.done ?? 0)]
    }

    // MARK: time

    /// Real time passed; virtual time moves by it times the speed, unless paused. The cluster
    /// advances within `sliceBudget`; work left over waits for the next tick.
    public func tick(realElapsed: SimDuration) {
        if !paused {
            pacer.add(SimDuration(milliseconds: Int64((Double(realElapsed.milliseconds) * speed.factor).rounded())))
        }
        // Paused, nothing runs, not even work left at the current instant (a ReplicaSet's burst
        // that the last slice cut short): the cluster stays as the screen shows it.
        // A preset's creations run whether or not time runs, as keys' commands do.
        runQueuedLines()
        if !paused || pacer.lag > .zero { pacer.advance() }
        pollRunning()
    }

    private func pollRunning() {
        var scenarioPartEnded = false
        running.removeAll { command in
            var fresh = CommandOutput()
            let done = command.operation.poll(cluster, into: &fresh)
            command.output.append(fresh)
            if command === lastRunning { lastOutput = (command.line, command.output) }
            // A scenario's output goes to its own panel, not the status line.
            if !fresh.chunks.isEmpty && !command.line.hasPrefix("scenario ") { report(fresh, byRunningCommand: true) }
            if done && command.line.hasPrefix("scenario ") { scenarioPartEnded = true }
            if done && !command.line.hasPrefix("scenario ") { settleStatus(of: command) }
            return done
        }
        followScenario(partEnded: scenarioPartEnded)
    }

    // MARK: commands

    /// Runs a command line exactly as the headless shell would. Its result goes to the status
    /// line: the first line, with a count of the others (`o` shows them all). Only a line typed
    /// at the `:` prompt (`fromCommandLine`) opens the output panel for a finished multi-line
    /// result (get, describe) — a key's result never covers the panes the audience watches.
    /// A command still running (drain) keeps reporting in the status line until it ends.
    @discardableResult
    public func run(_ line: String, fromCommandLine: Bool = false) -> CommandOutput {
        let execution = session.execute(line)
        let output = execution.output
        lastOutput = (line, output)
        lastRunning = execution.operation.map {
            RunningCommand(line: line, operation: $0, output: output, startedAt: cluster.now, typed: fromCommandLine)
        }
        if let lastRunning { running.append(lastRunning) }
        // A command still running reports its latest line as it goes (see pollRunning).
        guard execution.operation == nil else {
            report(output, byRunningCommand: true)
            return output
        }
        let lines = output.combined.split(separator: "\n").filter { !$0.isEmpty }
        if fromCommandLine && lines.count > 1 {
            // The panel shows it all; a table's header line left in the status line would be
            // stale the moment the panel closes.
            mode = .overlay(Overlay(title: line, text: output.combined, isError: output.failed))
            status = output.failed ? StatusMessage(text: Self.headline(output), isError: true, at: cluster.now) : nil
            return output
        }
        status = lines.first.map { first in
            StatusMessage(text: output.failed ? Self.headline(output) : String(first), isError: output.failed, at: cluster.now, moreLines: lines.count - 1)
        }
        return output
    }

    /// What a failed command's status line says: the first line it wrote to standard error,
    /// where kubectl puts `error: …` before its usage hint (`See 'kubectl get --help' …`) and
    /// after what a partly done command printed.
    static func headline(_ output: CommandOutput) -> String {
        let errors = output.chunks.filter { $0.stream == .err }.flatMap { $0.text.split(separator: "\n") }
        let lines = errors.isEmpty ? output.combined.split(separator: "\n") : errors
        return lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// `o`: the last command's whole output in the output panel.
    func showLastOutput() {
        guard let (line, output) = lastOutput, !output.combined.isEmpty else {
            status = StatusMessage(text: "no command output yet", isError: false, at: cluster.now)
            return
        }
        mode = .overlay(Overlay(title: line, text: output.combined, isError: output.failed))
    }

    /// A command that ran on has ended: the status line keeps the last thing it printed (a
    /// drain's `node/… drained`), now with a count of the lines before it, as a finished
    /// command's result has (`o` shows them) — unless a later command's result is there.
    private func settleStatus(of command: RunningCommand) {
        guard let shown = status, shown.byRunningCommand, shown.at >= command.startedAt else { return }
        let lines = command.output.combined.split(separator: "\n").filter { !$0.isEmpty }
        status = StatusMessage(text: shown.text, isError: command.output.failed, at: shown.at, moreLines: max(0, lines.count - 1))
    }

    private func report(_ output: CommandOutput, byRunningCommand: Bool = false) {
        // A scenario's transcript marks its own lines with `# ` and `$ `; the status line shows
        // what the commands themselves printed.
        let lines = output.combined.split(separator: "\n").filter { !$0.hasPrefix("# ") && !$0.hasPrefix("$ ") }
        let last = lines.last.map(String.init) ?? ""
        guard !last.isEmpty else { return }
        status = StatusMessage(text: last, isError: output.failed, at: cluster.now, byRunningCommand: byRunningCommand)
    }

    // MARK: keys

    public func handle(_ key: Key) {
        // Ctrl-C quits from every mode, as the presenter's way out.
        if key == .control("c") { shouldQuit = true; return }
        // A screen too small to show the panes shows nothing a key could act on: a kill or a
        // node failure typed blind would happen unseen. Only `q` (outside a prompt) still quits.
        if shownTooSmall {
            if key == .character("q"), case .normal = mode { shouldQuit = true }
            return
        }
        followSelection()
        switch mode {
        case .normal: handleNormal(key)
        case .command(var input):
            if key != .tab { completions = [] }
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                let line = input.text.trimmingCharacters(in: .whitespaces)
                history.add(line)
                if !line.isEmpty && !handleBarWord(line) && !handleNamespaceCommand(line) && !handleSortCommand(line) {
                    run(line, fromCommandLine: true)
                }
            case .up:
                if let earlier = history.previous(current: input.text) { mode = .command(TextInput(earlier)) }
            case .down:
                if let later = history.next() { mode = .command(TextInput(later)) }
            case .tab:
                let completion = CommandCompleter(cluster: cluster, namespace: namespace).complete(input.text, cursor: input.cursor)
                completions = completion.candidates
                mode = .command(TextInput(completion.text, cursor: completion.cursor))
            default:
                if input.handle(key) { mode = .command(input) }
            }
        case .filter(var input):
            switch key {
            case .escape: mode = .normal
            case .enter:
                filters[focus] = input.text.isEmpty ? nil : input.text
                mode = .normal
            default:
                if input.handle(key) { mode = .filter(input) }
            }
        case .prompt(let prompt, var input):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                answer(prompt, input.text)
            default:
                if input.handle(key) { mode = .prompt(prompt, input) }
            }
        case .overlay(var overlay):
            let page = max(1, (lastHeight ?? 24) - 6)
            switch key {
            case .escape, .character("q"), .enter: mode = .normal
            case .up, .character("k"): overlay.scroll -= 1
            case .down, .character("j"): overlay.scroll += 1
            case .pageUp: overlay.scroll -= page
            case .pageDown, .character(" "): overlay.scroll += page
            case .character("g"), .home: overlay.scroll = 0
            case .character("G"), .end: overlay.scroll = overlay.lines.count
            // Wide output (get -o wide) scrolls sideways, by half a screen.
            case .left, .character("h"): overlay.column -= max(1, (lastWidth ?? 80) / 2)
            case .right, .character("l"): overlay.column += max(1, (lastWidth ?? 80) / 2)
            case .character("0"): overlay.column = 0
            default: break
            }
            if case .overlay = mode {
                overlay.scroll = max(0, min(overlay.scroll, max(0, overlay.lines.count - page)))
                let room = max(1, (lastWidth ?? 80) - 10)
                overlay.column = max(0, min(overlay.column, max(0, overlay.widest - room)))
                mode = .overlay(overlay)
            }
        case .logs(var logs):
            handleLogs(key, &logs)
        }
    }

    var lastHeight: Int?
    var lastWidth: Int?
    /// Whether the last frame was the too-small notice instead of the panes.
    var shownTooSmall: Bool {
        guard let lastWidth, let lastHeight else { return false }
        return !Layout.fits(width: lastWidth, height: lastHeight)
    }

    func handleNormal(_ key: Key) {
        if handleOutputPanel(key) { return }
        defer { if focus != .deployments { showsRollout = false } }
        switch key {
        case .character("q"): shouldQuit = true
        case .character("?"): _ = handleBarWord("help")
        case .character(":"):
            history.reset()
            completions = []
            mode = .command(TextInput())
        case .character("/"): mode = .filter(TextInput(filters[focus] ?? ""))
        case .escape:
            if rolloutShown {
                showsRollout = false
            } else if filters[focus] != nil {
                filters[focus] = nil
            } else if focus == .nodes && nodeMapAggregates && nodeMapZoomedIn {
                toggleNodeMapZoom()
            } else if let command = running.last(where: { $0.typed }) {
                // A command typed at `:` that runs until stopped (`logs -f`, a port-forward, a
                // drain) stops, as Ctrl-C stops kubectl; what a key set off (its drain, a kill's
                // wait) is not the user's to stop by clearing the status line.
                (command.operation as? any RealTimeOperation)?.interrupt()
                running.removeAll { $0 === command }
                status = StatusMessage(text: "stopped: \(command.line)", isError: false, at: cluster.now)
            } else {
                status = nil
            }
        case .tab: focus = focus.next
        case .backTab: focus = focus.previous
        case .character(let c) where ("1"..."5").contains(c): focus = Pane(rawValue: Int(String(c))!)!
        case .up, .character("k"): moveSelection(by: -1)
        case .down, .character("j"): moveSelection(by: 1)
        // With a scenario, PageDown/→ and PageUp/← are the presenter's clicker.
        case .pageDown where player != nil, .right where player != nil: playNextPart()
        case .pageUp where player != nil, .left where player != nil: previousCaption()
        case .pageUp: moveSelection(by: -(visibleRows[focus] ?? 10))
        case .pageDown: moveSelection(by: visibleRows[focus] ?? 10)
        case .character("g"), .home: moveSelection(to: 0)
        case .character("G"), .end: moveSelection(to: Int.max)
        case .enter where focus == .deployments: showsRollout = selectedName() != nil
        case .enter, .character("d"): describeSelected()
        case .character(" "):
            paused.toggle()
            if paused { pacer.dropBacklog() }
        case .character("."):
            if paused { pacer.add(.seconds(1)); pacer.advance(); pollRunning() }
        case .character("<"), .character(">"):
            let before = speed
            if key == .character("<") { speed.slower() } else { speed.faster() }
            // At either end a key that changes nothing says so, rather than nothing at all.
            if speed == before {
                status = StatusMessage(text: "speed is already \(speed.label), the \(key == .character("<") ? "slowest" : "fastest")", isError: false, at: cluster.now)
            }
        case .character("t"): nextTheme()
        case .character("o"): showLastOutput()
        case .character("N"): cycleNamespace()
        case .character("z"):
            mapZoom = mapZoom.next
            status = StatusMessage(text: "node map: \(mapZoom.name) cards", isError: false, at: cluster.now)
        case .character("Z"): toggleNodeMapZoom()
        case .character(let c) where SortColumn(key: c, pane: focus) != nil: sortFocusedTable(by: SortColumn(key: c, pane: focus)!)
        default: paneAction(key)
        }
    }

    /// `Z`: between the overview of a large cluster and the cards of the selected node's region.
    private func toggleNodeMapZoom() {
        guard nodeMapAggregates else {
            status = StatusMessage(text: "node map: every node has its card already (Z zooms into a cluster too large for cards)", isError: false, at: cluster.now)
            return
        }
        nodeMapZoomedIn.toggle()
        let text = nodeMapZoomedIn ? "node map: cards around \(selectedName(.nodes) ?? "the first node") (Z or Esc: the whole cluster)"
            : "node map: the whole cluster, a cell per node or group (Z zooms in)"
        status = StatusMessage(text: text, isError: false, at: cluster.now)
    }

    private func paneAction(_ key: Key) {
        // The highlighted object vanished since the last frame: the status line says where the
        // highlight went, and nothing is done to an object the presenter did not aim at.
        if selectionMoved { return }
        guard let name = selectedName() else {
            if focus == .nodes, key == .character("n") { run("sim add-node") }
            return
        }
        switch (focus, key) {
        case (.pods, .character("x")), (.pods, .control("k")):
            run("kubectl delete pod \(name)\(namespaceFlag)")
        case (.pods, .character("l")):
            let labels = cluster.store.get(Pod.self, name, namespace: namespace)?.metadata.labels ?? [:]
            let text = labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: " ")
            mode = .prompt(Prompt(purpose: .relabel(pod: name, old: labels), label: "labels for pod/\(name)"), TextInput(text))
        case (.deployments, .character("+")), (.replicaSets, .character("+")):
            run("kubectl scale \(focus.resource)/\(name) --replicas=\(replicas(name) + 1)\(namespaceFlag)")
        case (.deployments, .character("-")), (.replicaSets, .character("-")):
            run("kubectl scale \(focus.resource)/\(name) --replicas=\(max(0, replicas(name) - 1))\(namespaceFlag)")
        case (.deployments, .character("s")), (.replicaSets, .character("s")):
            mode = .prompt(Prompt(purpose: .scale(resource: focus.resource, name: name), label: "replicas for \(focus.resource)/\(name)"),
                           TextInput(String(replicas(name))))
        case (.deployments, .character("i")):
            let containers = cluster.store.get(Deployment.self, name, namespace: namespace)?.spec.template.spec.containers ?? []
            guard let first = containers.first else { return }
            let label = containers.count == 1 ? "image for deployment/\(name) (container \(first.name))"
                : "image for deployment/\(name) container \(first.name) (or CONTAINER=IMAGE …)"
            mode = .prompt(Prompt(purpose: .setImage(deployment: name, container: first.name), label: label), TextInput(first.image))
        case (.deployments, .character("u")):
            run("kubectl rollout undo deployment/\(name)\(namespaceFlag)")
        case (.deployments, .character("p")):
            let paused = cluster.store.get(Deployment.self, name, namespace: namespace)?.spec.paused ?? false
            run("kubectl rollout \(paused ? "resume" : "pause") deployment/\(name)\(namespaceFlag)")
        case (.deployments, .character("R")):
            run("kubectl rollout restart deployment/\(name)\(namespaceFlag)")
        case (.deployments, .character("T")):
            toggleTraffic(deployment: name)
        case (.pods, .character("L")):
            guard let pod = cluster.store.get(Pod.self, name, namespace: namespace) else { return }
            logPage = nil
            mode = .logs(LogView(pod: pod))
        case (.nodes, .character("c")):
            let cordoned = cluster.store.get(Node.self, name)?.spec.unschedulable ?? false
            run("kubectl \(cordoned ? "uncordon" : "cordon") \(name)")
        case (.nodes, .character("r")):
            run("kubectl drain \(name) --ignore-daemonsets")
        case (.nodes, .character("f")):
            run("sim \(cluster.kubeletIsRunning(name) ? "fail" : "recover") \(name)")
        case (.nodes, .character("n")):
            run("sim add-node")
        default:
            break
        }
    }

    private func replicas(_ name: String) -> Int {
        focus == .deployments ? cluster.store.get(Deployment.self, name, namespace: namespace)?.spec.replicas ?? 0
            : cluster.store.get(ReplicaSet.self, name, namespace: namespace)?.spec.replicas ?? 0
    }

    private func answer(_ prompt: Prompt, _ text: String) {
        switch prompt.purpose {
        case let .relabel(pod, old):
            var changes: [String] = []
            var wanted: [String: String] = [:]
            for word in text.split(separator: " ") {
                let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                if parts.count == 2 { wanted[parts[0]] = parts[1] } else { changes.append(String(word)) }
            }
            for key in wanted.keys.sorted() where old[key] != wanted[key] { changes.append("\(key)=\(wanted[key]!)") }
            for key in old.keys.sorted() where wanted[key] == nil { changes.append("\(key)-") }
            if changes.isEmpty {
                status = StatusMessage(text: "pod/\(pod) not labeled", isError: false, at: cluster.now)
            } else {
                run("kubectl label pod \(pod) \(changes.joined(separator: " ")) --overwrite\(namespaceFlag)")
            }
        case let .scale(resource, name):
            run("kubectl scale \(resource)/\(name) --replicas=\(text.trimmingCharacters(in: .whitespaces))\(namespaceFlag)")
        case let .setImage(deployment, container):
            let words = text.split(separator: " ").map(String.init)
            guard !words.isEmpty else { return }
            // A bare image is for the container the prompt named; `C=IMAGE` words go as typed.
            let pairs = words.contains { $0.contains("=") } ? words.joined(separator: " ") : "\(container)=\(words[0])"
            run("kubectl set image deployment/\(deployment) \(pairs)\(namespaceFlag)")
        }
    }

    private func nextTheme() {
        // Without a library there is nothing to cycle through: say why, rather than do nothing.
        guard let themes else { return say(ThemeLibrary.missing) }
        let name = themes.next(after: theme.name)
        do {
            theme = try themes.load(name)
            status = StatusMessage(text: "theme: \(theme.name)", isError: false, at: cluster.now)
        } catch {
            status = StatusMessage(text: "\(error)", isError: true, at: cluster.now)
        }
    }

    /// Switches to `theme` (for `--theme` and tests).
    public func use(_ theme: Theme) { self.theme = theme }

    /// Shows a notice in the status line, as an error (what the user should know went wrong).
    public func say(_ notice: String) { status = StatusMessage(text: notice, isError: true, at: cluster.now) }

    // MARK: selection

    /// Names shown in a pane, filtered and sorted, in display order.
    func rowNames(_ pane: Pane) -> RowNames {
        let filter = filters[pane], sort = sorts[pane].flatMap { $0.isNameOrder ? nil : $0 }
        guard filter != nil || sort != nil else { return pane == .events ? view.eventsNewestFirst : RowNames(view.names(pane.kind)) }
        // A frame asks several times (layout, selection, the table): made once per change of
        // the cluster, and with a filter of the virtual second (ages are part of a row's text).
        let key = ShownRows.Key(filter: filter, sort: sort, namespace: namespace, version: view.version,
                                second: filter == nil ? 0 : cluster.now.milliseconds / 1000)
        if let cached = shownRows[pane], cached.key == key { return RowNames(cached.names) }
        // Every event's name is copied out of the log only here, when the rows are made again.
        let names = pane == .events ? view.eventsNewestFirst.array : view.names(pane.kind)
        let shown: [String]
        if pane == .pods {
            // By place in the pods' name order, where what is kept of each pod is.
            let store = cluster.store, namespace = namespace, now = cluster.now
            shown = view.withOrderedPods { names, kept in
                var rows = filter.map { RowFilter.pods(names, kept: &kept, matching: $0, store: store, namespace: namespace, now: now) }
                    ?? Array(names.indices)
                if let sort { rows = RowOrder.pods(rows, names: names, kept: &kept, by: sort, store: store, namespace: namespace) }
                return rows.map { names[$0] }
            }
        } else {
            let filtered = filter.map { RowFilter.rows(names, matching: $0, pane: pane, cluster: cluster, namespace: namespace) } ?? names
            shown = sort.map { RowOrder.objects(filtered, pane: pane, by: $0, store: cluster.store, namespace: namespace) } ?? filtered
        }
        shownRows[pane] = ShownRows(key: key, names: shown)
        return RowNames(shown)
    }

    private func describeSelected() {
        guard let name = selectedName() else { return }
        let line = "kubectl describe \(focus.resource) \(name)\(focus.kind.isNamespaced ? namespaceFlag : "")"
        let output = session.execute(line).output
        mode = .overlay(Overlay(title: "describe \(focus.resource)/\(name)", text: output.combined, isError: output.failed))
    }
}

import Foundation
