import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// `L` on Pods: the selected pod's log, following new lines, scrolling, cycling containers.
@Suite struct LogViewTests {
    /// What `kubectl logs POD` prints, line by line.
    func kubectlLogs(_ dashboard: Dashboard, _ args: String) -> [String] {
        dashboard.session.runToCompletion("kubectl logs \(args)").stdout.split(separator: "\n").map(String.init)
    }

    @Test func showsStartupLinesThenANewAccessLineAfterARequest() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[0]
        dashboard.press(.character("4"), .character("L"))
        guard case .logs(let view) = dashboard.mode else { Issue.record("no log view"); return }
        #expect(view.pod == pod && view.container == "ch02-hello-kiamol" && view.isFollowing)
        let startup = kubectlLogs(dashboard, pod)
        #expect(startup.count == 3)
        var text = dashboard.frameText(120, 40)
        #expect(text.contains("┌ Logs: pod/\(pod) ─ container ch02-hello-kiamol "))
        for line in startup { #expect(text.contains("│ " + line), "\(line)") }
        // The node map stays in view above it.
        #expect(text.contains("1 Nodes"))

        let response = dashboard.cluster.deliver(PodRequest(clientAddress: "127.0.0.1", userAgent: "curl/8.5.0"), toPod: pod, namespace: "default")
        #expect(response.succeeded)
        dashboard.tick(realElapsed: .seconds(1))
        let after = kubectlLogs(dashboard, pod)
        #expect(after.count == startup.count + 1)
        let access = try #require(after.last)
        #expect(access.contains("path=/ status=200"))
        text = dashboard.frameText(120, 40)
        // The access line is the newest, right under the start-up lines (wrapped: it is long).
        let rows = text.split(separator: "\n").map(String.init)
        let lastStartup = try #require(rows.firstIndex { $0.contains(startup.last!) })
        #expect(rows[lastStartup + 1].contains(String(access.prefix(60))))
        #expect(text.contains("following · 4 lines"))
    }

