import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The dashboard never blocks on the cluster: each tick does a bounded slice of work and carries
/// the rest over; Ctrl-C quits whatever the keyboard is talking to.
@Suite struct SimulationPacingTests {
    /// The demo dashboard just after `:kubectl scale deployment/hello-kiamol-2 --replicas=N`.
    static func scaled(to replicas: Int, budget: SliceBudget) throws -> Dashboard {
        let dashboard = try demoDashboard(seed: 3)
        dashboard.sliceBudget = budget
        dashboard.run("kubectl scale deployment/hello-kiamol-2 --replicas=\(replicas)")
        return dashboard
    }

    @Test func aBigScaleIsWorkedThroughInSlicesWithPodsClimbing() throws {
        let dashboard = try Self.scaled(to: 3000, budget: .timers(40))
        var counts: [Int] = []
        for _ in 0..<20 {
            dashboard.tick(realElapsed: .milliseconds(100))
            counts.append(dashboard.cluster.store.count(Pod.self))
        }
        // Virtual time fell behind real time: work was left for later frames, and the header says so.
        #expect(dashboard.simulationLag > .zero)
        if dashboard.simulationLag >= .seconds(1) {
            #expect(dashboard.frameText().split(separator: "\n")[0].contains("▶ \(dashboard.simulationLag.milliseconds / 1000)s behind"))
        }
        #expect(counts.last! < 3000)
        // The audience sees the count go up over several frames, not in one jump.
        #expect(Set(counts).count > 3)
        #expect(counts == counts.sorted())
        // With time to spare, the dashboard catches up.
        var frames = 0
        while dashboard.simulationLag > .zero && frames < 100_000 {
            dashboard.tick(realElapsed: .zero)
            frames += 1
        }
        #expect(dashboard.simulationLag == .zero)
        #expect(dashboard.cluster.store.count(Pod.self) == 3000)
        #expect(!dashboard.frameText().split(separator: "\n")[0].contains("behind"))
    }

    @Test func slicedTicksEndWhereOneUnboundedTickEnds() throws {
        let sliced = try Self.scaled(to: 800, budget: .timers(25))
        let whole = try Self.scaled(to: 800, budget: .unlimited)
        for _ in 0..<30 { sliced.tick(realElapsed: .milliseconds(100)) }
        #expect(sliced.simulationLag > .zero)
        while sliced.simulationLag > .zero { sliced.tick(realElapsed: .zero) }
        whole.tick(realElapsed: .seconds(3))
        #expect(sliced.cluster.now == whole.cluster.now)
        #expect(sliced.podNames == whole.podNames)
        #expect(sliced.cluster.store.list(Event.self).map(\.message) == whole.cluster.store.list(Event.self).map(\.message))
    }

    /// The live loop's budget is real time, checked after each timer: once it is spent, the
    /// tick returns. With nothing to spend, each tick fires exactly one timer.
    @Test func aSpentRealTimeBudgetStopsAfterOneTimer() throws {
        let byTime = try Self.scaled(to: 3000, budget: .realTime(.zero))
        let byCount = try Self.scaled(to: 3000, budget: .timers(1))
        for _ in 0..<60 {
            byTime.tick(realElapsed: .milliseconds(100))
            byCount.tick(realElapsed: .milliseconds(100))
        }
        #expect(byTime.simulationLag > .zero)
        #expect(byTime.cluster.now == byCount.cluster.now)
        #expect(byTime.podNames == byCount.podNames)
        #expect(byTime.cluster.store.count(Pod.self) > 3)
    }

    @Test func pausingStopsTimeWhereTheScreenShowsIt() throws {
        let dashboard = try Self.scaled(to: 3000, budget: .timers(40))
        dashboard.tick(realElapsed: .seconds(2))
        #expect(dashboard.simulationLag > .zero)
        dashboard.press(.character(" "))
        let now = dashboard.cluster.now, pods = dashboard.cluster.store.count(Pod.self)
        dashboard.tick(realElapsed: .seconds(2))
        #expect(dashboard.simulationLag == .zero)
        #expect(dashboard.cluster.now == now)
        #expect(dashboard.cluster.store.count(Pod.self) == pods)
        // `.` steps one second, still in slices.
        dashboard.press(.character("."))
        while dashboard.simulationLag > .zero { dashboard.tick(realElapsed: .zero) }
        #expect(dashboard.cluster.now == now + .seconds(1))
    }

    /// Ctrl-C quits from the normal mode, the command line, a filter, a prompt and an overlay.
    @Test(arguments: ["normal", "command", "filter", "prompt", "overlay"])
    func ctrlCQuitsFromEveryMode(_ modeName: String) throws {
        let dashboard = try demoDashboard()
        switch modeName {
        case "command": dashboard.press(.character(":")); dashboard.type("get po")
        case "filter": dashboard.press(.character("/")); dashboard.type("web")
        case "prompt": dashboard.press(.character("l"))
        case "overlay": dashboard.press(.character("?"))
        default: break
        }
        let entered: Bool
        switch (modeName, dashboard.mode) {
        case ("normal", .normal), ("command", .command), ("filter", .filter), ("prompt", .prompt), ("overlay", .overlay): entered = true
        default: entered = false
        }
        #expect(entered, "in \(dashboard.mode)")
        #expect(!dashboard.shouldQuit)
        dashboard.press(.control("c"))
        #expect(dashboard.shouldQuit)
    }
}
