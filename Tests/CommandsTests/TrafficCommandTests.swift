import Testing
@testable import Cluster
@testable import Commands

/// `sim traffic`: starting, re-rating, listing and stopping flows, its errors, and what the
/// requests leave behind in `kubectl logs`.
@Suite struct TrafficCommandTests {
    /// Two Ready nginx pods behind service `web`.
    static func webShell() -> Shell {
        let shell = Shell(seed: 5, nodes: 2)
        shell.run("create deployment web --image=nginx --replicas=2 --port=80")
        shell.run("expose deployment web --port=80")
        shell.advance(15)
        return shell
    }

    @Test func startsListsAndStopsAFlow() throws {
        let shell = Self.webShell()
        #expect(shell.out("sim traffic") == "No traffic is flowing; start some with: sim traffic svc/NAME --rps 50\n")
        let started = shell.run("sim traffic svc/web --rps 20")
        #expect(started.stdout == "traffic to service/web started: 20 requests/s\n" && started.stderr.isEmpty)
        shell.run("sleep 10s")
        let flow = try #require(shell.rows("sim traffic").first)
        #expect(flow["SERVICE"] == "web" && flow["RPS"] == "20" && flow["ERRORS"] == "0" && flow["AGE"] == "10s" && flow["STATUS"] == "Flowing")
        let sent = try #require(flow["SENT"].flatMap { Int($0) })
        // 10 s at 20 a second; the tick due at the very instant the sleep ends may not have run yet.
        #expect((198...200).contains(sent))
        // The pods table: each pod of the service, a ready endpoint, with its share of the requests.
        let listing = shell.out("sim traffic")
        let podTable = try #require(listing.components(separatedBy: "\n\n").last)
        #expect(podTable.hasPrefix("POD"))
        let podLines = podTable.split(separator: "\n").dropFirst()
        #expect(podLines.count == 2)
        var total = 0
        for line in podLines {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(cells[1] == "Ready" && cells[3] == "0")
            total += Int(cells[2]) ?? 0
            #expect(Int(cells[2]) ?? 0 > 50, "each pod takes a share")
        }
        #expect(total == sent)

        #expect(shell.out("sim traffic svc/web --rps=2.5") == "traffic to service/web: 2.5 requests/s (was 20)\n")
        shell.run("sleep 2s")
        let stopped = shell.out("sim traffic svc/web --stop")
        // Stopping sends what came due up to now: 10 s at 20/s, then 2 s at 2.5/s.
        #expect(stopped == "traffic to service/web stopped: 205 requests sent, 0 failed\n")
        #expect(shell.out("sim traffic").hasPrefix("No traffic is flowing"))
    }

