import ArgumentParser
import Cluster
import Commands
import Dashboard
import Foundation

/// `kubesim bench-frame`: the dashboard's cost. First, the launch of the large preset (time to
/// the first frame); frame time is state → frame → diff with 1,000 pods at 200×60 (what
/// happens every tick; `--direct` puts them straight into the store), then the time to list
/// them in order for the first Pods frame, to filter them, to sort them by each column, and
/// to list them again after a namespace switch and back; idle CPU runs the main loop's schedule
/// (wake, tick, render, diff) for a while with nothing changing, and divides CPU time by wall time;
/// the scale-up run drives the main loop while the demo deployment scales to 100,000 pods and
/// times each frame and each gap between frames (simulation slice included).
struct BenchFrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-frame",
        abstract: "Measure the dashboard: frame time with many pods, and idle CPU."
    )

    @Option(help: "Pods to show.") var pods = 1000
    @Option(help: "Nodes they run on (default: one per 100 pods, plus 2).") var nodes: Int?
    @Option(help: "Frame width.") var width = 200
    @Option(help: "Frame height.") var height = 60
    @Option(help: "Frames to time.") var frames = 300
    @Option(help: "Seconds of idle loop to measure.") var idleSeconds = 10.0
    @Option(help: "Replicas for the scale-up run (0 skips it).") var scaleTo = 100_000
    @Option(help: "Seconds of wall time to run the scale-up.") var scaleSeconds = 10.0
    @Option(help: "Also time each simulation step of the scale-up, and print to stderr the CLOCK_MONOTONIC start and end of those longer than this many milliseconds (to match against `perf record -k mono`).")
    var logStepsOver: Double?
    @Flag(help: "Put the pods straight into the store, as copies of one ready pod (the controllers would take minutes to make 150,000), and skip the preset launch.")
    var direct = false

    func run() throws {
        let library = ThemeLibrary.locate()
        let theme = (try? library.load("default")) ?? Theme.builtInMono
        if !direct { try launchLargePreset(theme: theme) }
        let setupStart = DispatchTime.now().uptimeNanoseconds
        let deployments = max(1, pods / 100)
        let cluster = Cluster(seed: 1, pace: .demo, nodes: nodes ?? max(3, (pods + 99) / 100 + 2))
        let session = Session(cluster: cluster)
        var waited = 0
        if direct {
            try putPods(deployments: deployments, session: session)
        } else {
            for i in 1...deployments {
                session.execute("kubectl create deployment web-\(i) --image=nginx:1.25 --replicas=\(pods / deployments)")
            }
            // Counted once per virtual second, not after every timer: counting 150,000 pods after
            // each of millions of timers is what kept 5,000 pods from ever being set up.
            while cluster.store.countPods(where: \.isReady) < pods && waited < 600 {
                cluster.advance(by: .seconds(1))
                waited += 1
            }
        }
        print(String(format: "set-up: %d pods ready after %d s of virtual time, %.1f s of wall time",
                     cluster.store.countPods(where: \.isReady), waited, Double(DispatchTime.now().uptimeNanoseconds - setupStart) / 1e9))
        let dashboard = Dashboard(session: session, theme: theme)
        let listStart = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
        dashboard.handle(.character("4"))
        _ = dashboard.render(width: width, height: height)
        print(String(format: "first frame of the Pods table (the pods listed from the store in name order): %.1f ms of CPU",
                     Double(Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID) - listStart) / 1_000_000))

        // Frame time: one wait of virtual time per frame, like the live loop at 1×.
        var previous: Frame? = dashboard.render(width: width, height: height)
        var times: [Double] = [], cpuTimes: [Double] = []
        var changed = 0
        for _ in 0..<frames {
            dashboard.tick(realElapsed: .milliseconds(Int64(MainLoop.runningWaitMilliseconds)))
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
            let frame = dashboard.render(width: width, height: height)
            changed += frame.changedIndices(since: previous).count
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            cpuTimes.append(Double(Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart) / 1_000_000)
            previous = frame
        }
        times.sort()
        cpuTimes.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        print("pods: \(cluster.store.count(Pod.self)) on \(cluster.store.count(Node.self)) nodes, frame \(width)×\(height), \(frames) frames")
        print(String(format: "frame time (render + diff): mean %.2f ms, median %.2f ms, p99 %.2f ms, max %.2f ms",
                     mean, times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)], times.last!))
        // This thread's CPU time: what a frame costs without the other processes on the machine.
        print(String(format: "frame CPU time: median %.2f ms, p99 %.2f ms, max %.2f ms",
                     cpuTimes[cpuTimes.count / 2], cpuTimes[min(cpuTimes.count - 1, cpuTimes.count * 99 / 100)], cpuTimes.last!))
        print("cells changed per frame: \(changed / max(frames, 1)) on average")
        print("cold (nothing made ahead; each first pass makes what it reads):")
        filterAndOrder(dashboard, otherNamespace: "bench-other")

        for paused in [true, false] {
            if paused != dashboard.paused { dashboard.handle(.character(" ")) }
            let cpu = Self.idleCPU(dashboard, seconds: idleSeconds, width: width, height: height)
            print(String(format: "idle CPU, %@: %.2f%% of one core", paused ? "paused, nothing changing" : "running, steady cluster", cpu))
        }
        // A view watches its cluster for as long as the cluster lives: this one is kept as long.
        let ahead = filterAndOrderAfterIdleTime(session: session, theme: theme)
        try withExtendedLifetime(ahead) {
            if scaleTo > 0 { try scaleUp(theme: theme) }
        }
    }

    /// The demo cluster (three nodes, hello-kiamol-2 at 3) told to scale to `scaleTo`, then the
    /// main loop's schedule for `scaleSeconds`: render and diff a frame, then a simulation slice
    /// within the live loop's budget, again and again (the loop does not wait while the cluster
    /// has work left). A gap is the time from one frame's start to the next's.
    func scaleUp(theme: Theme) throws {
        let session = Session(cluster: Cluster(seed: 1, pace: .demo, nodes: 3))
        session.execute("kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol --replicas=3")
        let dashboard = Dashboard(session: session, theme: theme)
        dashboard.tick(realElapsed: .seconds(20))
        dashboard.sliceBudget = .realTime(MainLoop.simulationSlice)
        let output = dashboard.run("kubectl scale deployment/hello-kiamol-2 --replicas=\(scaleTo)")
        guard !output.failed else { throw ValidationError(output.combined) }

        func milliseconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to - from) / 1_000_000 }
        var previous: Frame? = dashboard.render(width: width, height: height)
        var frameTimes: [Double] = [], sliceTimes: [Double] = [], gaps: [Double] = [], gapCPU: [Double] = [], busyGaps: [Double] = []
        var waited = 0.0
        var stepWall: [Double] = [], stepCPU: [Double] = []
        if let threshold = logStepsOver {
            session.cluster.clock.stepObserver = { step in
                let wallStart = Self.nanoseconds(CLOCK_MONOTONIC), cpuStart = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
                let more = step()
                let wallEnd = Self.nanoseconds(CLOCK_MONOTONIC), cpu = milliseconds(cpuStart, Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID))
                stepWall.append(milliseconds(wallStart, wallEnd))
                stepCPU.append(cpu)
                if milliseconds(wallStart, wallEnd) > threshold {
                    FileHandle.standardError.write(Data(String(format: "slow step %.6f %.6f wall %.1f ms cpu %.1f ms\n",
                                                               Double(wallStart) / 1e9, Double(wallEnd) / 1e9, milliseconds(wallStart, wallEnd), cpu).utf8))
                }
                return more
            }
        }
        let started = DispatchTime.now().uptimeNanoseconds
        var last = started, lastFrameStart = started
        var lastFrameCPU = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
        let startVirtual = session.cluster.now
        while Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 < scaleSeconds {
            let frameStart = DispatchTime.now().uptimeNanoseconds
            let frameCPU = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
            let frame = dashboard.render(width: width, height: height)
            _ = frame.changedIndices(since: previous)
            previous = frame
            let frameEnd = DispatchTime.now().uptimeNanoseconds
            frameTimes.append(milliseconds(frameStart, frameEnd))
            if frameStart > lastFrameStart {
                gaps.append(milliseconds(lastFrameStart, frameStart))
                busyGaps.append(milliseconds(lastFrameStart, frameStart) - waited)
                gapCPU.append(milliseconds(lastFrameCPU, frameCPU))
            }
            lastFrameStart = frameStart
            lastFrameCPU = frameCPU
            // As the main loop: no wait while the cluster is behind, else the usual wait for input.
            // (The live loop waits for input then, and a key ends the wait at once: a busy gap leaves it out.)
            waited = 0
            let wait = MainLoop.inputWait(elapsedMilliseconds: Int(milliseconds(frameStart, DispatchTime.now().uptimeNanoseconds)),
                                          behind: dashboard.simulationLag > .zero, paused: false)
            if wait > 0 {
                let waitStart = DispatchTime.now().uptimeNanoseconds
                Thread.sleep(forTimeInterval: Double(wait) / 1000)
                waited = milliseconds(waitStart, DispatchTime.now().uptimeNanoseconds)
            }
            let now = DispatchTime.now().uptimeNanoseconds
            let elapsed = SimDuration(milliseconds: Int64((now - last) / 1_000_000))
            last += UInt64(elapsed.milliseconds) * 1_000_000
            let sliceStart = DispatchTime.now().uptimeNanoseconds
            dashboard.tick(realElapsed: elapsed)
            sliceTimes.append(milliseconds(sliceStart, DispatchTime.now().uptimeNanoseconds))
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        func percentile(_ values: [Double], _ p: Int) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * p / 100)]
        }
        let cluster = session.cluster
        print("scale-up to \(scaleTo) pods on \(cluster.store.count(Node.self)) nodes, frame \(width)×\(height), \(String(format: "%.1f", wall)) s wall, \(frameTimes.count) frames")
        print(String(format: "  frame time (render + diff): median %.2f ms, p99 %.2f ms, max %.2f ms",
                     percentile(frameTimes, 50), percentile(frameTimes, 99), frameTimes.max() ?? 0))
        print(String(format: "  simulation slice: median %.2f ms, p99 %.2f ms, max %.2f ms (budget %d ms)",
                     percentile(sliceTimes, 50), percentile(sliceTimes, 99), sliceTimes.max() ?? 0, MainLoop.simulationSliceMilliseconds))
        print(String(format: "  gap between frames: median %.2f ms, p99 %.2f ms, longest %.2f ms",
                     percentile(gaps, 50), percentile(gaps, 99), gaps.max() ?? 0))
        print(String(format: "  gap between frames, waits for input left out: median %.2f ms, p99 %.2f ms, longest %.2f ms; over 50 ms: %d",
                     percentile(busyGaps, 50), percentile(busyGaps, 99), busyGaps.max() ?? 0, busyGaps.filter { $0 > 50 }.count))
        // CPU time of this thread: what a gap costs without the other processes on the machine.
        print(String(format: "  gap between frames, CPU time: median %.2f ms, p99 %.2f ms, longest %.2f ms; gaps over 50 ms: %d of %d",
                     percentile(gapCPU, 50), percentile(gapCPU, 99), gapCPU.max() ?? 0, gapCPU.filter { $0 > 50 }.count, gapCPU.count))
        if logStepsOver != nil {
            session.cluster.clock.stepObserver = nil
            print(String(format: "  simulation steps: %d, longest %.2f ms (%.2f ms CPU); over 16 ms CPU: %d",
                         stepWall.count, stepWall.max() ?? 0, stepCPU.max() ?? 0, stepCPU.filter { $0 > 16 }.count))
        }
        print("  pods created: \(cluster.store.count(Pod.self)); virtual time advanced \(cluster.now - startVirtual), behind real time by \(dashboard.simulationLag)")
    }

    /// `--direct`: one pod made by a deployment, then copies of it created in the store (owned
    /// by its ReplicaSet, as the tests do: orphans would be counted every frame), named
    /// web-N-NNNNNN across `deployments` names and spread over the nodes. The deployment and
    /// its ReplicaSet are told the full count first, so no controller adds or removes pods.
    func putPods(deployments: Int, session: Session) throws {
        let cluster = session.cluster
        session.execute("kubectl create deployment model --image=nginx:1.25 --replicas=1")
        guard cluster.advance(until: { cluster.store.countPods(where: \.isReady) == 1 }, timeout: .seconds(60)),
              let model = cluster.store.list(Pod.self).first,
              let owner = model.metadata.controllerRef else { throw ValidationError("the model pod never became ready") }
        try cluster.store.modify(Deployment.self, "model", namespace: "default") { $0.spec.replicas = pods }
        try cluster.store.modify(ReplicaSet.self, owner.name, namespace: "default") { $0.spec.replicas = pods }
        let nodes = cluster.store.list(Node.self).map(\.name)
        for i in 1..<pods {
            var pod = model
            let number = String(i)
            pod.metadata.name = "web-\(i % deployments + 1)-" + String(repeating: "0", count: max(0, 6 - number.count)) + number
            pod.metadata.uid = ""
            pod.metadata.resourceVersion = ""
            pod.spec.nodeName = nodes[i % nodes.count]
            try cluster.store.create(pod)
        }
        cluster.advance(by: .seconds(5))
    }

    /// `kubesim --nodes 5000 --preset large` without a terminal: the time from nothing to the
    /// first frame (the cluster of 5,000 nodes and its system pods made, the dashboard, a
    /// frame), then the main loop's schedule until the preset's 1,500 deployments are created,
    /// with the frames' times meanwhile.
    func launchLargePreset(theme: Theme) throws {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
        func since(_ from: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - from) / 1_000_000 }
        let options = try ClusterOptions.parse(["--nodes", "5000"])
        let session = try options.makeSession()
        let built = since(start)
        let dashboard = Dashboard(session: session, theme: theme)
        dashboard.sliceBudget = .realTime(MainLoop.simulationSlice)
        let preset = WorkloadPreset.large
        dashboard.runBetweenFrames(preset.lines, label: "preset \(preset.rawValue)")
        _ = dashboard.render(width: width, height: height)
        let firstFrame = since(start), firstFrameCPU = Double(Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart) / 1_000_000
        var frameTimes: [Double] = []
        var last = DispatchTime.now().uptimeNanoseconds
        while dashboard.hasQueuedLines && since(start) < 120_000 {
            let now = DispatchTime.now().uptimeNanoseconds
            dashboard.tick(realElapsed: .milliseconds(Int64((now - last) / 1_000_000)))
            last = now
            let frameStart = DispatchTime.now().uptimeNanoseconds
            _ = dashboard.render(width: width, height: height)
            frameTimes.append(since(frameStart))
        }
        frameTimes.sort()
        print(String(format: "large preset (5000 nodes): first frame %.0f ms after start, %.0f ms of CPU (cluster made in %.0f ms); %d deployments created in %.1f s over %d frames (frame p99 %.2f ms)",
                     firstFrame, firstFrameCPU, built, session.cluster.store.count(Deployment.self), since(start) / 1000, frameTimes.count,
                     frameTimes.isEmpty ? 0 : frameTimes[min(frameTimes.count - 1, frameTimes.count * 99 / 100)]))
    }

    /// `/` over the Pods table: the frame that applies a filter matching names (`web-1`) and
    /// one matching only a column (a status no name contains, so every row's cells are made);
    /// then the rows listed in order afresh (a namespace switch and back, `N`).
    /// The same passes on a fresh dashboard after the main loop's idle slices (4 ms each, as it
    /// runs them while waiting for keys) have made each pod's row ahead.
    func filterAndOrderAfterIdleTime(session: Session, theme: Theme) -> Dashboard {
        let dashboard = Dashboard(session: session, theme: theme)
        dashboard.handle(.character("4"))
        _ = dashboard.render(width: width, height: height)
        let cpuStart = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
        var slices = 0
        while true {
            let until = DispatchTime.now().uptimeNanoseconds + MainLoop.idleWorkNanoseconds
            slices += 1
            if dashboard.useIdleTime(while: { DispatchTime.now().uptimeNanoseconds < until }) { break }
        }
        print(String(format: "rows made ahead in idle time: %.1f ms of CPU in %d slices of at most %d ms (%.1f s of a live loop's 30 ms wakes)",
                     Double(Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart) / 1_000_000, slices,
                     Int(MainLoop.idleWorkNanoseconds / 1_000_000), Double(slices * MainLoop.runningWaitMilliseconds) / 1000))
        print("after idle time (a fresh dashboard, the rows made ahead):")
        filterAndOrder(dashboard, otherNamespace: "bench-other-2")
        return dashboard
    }

    func filterAndOrder(_ dashboard: Dashboard, otherNamespace: String) {
        // This thread's CPU time (the machine is shared).
        func timed(_ body: () -> Void) -> Double {
            let start = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
            body()
            return Double(Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID) - start) / 1_000_000
        }
        dashboard.handle(.character("4"))
        for filter in ["web-1", "Pending", "Evicted"] {
            dashboard.handle(.character("/"))
            for c in filter { dashboard.handle(.character(c)) }
            let time = timed {
                dashboard.handle(.enter)
                _ = dashboard.render(width: width, height: height)
            }
            let shown = dashboard.render(width: width, height: height).text.contains("No rows match") ? "no rows" : "rows"
            print(String(format: "filter /%@ over %d pods: %.1f ms of CPU to the frame that shows it (%@ match)", filter, dashboard.cluster.store.count(Pod.self), time, shown))
            dashboard.handle(.escape)
        }
        // k9s' Shift-letters on Pods, each to the frame that shows it; the first makes each
        // pod's sort values, the rest read them.
        for key in "AASSRTOMM" {
            let time = timed {
                dashboard.handle(.character(key))
                _ = dashboard.render(width: width, height: height)
            }
            let order = dashboard.status?.text.components(separatedBy: " (").first ?? ""
            print(String(format: "sort (%@) %@ over %d pods: %.1f ms of CPU to the frame that shows it", String(key), order,
                         dashboard.cluster.store.count(Pod.self), time))
        }
        dashboard.handle(.character("S"))
        dashboard.handle(.character("/"))
        for c in "Evicted" { dashboard.handle(.character(c)) }
        let sortedFilter = timed {
            dashboard.handle(.enter)
            _ = dashboard.render(width: width, height: height)
        }
        print(String(format: "filter /Evicted with the table sorted by STATUS: %.1f ms of CPU to the frame that shows it", sortedFilter))
        dashboard.handle(.escape)
        dashboard.handle(.character(":"))
        for c in "sort name" { dashboard.handle(.character(c)) }
        dashboard.handle(.enter)
        let ordered = timed {
            dashboard.run("kubectl create namespace \(otherNamespace)")
            dashboard.handle(.character(":"))
            for c in "ns \(otherNamespace)" { dashboard.handle(.character(c)) }
            dashboard.handle(.enter)
            _ = dashboard.render(width: width, height: height)
            dashboard.handle(.character(":"))
            for c in "ns default" { dashboard.handle(.character(c)) }
            dashboard.handle(.enter)
            _ = dashboard.render(width: width, height: height)
        }
        print(String(format: "pods listed in name order afresh (a namespace switch and back): %.1f ms of CPU", ordered))
    }

    /// The time of `clock` (CLOCK_MONOTONIC, or this thread's CPU time) in nanoseconds.
    static func nanoseconds(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Runs the main loop's schedule (wake every 30 ms, or 500 ms when paused) without a
    /// terminal and returns CPU time as a percentage of wall time.
    static func idleCPU(_ dashboard: Dashboard, seconds: Double, width: Int, height: Int) -> Double {
        let wallStart = Date(), cpuStart = ProcessUsage.cpuSeconds()
        var previous: Frame? = dashboard.render(width: width, height: height)
        var drawnKey = dashboard.frameKey
        var last = DispatchTime.now().uptimeNanoseconds
        while Date().timeIntervalSince(wallStart) < seconds {
            Thread.sleep(forTimeInterval: Double(dashboard.paused ? MainLoop.pausedWaitMilliseconds : MainLoop.runningWaitMilliseconds) / 1000)
            let now = DispatchTime.now().uptimeNanoseconds
            dashboard.tick(realElapsed: .milliseconds(Int64((now - last) / 1_000_000)))
            last = now
            // As the main loop: render only when the frame may have changed.
            guard dashboard.frameKey != drawnKey else { continue }
            drawnKey = dashboard.frameKey
            let frame = dashboard.render(width: width, height: height)
            _ = frame.changedIndices(since: previous)
            previous = frame
        }
        return (ProcessUsage.cpuSeconds() - cpuStart) / Date().timeIntervalSince(wallStart) * 100
    }
}
