import Foundation
import Testing
@testable import Commands

/// The scenarios shipped in the package, and loading by name or path.
@Suite struct ScenarioLibraryTests {
    @Test func listsTheBuiltInsWithDescriptions() throws {
        #expect(ScenarioLibrary.names == ["drain", "drain-with-budget", "node-failure", "rolling-update", "self-healing", "service"])
        for scenario in try ScenarioLibrary.builtIns() {
            #expect(!scenario.description.isEmpty)
            #expect(!scenario.description.contains("\n"))
            #expect(scenario.steps.contains(.pause), "\(scenario.name) has segments for a presenter")
            #expect(scenario.steps.first.map { if case .caption = $0 { true } else { false } } == true)
        }
    }

    @Test func selfHealingFollowsThePost() throws {
        let steps = try ScenarioLibrary.load(nameOrPath: "self-healing").steps
        let commands = steps.compactMap { if case .run(let line) = $0 { line } else { nil } }
        #expect(commands.first == "kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol")
        #expect(commands.contains("kubectl describe deployment hello-kiamol-2"))
        #expect(commands.contains { $0.hasPrefix("kubectl delete pod -l app=hello-kiamol-2") })
        #expect(commands.contains { $0.hasPrefix("kubectl label pods -l app=hello-kiamol-2") })
        #expect(commands.contains("kubectl scale deployment/hello-kiamol-2 --replicas=3"))
        // Issue 11: the pod is deleted while requests flow through a Service, then traffic stops.
        let expose = try #require(commands.firstIndex(of: "kubectl expose deployment hello-kiamol-2 --port=80"))
        let start = try #require(commands.firstIndex(of: "sim traffic svc/hello-kiamol-2 --rps 20"))
        let kill = try #require(commands.firstIndex { $0.hasPrefix("kubectl delete pod -l app=hello-kiamol-2") })
        let stop = try #require(commands.firstIndex(of: "sim traffic svc/hello-kiamol-2 --stop"))
        #expect(expose < start && start < kill && kill < stop)
    }

    @Test func serviceWalksThroughExposeTrafficKillAndScale() throws {
        let commands = try ScenarioLibrary.load(nameOrPath: "service").steps.compactMap { if case .run(let line) = $0 { line } else { nil } }
        let order = ["kubectl expose deployment hello-kiamol-2 --port=80", "sim traffic svc/hello-kiamol-2 --rps 30",
                     "kubectl delete pod -l app=hello-kiamol-2 --field-selector spec.nodeName=node-1 --now --wait=false",
                     "kubectl scale deployment/hello-kiamol-2 --replicas=5", "sim traffic svc/hello-kiamol-2 --stop"]
        let positions = try order.map { step in try #require(commands.firstIndex(of: step), "\(step)") }
        #expect(positions == positions.sorted())
    }

    @Test func rollingUpdateAndDrainWithBudgetTellIssueTensStories() throws {
        func commands(_ name: String) throws -> [String] {
            try ScenarioLibrary.load(nameOrPath: name).steps.compactMap { if case .run(let line) = $0 { line } else { nil } }
        }
        let rollout = try commands("rolling-update")
        #expect(rollout.contains("kubectl set image deployment/hello-kiamol-2 ch02-hello-kiamol=kiamol/ch03-hello-kiamol"))
        #expect(rollout.contains("sim image kiamol/ch03-hello-kiamol:broken --missing"))
        #expect(rollout.contains("kubectl rollout undo deployment/hello-kiamol-2"))
        let drain = try commands("drain-with-budget")
        #expect(drain.contains("kubectl create pdb hello-kiamol-2 --selector=app=hello-kiamol-2 --min-available=5"))
        #expect(drain.contains("kubectl drain node-1 --ignore-daemonsets"))
    }

    @Test func unknownNameListsTheBuiltIns() {
        #expect(throws: ScenarioError("unknown scenario \"self-heal\"; built-in scenarios: drain, drain-with-budget, node-failure, rolling-update, self-healing, service (or give the path of a .yaml file)")) {
            try ScenarioLibrary.load(nameOrPath: "self-heal")
        }
    }

    @Test func loadsAPathAndNamesTheScenarioAfterTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-scenario-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("my-demo.yaml")
        try "description: mine\nsteps:\n  - run: kubectl get pods\n".write(to: file, atomically: true, encoding: .utf8)
        let scenario = try ScenarioLibrary.load(nameOrPath: file.path)
        #expect(scenario == Scenario(name: "my-demo", description: "mine", steps: [.run("kubectl get pods")]))
        #expect(throws: ScenarioError("cannot read scenario \"missing.yaml\": no such file")) {
            try ScenarioLibrary.load(nameOrPath: "missing.yaml")
        }
    }

    /// A device that never ends is refused without reading it, and a file over the 3 MiB a
    /// YAML document may hold is refused from its size.
    @Test func devicesAndHugeFilesAreRefusedUnread() throws {
        #expect(throws: ScenarioError("cannot read scenario \"/dev/zero\": it is a character device, not a file")) {
            try ScenarioLibrary.load(nameOrPath: "/dev/zero")
        }
        let folder = try ManifestFolder()
        let file = try folder.write("huge.yaml", "description: big\n")
        try sparselyExtend(file, to: YAMLLimits.maxDocumentBytes + 1)
        #expect(throws: ScenarioError("cannot read scenario \"\(file)\": it is larger than 3 MiB, the most kubesim reads")) {
            try ScenarioLibrary.load(nameOrPath: file)
        }
    }
}