    @Test func accessLogLinesAppearInKubectlLogsOfThePodThatServed() throws {
        let shell = Self.webShell()
        shell.run("sim traffic svc/web --rps 10")
        shell.run("sleep 3s")
        shell.run("sim traffic svc/web --stop")
        var lines = 0
        for pod in shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])) {
            let log = shell.out("logs \(pod.name)")
            let access = log.split(separator: "\n").filter { $0.contains("\"GET / HTTP/1.1\" 200") }
            #expect(access.count == shell.cluster.traffic.pods[pod.metadata.uid]?.served)
            #expect(access.allSatisfy { $0.hasPrefix("192.168.49.") && $0.contains("\"kubesim-traffic\"") })
            lines += access.count
        }
        #expect(lines == 30)
    }

    @Test func refusesBadInputInKubectlsWords() {
        let shell = Self.webShell()
        #expect(shell.run("sim traffic svc/nope").stderr == "Error from server (NotFound): services \"nope\" not found\n")
        #expect(shell.run("sim traffic svc/web -n kube-system").stderr == "Error from server (NotFound): services \"web\" not found\n")
        #expect(shell.run("sim traffic svc/web --rps abc").stderr
                == "error: invalid argument \"abc\" for \"--rps\" flag: strconv.ParseFloat: parsing \"abc\": invalid syntax\n")
        for rate in ["0", "-5", "10001", "nan", "inf", "0.0001"] {
            #expect(shell.run("sim traffic svc/web --rps=\(rate)").stderr
                    == "error: invalid argument \"\(rate)\" for \"--rps\" flag: requests per second must be more than 0 and at most 10000\n")
        }
        #expect(shell.run("sim traffic svc/web --rps").stderr.hasPrefix("error: flag needs an argument: --rps"))
        #expect(shell.run("sim traffic svc/web --rps 5 --stop").stderr == "error: --rps and --stop cannot be used together\n")
        #expect(shell.run("sim traffic svc/web --stop").stderr == "error: no traffic is flowing to service/web\n")
        #expect(shell.run("sim traffic svc/nope --stop").stderr == "Error from server (NotFound): services \"nope\" not found\n")
        #expect(shell.run("sim traffic deployment/web").stderr
                == "error: sim traffic sends requests to a service, not deployment/web: expose it first (kubectl expose deployment/web --port=80), then sim traffic svc/NAME\n")
        #expect(shell.run("sim traffic web").stderr == SimulatorCommand.trafficUsage + "\n")
        #expect(shell.run("sim traffic svc/a svc/b").stderr == SimulatorCommand.trafficUsage + "\n")
        #expect(shell.run("sim traffic --rps 5").stderr == SimulatorCommand.trafficUsage + "\n")
        #expect(shell.run("sim traffic svc/kubernetes").stderr
                == "error: service \"kubernetes\" has no selector: simulated traffic goes to the pods a selector picks\n")
        #expect(shell.run("sim traffic svc/web --rate 5").stderr.hasPrefix("error: unknown flag: --rate"))
        #expect(shell.cluster.trafficGenerator.flows.isEmpty, "nothing started")
    }

    @Test func theServiceAsTwoWordsAndInANamespace() throws {
        let shell = Self.webShell()
        shell.run("create namespace shop")
        shell.run("create deployment api --image=nginx -n shop")
        shell.run("expose deployment api --port=80 -n shop")
        shell.advance(15)
        #expect(shell.out("sim traffic service api -n shop --rps 4") == "traffic to service/api started: 4 requests/s\n")
        #expect(shell.out("sim traffic services/web") == "traffic to service/web started: 50 requests/s\n")
        shell.run("sleep 1s")
        #expect(["3", "4"].contains(shell.rows("sim traffic -n shop").first?["SENT"]))
        let listing = shell.out("sim traffic")
        let namespaces = listing.split(separator: "\n").prefix(3).map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(namespaces == ["NAMESPACE", "default", "shop"])
        // Pods of two services: the pods table says which service each answers for.
        let podTable = try #require(listing.components(separatedBy: "\n\n").last)
        #expect(podTable.hasPrefix("POD") && podTable.contains("SERVICE"))
        let services = podTable.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        #expect(services.sorted() == ["api", "web", "web"])
        #expect(shell.out("sim traffic --stop") == """
            traffic to service/web stopped: 50 requests sent, 0 failed
            traffic to service/api stopped: 4 requests sent, 0 failed

            """)
        #expect(shell.out("sim traffic --stop") == "No traffic is flowing.\n")
    }

    @Test func warnsWhenNoPodIsReadyYet() {
        let shell = Shell(seed: 5, nodes: 1)
        shell.run("create deployment web --image=nginx")
        shell.run("expose deployment web --port=80")
        let started = shell.run("sim traffic svc/web --rps 10")
        #expect(started.stdout == "traffic to service/web started: 10 requests/s\n")
        #expect(started.stderr == "Warning: service/web has no ready endpoints: requests fail until one of its pods is Ready\n")
    }

    @Test func aDeletedServiceStopsItsFlow() throws {
        let shell = Self.webShell()
        shell.run("sim traffic svc/web --rps 10")
        shell.run("sleep 2s")
        shell.run("delete service web")
        shell.run("sleep 2s")
        let row = try #require(shell.rows("sim traffic").first)
        #expect(row["STATUS"] == "Stopped (service deleted)")
        let sent = try #require(row["SENT"])
        #expect(["19", "20"].contains(sent))
        #expect(!shell.out("sim traffic").contains("POD"), "no service, no pods to show")
        #expect(shell.out("sim traffic svc/web --stop") == "traffic to service/web stopped: \(sent) requests sent, 0 failed\n")
    }

    @Test func aKillWithThreeReplicasFailsNothing() throws {
        let shell = Shell(seed: 2)
        shell.run("create deployment web --image=nginx --replicas=3")
        shell.run("expose deployment web --port=80")
        shell.advance(15)
        shell.run("sim traffic svc/web --rps 30")
        shell.run("sleep 5s")
        let victim = try #require(shell.cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"])).first)
        shell.run("delete pod \(victim.name)")
        shell.run("sleep 10s")
        let row = try #require(shell.rows("sim traffic").first)
        #expect(row["ERRORS"] == "0")
        // The killed pod keeps a row, marked gone, so the pods' requests add up to what was sent.
        let podLines = shell.out("sim traffic").split(separator: "\n").filter { $0.hasPrefix("web-") }
        #expect(podLines.contains { $0.hasPrefix(victim.name + " ") && $0.contains("<gone>") })
        let served = podLines.compactMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[2]) }.reduce(0, +)
        #expect(String(served) == row["SENT"])
    }
}
