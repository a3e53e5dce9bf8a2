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
