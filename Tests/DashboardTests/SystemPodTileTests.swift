import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// kube-system pods on the node map: muted, after the demo's own pods, in every theme.
@Suite struct SystemPodTileTests {
    func dashboardWithSystemPods(theme: String = "default") throws -> Dashboard {
        let session = Session(cluster: Cluster(seed: 1))
        try SystemComponents.install(into: session.cluster)
        let dashboard = Dashboard(session: session, theme: try themeLibrary.load(theme), themes: themeLibrary)
        DemoDeployment.create(in: session.cluster)
        dashboard.tick(realElapsed: .seconds(30))
        return dashboard
    }

    @Test func systemPodsAreDrawnMutedAndDemoPodsInTheirStatusColor() throws {
        let dashboard = try dashboardWithSystemPods()
        let theme = dashboard.theme
        let frame = dashboard.render(width: 160, height: 50)
        let proxies = dashboard.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["k8s-app": "kube-proxy"]))
        #expect(proxies.count == 3)
        #expect(theme.systemPod(.running) != theme.status(.running, on: .plain))
        for proxy in proxies {
            let tile = try #require(frame.find("■" + proxy.name.suffix(5)), "\(proxy.name)")
            #expect(frame[tile.x, tile.y].style == theme.systemPod(.running))
            #expect(frame[tile.x + 1, tile.y].style == theme.systemPod(.running))
        }
        let demo = dashboard.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "hello-kiamol-2"]))
        #expect(!demo.isEmpty)
        for pod in demo {
            let tile = try #require(frame.find("■" + pod.name.suffix(5)), "\(pod.name)")
            #expect(frame[tile.x, tile.y].style == theme.status(.running, on: .plain))
            // On its card the demo pod comes before the node's kube-proxy.
            let proxy = try #require(proxies.first { $0.spec.nodeName == pod.spec.nodeName })
            let proxyTile = try #require(frame.find("■" + proxy.name.suffix(5)))
            #expect((tile.y, tile.x) < (proxyTile.y, proxyTile.x))
        }
    }

    @Test(arguments: themeLibrary.names)
    func systemPodTilesUseListedPaints(name: String) throws {
        let dashboard = try dashboardWithSystemPods(theme: name)
        let frame = dashboard.render(width: 160, height: 50)
        let listed = Set(dashboard.theme.paints.map(\.style))
        for pod in dashboard.cluster.store.list(Pod.self) where pod.metadata.namespace == "kube-system" {
            guard let tile = frame.find(pod.name.suffix(5).description) else { continue }
            #expect(listed.contains(frame[tile.x, tile.y].style), "\(name): \(pod.name)")
        }
    }
}

/// The healing pane follows the demo's own pods, not the cluster's system pods.
@Suite struct SystemPodHealingTests {
    func dashboard() throws -> Dashboard {
        let session = Session(cluster: Cluster(seed: 1))
        try SystemComponents.install(into: session.cluster)
        let dashboard = Dashboard(session: session, theme: try themeLibrary.load("default"), themes: themeLibrary)
        DemoDeployment.create(in: session.cluster)
        dashboard.tick(realElapsed: .seconds(30))
        return dashboard
    }

    func tick(_ dashboard: Dashboard, until done: () -> Bool, within seconds: Double) -> Bool {
        var waited = 0.0
        while !done() && waited < seconds {
            dashboard.tick(realElapsed: .seconds(0.5))
            waited += 0.5
        }
        return done()
    }

    @Test func deletingACoreDNSPodStartsNoHealingChain() throws {
        let dashboard = try dashboard()
        let coredns = try #require(dashboard.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"])).first)
        dashboard.session.execute("kubectl delete pod \(coredns.name) --wait=false")
        dashboard.tick(realElapsed: .seconds(10))
        #expect(dashboard.healing.timeline == nil)
        let demo = try #require(dashboard.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "hello-kiamol-2"])).first)
        dashboard.session.execute("kubectl delete pod \(demo.name) --wait=false")
        #expect(tick(dashboard, until: { dashboard.healing.timeline != nil }, within: 10))
        #expect(dashboard.healing.timeline?.title.contains(demo.name) == true)
    }

    @Test func aLostNodeIsFollowedThroughTheDemosReplicaSet() throws {
        let dashboard = try dashboard()
        let coredns = dashboard.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]))
        let demo = dashboard.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "hello-kiamol-2"]))
        // A node running both a coredns pod and a demo pod (coredns sorts first there).
        let node = try #require(coredns.map(\.spec.nodeName).first { n in demo.contains { $0.spec.nodeName == n } })
        dashboard.session.execute("sim fail \(node)")
        #expect(tick(dashboard, until: { dashboard.healing.timeline != nil }, within: 30))
        let timeline = try #require(dashboard.healing.timeline)
        #expect(timeline.title == "Healing: node \(node) lost" || timeline.title.contains("node \(node) lost"))
        let text = timeline.steps.map(\.text).joined(separator: "\n")
        #expect(!text.contains("coredns"), "\(text)")
    }
}
