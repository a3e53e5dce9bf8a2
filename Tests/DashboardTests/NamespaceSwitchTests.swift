import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The dashboard shows one namespace at a time, `default` first: `:ns NAME` and `N` switch,
/// the header names it, and the keys act on what is shown.
@Suite struct NamespaceSwitchTests {
    /// The demo dashboard plus `team-a` with its own `web` (2 replicas) and a `hello-kiamol-2`
    /// of the same name as the demo's.
    func withTeam() throws -> Dashboard {
        let dashboard = try demoDashboard(seconds: 1)
        dashboard.run("kubectl create namespace team-a")
        dashboard.run("kubectl create deployment web --image=nginx:1.27 --replicas=2 -n team-a")
        dashboard.run("kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol -n team-a")
        dashboard.tick(realElapsed: .seconds(30))
        return dashboard
    }

    func command(_ dashboard: Dashboard, _ line: String) {
        dashboard.press(.character(":"))
        dashboard.type(line)
        dashboard.press(.enter)
    }

    @Test func defaultIsShownFirstAndTheHeaderNamesIt() throws {
        let dashboard = try withTeam()
        #expect(dashboard.namespace == "default")
        let frame = dashboard.frameText()
        #expect(frame.contains(" kubesim ─ default ─ t="))
        #expect(frame.contains("pods 3/3 Ready"))
        #expect(dashboard.rowNames(.pods).allSatisfy { $0.hasPrefix("hello-kiamol-2-") })
        #expect(!dashboard.rowNames(.deployments).contains("web"))
    }

    @Test func colonNsSwitchesTablesHeaderAndCounts() throws {
        let dashboard = try withTeam()
        command(dashboard, "ns team-a")
        #expect(dashboard.namespace == "team-a")
        #expect(dashboard.status?.text == "namespace: team-a")
        let frame = dashboard.frameText()
        #expect(frame.contains(" kubesim ─ team-a ─ t="))
        #expect(frame.contains("pods 3/3 Ready")) // web 2 + hello-kiamol-2 1, this namespace's deployments
        #expect(dashboard.rowNames(.deployments) == ["hello-kiamol-2", "web"])
        let teamPods = dashboard.cluster.store.list(Pod.self, namespace: "team-a").map(\.name)
        #expect(dashboard.rowNames(.pods) == teamPods)
        #expect(frame.contains(teamPods[0]))
        // The events pane shows this namespace's events only.
        let events = dashboard.rowNames(.events)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { dashboard.cluster.store.get(Event.self, $0, namespace: "team-a") != nil })
    }

    @Test func colonNsAloneListsThemAndAMissingOneIsNotFound() throws {
        let dashboard = try withTeam()
        command(dashboard, "ns")
        #expect(dashboard.status?.text == "namespaces: [default] kube-node-lease kube-public kube-system team-a")
        command(dashboard, "ns nowhere")
        #expect(dashboard.status == StatusMessage(text: "Error from server (NotFound): namespaces \"nowhere\" not found", isError: true, at: dashboard.cluster.now))
        #expect(dashboard.namespace == "default")
    }

    @Test func capitalNCyclesThroughTheNamespaces() throws {
        let dashboard = try withTeam()
        var seen: [String] = []
        for _ in 0..<5 {
            dashboard.press(.character("N"))
            seen.append(dashboard.namespace)
        }
        #expect(seen == ["kube-node-lease", "kube-public", "kube-system", "team-a", "default"])
        dashboard.press(.character("N"))
        #expect(dashboard.frameText().contains(" kubesim ─ kube-node-lease ─ t="))
    }

    @Test func keysActOnTheShownNamespace() throws {
        let dashboard = try withTeam()
        command(dashboard, "ns team-a")
        // Same deployment name in both namespaces: + scales the one shown.
        dashboard.press(.character("2"))
        #expect(dashboard.selectedName() == "hello-kiamol-2")
        dashboard.press(.character("+"))
        #expect(dashboard.lastOutput?.line == "kubectl scale deployment/hello-kiamol-2 --replicas=2 -n team-a")
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "team-a")?.spec.replicas == 2)
        #expect(dashboard.cluster.store.get(Deployment.self, "hello-kiamol-2", namespace: "default")?.spec.replicas == 3)
        // x deletes the selected pod of this namespace.
        dashboard.press(.character("4"))
        let pod = try #require(dashboard.selectedName())
        dashboard.press(.character("x"))
        #expect(dashboard.cluster.store.get(Pod.self, pod, namespace: "team-a")?.isTerminating == true)
        #expect(dashboard.cluster.store.list(Pod.self, namespace: "default").allSatisfy { !$0.isTerminating })
    }

    @Test func theNodeMapShowsPodsOfEveryNamespace() throws {
        let dashboard = try withTeam()
        let teamPods = dashboard.cluster.store.list(Pod.self, namespace: "team-a").map(\.name)
        #expect(teamPods.count == 3)
        // A tile shows the pod's name suffix; the map draws them whichever namespace the tables show.
        for shown in ["default", "kube-public", "team-a"] {
            command(dashboard, "ns \(shown)")
            let frame = dashboard.frameText()
            for pod in teamPods { #expect(frame.contains("■" + pod.suffix(5)), "\(pod) missing from the map with \(shown) shown") }
        }
    }
}
