import Testing
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// `T` on Deployments: traffic to the deployment's Service through the command path, exposing
/// it first when no Service selects its pods.
@Suite struct TrafficKeyTests {
    static let deployment = DemoDeployment.name

    @Test func exposesFirstWhenNoServiceSelectsThePods() throws {
        let dashboard = try demoDashboard()
        #expect(dashboard.cluster.store.get(Service.self, Self.deployment, namespace: "default") == nil)
        dashboard.press(.character("2"), .character("T"))
        // `kubectl expose deployment hello-kiamol-2 --port=80` ran: its Service, as expose makes it.
        let service = try #require(dashboard.cluster.store.get(Service.self, Self.deployment, namespace: "default"))
        #expect(service.spec.selector == ["app": Self.deployment])
        #expect(service.spec.ports.map(\.port) == [80])
        #expect(service.spec.ports.map(\.targetPort) == ["80"])
        #expect(dashboard.lastOutput?.line == "sim traffic svc/\(Self.deployment) --rps 50")
    }

    @Test func targetPortIsTheContainersFirstDeclaredPort() throws {
        let dashboard = try demoDashboard(empty: true)
        let applied = ManifestApplier.apply(text: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: nginx, image: nginx:1.27, ports: [{containerPort: 8080}, {containerPort: 9090}]}
            """, file: "web.yaml", to: dashboard.cluster)
        #expect(!applied.failed, "\(applied.combined)")
        dashboard.tick(realElapsed: .seconds(5))
        dashboard.press(.character("2"), .character("T"))
        let service = try #require(dashboard.cluster.store.get(Service.self, "web", namespace: "default"))
        #expect(service.spec.ports.map(\.port) == [80])
        #expect(service.spec.ports.map(\.targetPort) == ["8080"])
        #expect(dashboard.lastOutput?.line == "sim traffic svc/web --rps 50")
    }

    @Test func usesAServiceThatAlreadySelectsThePods() throws {
        let dashboard = try demoDashboard()
        dashboard.session.execute("kubectl expose deployment \(Self.deployment) --port=8080 --name=front")
        let services = dashboard.cluster.store.list(Service.self, namespace: "default").count
        dashboard.press(.character("2"), .character("T"))
        #expect(dashboard.lastOutput?.line == "sim traffic svc/front --rps 50")
        #expect(dashboard.cluster.store.list(Service.self, namespace: "default").count == services)
    }

    @Test func pressedAgainAfterAStartItStops() throws {
        let dashboard = try demoDashboard()
        dashboard.exposeDemo()
        // A start that ran without error (from T, typed at `:` or played by a scenario) makes the next T stop.
        dashboard.session.execute("sim traffic svc/\(Self.deployment) --rps 50")
        dashboard.press(.character("2"), .character("T"))
        #expect(dashboard.lastOutput?.line == "sim traffic svc/\(Self.deployment) --stop")
        // A stop that ran clears it: T starts again.
        dashboard.session.execute("sim traffic svc/\(Self.deployment) --stop")
        dashboard.press(.character("T"))
        #expect(dashboard.lastOutput?.line == "sim traffic svc/\(Self.deployment) --rps 50")
    }

    @Test func aStartThatFailedIsNotTakenForRunningTraffic() throws {
        let dashboard = try demoDashboard()
        dashboard.exposeDemo()
        #expect(dashboard.session.execute("sim traffic svc/\(Self.deployment) --rps 0").output.failed)
        dashboard.press(.character("2"), .character("T"))
        #expect(dashboard.lastOutput?.line == "sim traffic svc/\(Self.deployment) --rps 50")
        // Whatever the command answered, T's next line follows from it.
        let started = !(dashboard.lastOutput?.output.failed ?? true)
        dashboard.press(.character("T"))
        #expect(dashboard.lastOutput?.line == "sim traffic svc/\(Self.deployment) \(started ? "--stop" : "--rps 50")")
    }

    @Test func inANamespaceTheLinesCarryIt() throws {
        let dashboard = try demoDashboard(empty: true)
        dashboard.session.execute("kubectl create namespace shop")
        dashboard.session.execute("kubectl create deployment web --image=nginx -n shop")
        dashboard.press(.character(":"))
        dashboard.type("ns shop")
        dashboard.press(.enter)
        dashboard.tick(realElapsed: .seconds(1))
        dashboard.press(.character("2"), .character("T"))
        #expect(dashboard.cluster.store.get(Service.self, "web", namespace: "shop") != nil)
        #expect(dashboard.lastOutput?.line == "sim traffic svc/web --rps 50 -n shop")
    }

    @Test func onlyOnDeployments() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("4"), .character("T"), .character("3"), .character("T"))
        #expect(dashboard.lastOutput?.line == nil)
        #expect(dashboard.cluster.store.get(Service.self, Self.deployment, namespace: "default") == nil)
    }

    @Test func helpAndHintsListTAndL() throws {
        let dashboard = try demoDashboard()
        dashboard.press(.character("2"))
        #expect(dashboard.frameText(200, 40).contains(" R restart  T traffic  Enter rollout"))
        dashboard.press(.character("4"))
        #expect(dashboard.frameText(120, 40).contains(" x kill  l relabel  L logs  Enter describe"))
        dashboard.press(.character("?"))
        guard case .overlay(let help) = dashboard.mode else { Issue.record("no help"); return }
        let text = help.lines.joined(separator: "\n")
        #expect(text.contains("  T               start / stop traffic to its Service"))
        #expect(text.contains("  L               its log, following new lines"))
        #expect(text.contains("Traffic pane:"))
    }
}
