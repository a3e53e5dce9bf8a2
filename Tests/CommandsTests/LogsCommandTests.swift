import Testing
@testable import Cluster
@testable import Commands

/// `kubectl logs`: each container instance's start-up lines, the crashed instance behind
/// `--previous`, following new lines with `-f`, and kubectl's choices and errors.
@Suite struct LogsCommandTests {
    private func pods(_ shell: Shell, app: String) -> [Pod] {
        shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": app])).sorted { $0.name < $1.name }
    }

    private func running(_ shell: Shell, app: String, count: Int = 1) -> Bool {
        shell.cluster.advance(until: {
            let pods = self.pods(shell, app: app)
            return pods.count == count && pods.allSatisfy { $0.isReady }
        }, timeout: .seconds(120))
    }

    @Test func aRunningNginxShowsItsStartUpLines() throws {
        let shell = Shell(seed: 3)
        shell.out("create deployment web --image=nginx:1.27")
        #expect(running(shell, app: "web"))
        let pod = try #require(pods(shell, app: "web").first)
        let log = shell.run("logs \(pod.name)")
        #expect(log.stderr == "")
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.first == "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration")
        #expect(lines.contains { $0.hasSuffix("[notice] 1#1: nginx/1.27") })
        // The same seed writes the same lines; --tail keeps the last ones.
        let again = Shell(seed: 3)
        again.out("create deployment web --image=nginx:1.27")
        #expect(running(again, app: "web"))
        #expect(again.out("logs \(pod.name)") == log.stdout)
        #expect(shell.out("logs \(pod.name) --tail 2") == lines.suffix(2).joined(separator: "\n") + "\n")
        #expect(shell.out("logs \(pod.name) --tail=0") == "")
    }

    @Test func timestampsAreTheVirtualTimeInRFC3339Nano() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx:1.27")
        #expect(running(shell, app: "web"))
        let pod = try #require(pods(shell, app: "web").first)
        guard case .running(let startedAt)? = pod.status.containerStatuses.first?.state else { Issue.record("not running"); return }
        let first = try #require(shell.out("logs \(pod.name) --timestamps").split(separator: "\n").first)
        #expect(first.hasPrefix(ContainerLogs.rfc3339Nano(startedAt) + " /docker-entrypoint.sh"))
        #expect(ContainerLogs.rfc3339Nano(SimTime(milliseconds: 250)).hasSuffix(":17.25Z"))
        #expect(ContainerLogs.rfc3339Nano(SimTime(milliseconds: 0)).hasSuffix(":17Z"))
        // --since counts back from now: lines written long ago are left out.
        shell.advance(120)
        #expect(shell.out("logs \(pod.name) --since=1m") == "")
        #expect(shell.out("logs \(pod.name) --since=5m") == shell.out("logs \(pod.name)"))
        // --since-time is a calendar instant: the start-up second keeps every line, a later one none.
        let start = CalendarTime.rfc3339(startedAt)
        let later = CalendarTime.rfc3339(startedAt + .seconds(60))
        #expect(shell.out("logs \(pod.name) --since-time=\(start)") == shell.out("logs \(pod.name)"))
        #expect(shell.out("logs \(pod.name) --since-time=\(later)") == "")
        #expect(shell.run("logs \(pod.name) --since-time=yesterday").stderr
            == "error: parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"\n")
        #expect(shell.run("logs \(pod.name) --since-time=\(start) --since=1m").stderr == "error: at most one of `sinceTime` or `sinceSeconds` may be specified\n")
    }

    @Test func previousShowsTheCrashedInstanceAfterARestart() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx:1.27")
        #expect(running(shell, app: "web"))
        let pod = try #require(pods(shell, app: "web").first)
        #expect(shell.run("logs \(pod.name) -p").stderr == "Error from server (BadRequest): previous terminated container \"nginx\" in pod \"\(pod.name)\" not found\n")
        let before = shell.out("logs \(pod.name)")
        shell.out("sim crash pod/\(pod.name)")
        // Exited, not yet restarted: the plain log is the crashed instance's, ending in its exit.
        let crashed = shell.out("logs \(pod.name)")
        #expect(crashed == before + "fatal: exiting with code 1\n")
        #expect(shell.cluster.advance(until: {
            shell.cluster.store.get(Pod.self, key: pod.key)?.status.containerStatuses.first.map { $0.restartCount == 1 && $0.isRunning } ?? false
        }, timeout: .seconds(60)))
        let restarted = shell.out("logs \(pod.name)")
        #expect(!restarted.contains("fatal"))
        #expect(restarted.hasPrefix("/docker-entrypoint.sh"))
        #expect(shell.out("logs \(pod.name) --previous") == crashed)
    }

    @Test func followPrintsNewLinesUntilTheContainerStops() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx:1.27")
        #expect(running(shell, app: "web"))
        let pod = try #require(pods(shell, app: "web").first)
        let execution = shell.session.execute("logs -f \(pod.name) --tail 1")
        let operation = try #require(execution.operation)
        var output = execution.output
        #expect(!operation.poll(shell.cluster, into: &output))
        #expect(output.stdout.split(separator: "\n").count == 1)
        shell.advance(5)
        shell.cluster.logs.append("GET / 200", podUID: pod.metadata.uid, container: "nginx", at: shell.cluster.now)
        #expect(!operation.poll(shell.cluster, into: &output))
        #expect(output.stdout.hasSuffix("\nGET / 200\n"))
        // Nothing new: nothing printed again.
        let printed = output.stdout
        #expect(!operation.poll(shell.cluster, into: &output))
        #expect(output.stdout == printed)
        shell.out("sim crash pod/\(pod.name)")
        #expect(operation.poll(shell.cluster, into: &output))
        #expect(output.stdout == printed + "fatal: exiting with code 1\n")
    }

    @Test func aWorkloadPicksItsMostActivePodAndSaysSo() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx:1.27 --replicas=3")
        #expect(running(shell, app: "web", count: 3))
        let all = pods(shell, app: "web")
        let chosen = try #require(ActivePods.mostActiveFirst(all).first)
        // The oldest-ready pod wins; crash another so it is the least active.
        let log = shell.run("logs deploy/web")
        #expect(log.stderr == "Found 3 pods, using pod/\(chosen.name)\n")
        #expect(log.stdout == shell.out("logs \(chosen.name)"))
        // A service picks among the pods its selector matches, the same way.
        shell.out("expose deployment web --port=80")
        let viaService = shell.run("logs svc/web")
        #expect(viaService.stderr == "Found 3 pods, using pod/\(chosen.name)\n")
        #expect(viaService.stdout == log.stdout)
        #expect(shell.run("logs svc/kubernetes").stderr == "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n")
        let other = try #require(all.first { $0.name != chosen.name })
        shell.out("sim crash pod/\(chosen.name)")
        #expect(shell.run("logs deployment/web").stderr != "Found 3 pods, using pod/\(chosen.name)\n")
        _ = other
    }

    @Test func selectorShowsTheLastTenLinesOfEachPodWithPrefixes() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx:1.27 --replicas=2")
        #expect(running(shell, app: "web", count: 2))
        let names = pods(shell, app: "web").map(\.name)
        let out = shell.out("logs -l app=web --prefix")
        let lines = out.split(separator: "\n")
        #expect(lines.count == 20)
        #expect(lines.prefix(10).allSatisfy { $0.hasPrefix("[pod/\(names[0])/nginx] ") })
        #expect(lines.suffix(10).allSatisfy { $0.hasPrefix("[pod/\(names[1])/nginx] ") })
        #expect(shell.out("logs -l app=web --tail=-1").split(separator: "\n").count == 22)
        #expect(shell.run("logs -l app=nothing").stderr == "No resources found in default namespace.\n")
    }

    @Test func kubectlsErrors() throws {
        let shell = Shell(seed: 1)
        #expect(shell.run("logs nope").stderr == "error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n")
        #expect(shell.run("logs").stderr.hasPrefix("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'."))
        shell.out("sim image slow:1 --pull-time 30s")
        shell.out("create deployment slow --image=slow:1")
        #expect(shell.cluster.advance(until: { self.pods(shell, app: "slow").first?.isScheduled ?? false }, timeout: .seconds(10)))
        shell.advance(2)
        let pod = try #require(pods(shell, app: "slow").first)
        #expect(shell.run("logs \(pod.name)").stderr == "Error from server (BadRequest): container \"slow\" in pod \"\(pod.name)\" is waiting to start: ContainerCreating\n")
        #expect(shell.run("logs \(pod.name) -c other").stderr == "Error from server (BadRequest): container other is not valid for pod \(pod.name)\n")
    }

    @Test func aPodsLogsGoWithThePod() throws {
        let shell = Shell(seed: 1)
        shell.out("create deployment web --image=nginx:1.27")
        #expect(running(shell, app: "web"))
        #expect(shell.cluster.logs.podCount == 1)
        shell.out("delete deployment web")
        #expect(shell.cluster.advance(until: { shell.cluster.logs.podCount == 0 }, timeout: .seconds(60)))
    }

    @Test func anInstanceKeepsItsLastThousandLines() {
        let logs = ContainerLogs()
        logs.startInstance(podUID: "u", container: "c", containerID: "a", restartCount: 0)
        for i in 0..<2500 { logs.append("line \(i)", podUID: "u", container: "c", at: SimTime(milliseconds: Int64(i))) }
        let kept = logs.newest(podUID: "u", container: "c")?.lines
        #expect(kept?.count == ContainerLogs.lineCap)
        #expect(kept?.first?.text == "line 1500")
        #expect(kept?.last?.text == "line 2499")
        // A third instance drops the first.
        logs.startInstance(podUID: "u", container: "c", containerID: "b", restartCount: 1)
        logs.startInstance(podUID: "u", container: "c", containerID: "d", restartCount: 2)
        #expect(logs.instance(podUID: "u", container: "c", containerID: "a") == nil)
        #expect(logs.instance(podUID: "u", container: "c", containerID: "b") != nil)
    }

    /// Start-up lines are written out only when read, numbered when the container started: a
    /// line written later comes after them, and a follower asking for lines after one it saw
    /// gets the rest in order.
    @Test func startupLinesReadLaterKeepTheirPlaceAndNumbers() {
        let logs = ContainerLogs()
        logs.startApplication(podUID: "u", container: "c", containerID: "a", restartCount: 0, image: "nginx:1.27", port: 80, at: SimTime(milliseconds: 0))
        logs.append("GET / 200", podUID: "u", container: "c", at: SimTime(milliseconds: 5))
        let lines = logs.newest(podUID: "u", container: "c")?.lines ?? []
        #expect(lines.count == 12)
        #expect(lines.first?.text.hasPrefix("/docker-entrypoint.sh") == true)
        #expect(lines.last?.text == "GET / 200")
        #expect(lines.map(\.sequence) == Array(1...12))
        let after = logs.newest(podUID: "u", container: "c")?.lines(after: 10).map(\.text)
        #expect(after == [lines[10].text, "GET / 200"])
        // A listener (the API server's follows) is told of lines written after them, not of
        // a new instance's start-up lines, which a reader still gets in their place.
        var told: [String] = []
        logs.onAppend { _, _, line in told.append(line.text) }
        logs.startApplication(podUID: "u", container: "c", containerID: "b", restartCount: 1, image: "example/app:2", port: 8080, at: SimTime(milliseconds: 9))
        logs.append("GET /b 200", podUID: "u", container: "c", at: SimTime(milliseconds: 10))
        // The same instance started again (its node came back) keeps its log as it is.
        logs.startApplication(podUID: "u", container: "c", containerID: "b", restartCount: 1, image: "example/app:2", port: 8080, at: SimTime(milliseconds: 20))
        #expect(told == ["GET /b 200"])
        #expect(logs.newest(podUID: "u", container: "c")?.lines[2].text
            == "time=\"\(CalendarTime.rfc3339(SimTime(milliseconds: 9)))\" level=info msg=\"listening\" address=\":8080\"")
        #expect(logs.newest(podUID: "u", container: "c")?.lines.map(\.sequence) == [13, 14, 15, 16])
        // The count reserved for each kind of image is the count of lines it makes.
        for image in ["nginx:1.27", "nginx", "example/app:2", "busybox"] {
            #expect(StartupLog.lineCount(image: image) == StartupLog.lines(image: image, containerID: "x", at: .zero).count)
        }
    }

    /// The API server reads a log from the pod's kubelet: on a failed node nothing answers, and
    /// kubectl prints the API server's dial error, with the options in the kubelet's URL; once
    /// the node is back the log reads again.
    @Test func aPodOnAFailedNodeCannotBeReadUntilTheNodeIsBack() throws {
        let shell = Shell(seed: 3)
        shell.out("create deployment web --image=nginx:1.27")
        #expect(running(shell, app: "web"))
        let pod = try #require(pods(shell, app: "web").first)
        let before = shell.out("logs \(pod.name)")
        let ip = try #require(shell.cluster.store.get(Node.self, pod.spec.nodeName)?.status.internalIP)
        shell.run("sim fail \(pod.spec.nodeName)")
        let url = "https://\(ip):10250/containerLogs/default/\(pod.name)/nginx"
        let refused = shell.run("logs \(pod.name)")
        #expect(refused.stdout == "")
        #expect(refused.stderr == "Error from server: Get \"\(url)\": dial tcp \(ip):10250: i/o timeout\n")
        #expect(shell.run("logs \(pod.name) --tail=5 --timestamps -p").stderr
            == "Error from server: Get \"\(url)?previous=true&tailLines=5&timestamps=true\": dial tcp \(ip):10250: i/o timeout\n")
        shell.run("sim recover \(pod.spec.nodeName)")
        #expect(shell.out("logs \(pod.name)") == before)
        // A deleted Node: the API server finds no address to dial.
        shell.run("delete node \(pod.spec.nodeName)")
        #expect(shell.run("logs \(pod.name)").stderr == "Error from server (NotFound): nodes \"\(pod.spec.nodeName)\" not found\n")
    }

}