    @Test func snapshotAt80x24AfterARequest() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[2]
        dashboard.press(.character("4"), .character("G"), .character("L"))
        _ = dashboard.cluster.deliver(PodRequest(clientAddress: "127.0.0.1", userAgent: "curl/8.5.0"), toPod: pod, namespace: "default")
        dashboard.tick(realElapsed: .seconds(1))
        let text = dashboard.frameText(80, 24)
        #expect(snapshotMismatch(text, named: "logs-80x24") == nil)
        #expect(text.contains("Logs: pod/\(pod)"))
    }

    @Test func followsAt80x24AndScrollsBack() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[1]
        for _ in 0..<30 { _ = dashboard.cluster.deliver(PodRequest(clientAddress: "10.244.0.1"), toPod: pod, namespace: "default") }
        dashboard.tick(realElapsed: .seconds(1))
        dashboard.press(.character("j"), .character("L"))
        var frame = dashboard.render(width: 80, height: 24)
        let newest = try #require(kubectlLogs(dashboard, pod).last)
        // Following: the newest line's end sits on the last row of the view.
        let rows = frame.text.split(separator: "\n").map(String.init)
        #expect(rows[20].contains(String(newest.suffix(20))), "\(rows[20])")
        #expect(frame.text.contains("following · 33 lines"))
        #expect(frame.text.contains("Esc back"))
        // Up stops following; PgUp pages back; G follows again.
        dashboard.press(.up)
        guard case .logs(let scrolled) = dashboard.mode else { Issue.record("left the view"); return }
        #expect(!scrolled.isFollowing)
        frame = dashboard.render(width: 80, height: 24)
        #expect(frame.text.contains("G follows"))
        dashboard.press(.character("g"))
        #expect(dashboard.frameText(80, 24).contains("line 1 of 33"))
        #expect(dashboard.frameText(80, 24).contains("msg=\"starting ch02-hello-kiamol\""))
        dashboard.press(.pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        guard case .logs(let paged) = dashboard.mode else { Issue.record("left the view"); return }
        #expect(paged.isFollowing)
        dashboard.press(.up, .character("G"))
        guard case .logs(let back) = dashboard.mode else { Issue.record("left the view"); return }
        #expect(back.isFollowing)
        dashboard.press(.escape)
        #expect(dashboard.mode == .normal)
        #expect(dashboard.frameText(80, 24).contains("4 Pods"))
    }

    @Test func multiContainerPodsStartOnKubectlsDefaultAndCycleWithC() throws {
        let dashboard = try demoDashboard(empty: true)
        let applied = ManifestApplier.apply(text: """
            apiVersion: v1
            kind: Pod
            metadata: {name: duo}
            spec:
              containers:
              - {name: web, image: nginx:1.27}
              - {name: sidecar, image: example/agent:2.1}
            """, file: "duo.yaml", to: dashboard.cluster)
        #expect(!applied.failed, "\(applied.combined)")
        dashboard.tick(realElapsed: .seconds(10))
        dashboard.press(.character("4"), .character("L"))
        var text = dashboard.frameText(120, 40)
        #expect(text.contains("Logs: pod/duo ─ container web (1 of 2, c: next)"))
        #expect(text.contains("nginx/1.27"))
        #expect(text.contains("c container"))
        dashboard.press(.character("c"))
        text = dashboard.frameText(120, 40)
        #expect(text.contains("Logs: pod/duo ─ container sidecar (2 of 2, c: next)"))
        #expect(text.contains(kubectlLogs(dashboard, "duo -c sidecar").first!))
        dashboard.press(.character("c"))
        #expect(dashboard.frameText(120, 40).contains("container web (1 of 2"))
    }

    @Test func aPodThatGoesAwaySaysSoAndAWaitingOneGivesTheKubeletsReason() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[0]
        dashboard.press(.character("4"), .character("L"))
        dashboard.session.execute("kubectl delete pod \(pod) --grace-period=0 --force")
        dashboard.tick(realElapsed: .seconds(1))
        #expect(dashboard.frameText(120, 40).contains("pod/\(pod) is gone: its log went with it (Esc returns)"))
        dashboard.press(.escape)

        dashboard.session.execute("sim image kiamol/never-there:1 --missing")
        let applied = ManifestApplier.apply(text: """
            apiVersion: v1
            kind: Pod
            metadata: {name: slow}
            spec:
              containers:
              - {name: slow, image: kiamol/never-there:1}
            """, file: "slow.yaml", to: dashboard.cluster)
        #expect(!applied.failed, "\(applied.combined)")
        dashboard.tick(realElapsed: .seconds(3))
        let names = dashboard.rowNames(.pods)
        let index = try #require(names.firstIndex(of: "slow"))
        dashboard.press(.character("g"))
        for _ in 0..<index { dashboard.press(.down) }
        dashboard.press(.character("L"))
        let text = dashboard.frameText(120, 40)
        #expect(text.contains("container \"slow\" in pod \"slow\" is waiting to start"), "\(text)")
    }

    @Test func afterACrashItShowsTheNewInstance() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[0]
        dashboard.press(.character("4"), .character("L"))
        dashboard.session.execute("sim crash pod/\(pod)")
        // The kubelet restarts it after the first back-off (10 s).
        dashboard.tick(realElapsed: .seconds(15))
        let status = try #require(dashboard.cluster.store.get(Pod.self, pod, namespace: "default")?.status.containerStatuses.first)
        #expect(status.restartCount == 1)
        let text = dashboard.frameText(120, 40)
        #expect(text.contains("Logs: pod/\(pod) ─ container ch02-hello-kiamol ─ restart 1"))
        // What `kubectl logs` reads now: the new instance's start-up, and no line of the old one.
        let current = kubectlLogs(dashboard, pod)
        let previous = kubectlLogs(dashboard, "\(pod) --previous")
        #expect(!current.isEmpty && !previous.isEmpty)
        for line in current { #expect(text.contains(line), "\(line)") }
        #expect(!text.contains(try #require(previous.last)))
    }

    @Test func logViewUnderLangCIsASCII() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.press(.character("4"), .character("L"))
        let frame = dashboard.render(width: 80, height: 24)
        let ascii = frame.ascii.text
        #expect(ascii.allSatisfy { $0.isASCII })
        #expect(ascii.filter { $0 == "?" }.count == frame.text.filter { $0 == "?" }.count)
        #expect(ascii.contains("+ Logs: pod/"))
        #expect(ascii.contains("following . 3 lines"))
    }

    /// The view follows the log through the node's kubelet: when the node fails it says why
    /// nothing comes, in the API server's words; when the node is back the lines return.
    @Test func aPodOnAFailedNodeSaysItsKubeletCannotBeReached() throws {
        let dashboard = try demoDashboard(seconds: 20)
        let pod = dashboard.podNames[0]
        dashboard.press(.character("4"), .character("L"))
        let node = try #require(dashboard.cluster.store.get(Pod.self, pod, namespace: "default")?.spec.nodeName)
        let ip = try #require(dashboard.cluster.store.get(Node.self, node)?.status.internalIP)
        let startup = kubectlLogs(dashboard, pod)
        dashboard.session.execute("sim fail \(node)")
        dashboard.tick(realElapsed: .seconds(1))
        // Wide enough for the whole message on one row (narrower, it wraps as log lines do).
        var text = dashboard.frameText(200, 40)
        #expect(text.contains("│ Get \"https://\(ip):10250/containerLogs/default/\(pod)/ch02-hello-kiamol?follow=true\": dial tcp \(ip):10250: i/o timeout"), "\(text)")
        let narrow = dashboard.frameText(120, 40).split(separator: "\n").drop { !$0.contains("Logs: pod/") }.dropFirst().prefix(3)
        let unspaced = { (text: String) in text.filter { !$0.isWhitespace && $0 != "│" } }
        #expect(unspaced(narrow.joined()).hasPrefix(unspaced("Get \"https://\(ip):10250/containerLogs/default/\(pod)/ch02-hello-kiamol?follow=true\": dial tcp \(ip):10250: i/o timeout")))
        #expect(!text.contains(startup[0]))
        dashboard.session.execute("sim recover \(node)")
        dashboard.tick(realElapsed: .seconds(1))
        text = dashboard.frameText(200, 40)
        #expect(text.contains(startup[0]))
    }

}
