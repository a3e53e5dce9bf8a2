import Testing
@testable import Cluster

/// The ledger of requests: per-pod and cluster counts, rates over whole seconds, the history.
@Suite struct TrafficLedgerTests {
    func at(_ seconds: Double) -> SimTime { SimTime.zero + .seconds(seconds) }

    @Test func ratesCountWholeSecondsBeforeNow() {
        let ledger = TrafficLedger()
        // Seconds 10..14: 10 requests each to pod a, 5 each to pod b, one of b's failing each second.
        for second in 10..<15 {
            for i in 0..<10 { ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: true, at: at(Double(second) + Double(i) / 10)) }
            for i in 0..<5 { ledger.record(podUID: "b", podName: "web-b", namespace: "default", ok: i != 0, at: at(Double(second) + Double(i) / 10)) }
        }
        #expect(ledger.requestsPerSecond(podUID: "a", at: at(15)) == 10)
        #expect(ledger.requestsPerSecond(podUID: "b", at: at(15)) == 5)
        #expect(ledger.requestsPerSecond(at: at(15)) == 15)
        // The second now under way is not counted yet; older seconds fall out of the window.
        #expect(ledger.requestsPerSecond(podUID: "a", at: at(14.9)) == 8)
        #expect(ledger.requestsPerSecond(podUID: "a", at: at(17)) == 6)
        #expect(ledger.requestsPerSecond(podUID: "a", at: at(15), over: 1) == 10)
        #expect(ledger.requestsPerSecond(podUID: "a", at: at(30)) == 0)
        #expect(ledger.requestsPerSecond(podUID: "nobody", at: at(15)) == 0)
        let b = ledger.pods["b"]
        #expect(b?.podName == "web-b" && b?.namespace == "default" && b?.served == 20 && b?.failed == 5)
        #expect(ledger.totalRequests == 75 && ledger.totalErrors == 5)
    }

    @Test func historyIsZeroFilledOldestFirst() {
        let ledger = TrafficLedger()
        ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: true, at: at(2.5))
        ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: false, at: at(2.7))
        ledger.recordUnrouted(at: at(4.1))
        let history = ledger.history(at: at(6), seconds: 5)
        #expect(history.map(\.second) == [1, 2, 3, 4, 5])
        #expect(history.map(\.requests) == [0, 2, 0, 1, 0])
        #expect(history.map(\.errors) == [0, 1, 0, 1, 0])
        #expect(ledger.totalRequests == 3 && ledger.totalErrors == 2)
        // An unrouted request belongs to no pod.
        #expect(ledger.pods.keys.sorted() == ["a"])
    }

    @Test func aBatchCountsAsItsRequests() {
        let ledger = TrafficLedger()
        ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: true, at: at(3.2), count: 40)
        ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: false, at: at(3.4), count: 2)
        ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: true, at: at(3.5), count: 0)
        ledger.recordUnrouted(at: at(3.6), count: 3)
        #expect(ledger.pods["a"]?.served == 40 && ledger.pods["a"]?.failed == 2)
        #expect(ledger.history(at: at(4), seconds: 1) == [TrafficLedger.Second(second: 3, requests: 45, errors: 5)])
        #expect(ledger.requestsPerSecond(podUID: "a", at: at(4), over: 2) == 21)
        #expect(ledger.totalRequests == 45 && ledger.totalErrors == 5)
    }

    @Test func keepsOnlyTheLastMinuteOfSeconds() {
        let ledger = TrafficLedger()
        for second in 0..<200 { ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: true, at: at(Double(second))) }
        let history = ledger.history(at: at(200), seconds: 100)
        #expect(history.prefix(40).allSatisfy { $0.requests == 0 }, "older than the window: forgotten")
        #expect(history.suffix(TrafficLedger.window).allSatisfy { $0.requests == 1 })
        #expect(ledger.pods["a"]?.served == 200)
        ledger.forget(podUID: "a")
        #expect(ledger.pods.isEmpty && ledger.totalRequests == 200)
    }
}

extension TrafficLedgerTests {
    @Test func goneQuietPodsAreForgottenLivePodsKept() {
        let ledger = TrafficLedger()
        var gone: Set<String> = []
        ledger.podExists = { uid, _ in !gone.contains(uid) }
        ledger.record(podUID: "a", podName: "web-a", namespace: "default", ok: true, at: at(100))
        ledger.record(podUID: "b", podName: "web-b", namespace: "default", ok: true, at: at(100))
        gone = ["a"]
        // Within a window of its last request, a gone pod keeps its row (its rate falls to zero).
        ledger.record(podUID: "c", podName: "web-c", namespace: "default", ok: true, at: at(150))
        #expect(ledger.pods["a"] != nil)
        // A window later, the gone pod is forgotten; the quiet live one keeps its totals.
        ledger.record(podUID: "c", podName: "web-c", namespace: "default", ok: true, at: at(230))
        #expect(ledger.pods["a"] == nil)
        #expect(ledger.pods["b"]?.served == 1)
        #expect(ledger.totalRequests == 4)
    }

    @Test func theClusterTellsTheLedgerWhichPodsAreGone() {
        let cluster = Cluster(seed: 1, nodes: 1)
        cluster.traffic.record(podUID: "uid-x", podName: "nope", namespace: "default", ok: true, at: cluster.now)
        #expect(!cluster.traffic.podExists("uid-x", cluster.traffic.pods["uid-x"]!))
    }
}
