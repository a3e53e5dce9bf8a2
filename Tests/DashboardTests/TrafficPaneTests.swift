import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// The Traffic pane and the Pods pane's REQ/S column, with requests driven on the virtual clock.
@Suite struct TrafficPaneTests {
    @Test func steadyTrafficAt80x24() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.exposeDemo()
        var traffic = TrafficDriver(dashboard)
        traffic.run(seconds: 12, perSecond: 30)
        let text = dashboard.frameText(80, 24)
        #expect(snapshotMismatch(text, named: "traffic-80x24") == nil)
        // On a short screen the pane has the shared place; every pod has its bar.
        #expect(text.contains("┌ Traffic "))
        #expect(!text.contains("┌ Healing"))
        #expect(text.contains("total 30.0 req/s   errors 0%"))
        for pod in dashboard.podNames { #expect(text.contains("…-" + PodTileState.shortName(pod)), "\(pod)") }
    }

    @Test func nodeFailureUnderTrafficAt120x40() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.exposeDemo()
        var traffic = TrafficDriver(dashboard)
        traffic.run(seconds: 20, perSecond: 50)
        // node-3's kubelet stops: its pod refuses connections until the node is marked NotReady
        // and the pod leaves the endpoints; then the other two answer every request.
        let victim = try #require(dashboard.cluster.store.list(Pod.self).first { $0.spec.nodeName == "node-3" })
        dashboard.run("sim fail node-3")
        traffic.run(seconds: 20, perSecond: 50)
        let frame = dashboard.render(width: 120, height: 40)
        #expect(snapshotMismatch(frame.text, named: "traffic-120x40") == nil)
        #expect(traffic.failures > 0)
        let text = frame.text
        // Tall screens keep Healing and give Traffic the Events place.
        #expect(text.contains("┌ Traffic "))
        #expect(text.contains("Healing"))
        #expect(!text.contains("5 Events"))
        // The failed node's pod gets nothing now; the others share the 50 requests a second.
        let victimRow = line(text, containing: "│ " + victim.name, "/s")
        #expect(victimRow.contains(" 0/s"), "\(victimRow)")
        let replacement = try #require(dashboard.podNames.first { dashboard.cluster.store.get(Pod.self, $0, namespace: "default")!.spec.nodeName == "node-1" && !$0.hasSuffix("vtnpj") })
        // The replacement has not answered anything yet: a blank REQ/S, and no bar.
        #expect(!text.contains(replacement + "  ▯"))
        for pod in dashboard.podNames where pod != victim.name && pod != replacement {
            let row = line(text, containing: "│ " + pod, "/s")
            #expect(row.contains(TrafficSummary.format(traffic.rate(of: pod)) + "/s"), "\(row)")
        }
        // The error strip shows the failing seconds as raised marks in the error style.
        let strip = try #require(frame.find(" errors   "))
        let marks = (strip.x + 10..<strip.x + 70).filter { frame[$0, strip.y].style == dashboard.theme[.error] }
        #expect(!marks.isEmpty)
        #expect(text.contains(" requests "))
    }

    @Test func paneAppearsWhileRequestsFlowAndEventsComeBackOnKey5() throws {
        let dashboard = try demoDashboard(seconds: 20)
        #expect(!dashboard.frameText().contains("Traffic"))
        #expect(!dashboard.frameText().contains("REQ/S"))
        dashboard.exposeDemo()
        var traffic = TrafficDriver(dashboard)
        traffic.run(seconds: 3, perSecond: 10)
        #expect(dashboard.frameText().contains("┌ Traffic "))
        dashboard.press(.character("5"))
        #expect(!dashboard.frameText().contains("┌ Traffic "))
        #expect(dashboard.frameText().contains("5 Events"))
        dashboard.press(.character("4"))
        // A minute without requests: the pane gives the place back; the column stays.
        dashboard.tick(realElapsed: .seconds(61))
        let quiet = dashboard.frameText()
        #expect(!quiet.contains("┌ Traffic "))
        #expect(quiet.contains("5 Events"))
        #expect(quiet.contains("REQ/S"))
    }

    @Test func onShortScreensAHealingUnderWayKeepsThePlaceThenTrafficTakesItBack() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.exposeDemo()
        var traffic = TrafficDriver(dashboard)
        traffic.run(seconds: 3, perSecond: 20)
        #expect(dashboard.frameText(80, 24).contains("┌ Traffic "))
        dashboard.press(.character("x"))
        traffic.run(seconds: 1, perSecond: 20)
        let healing = dashboard.frameText(80, 24)
        #expect(healing.contains("┌ Healing: pod "))
        #expect(!healing.contains("┌ Traffic "))
        // Tall and wide screens show both all along.
        #expect(dashboard.frameText(120, 40).contains("┌ Traffic "))
        let wide = dashboard.frameText(200, 30)
        #expect(wide.contains("┌ Traffic ") && wide.contains("┌ Healing: pod "))
        // Once the replacement is Ready the chain is complete: Traffic has the place again.
        traffic.run(seconds: 8, perSecond: 20)
        #expect(dashboard.healing.timeline?.isComplete == true)
        #expect(dashboard.frameText(80, 24).contains("┌ Traffic "))
    }

    @Test func reqPerSecondColumnShowsEachPodsRateAndBlankForPodsWithoutTraffic() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.exposeDemo()
        var traffic = TrafficDriver(dashboard)
        traffic.run(seconds: 8, perSecond: 40)
        // A pod that has not served anything yet: a fourth replica.
        let before = Set(dashboard.podNames)
        dashboard.session.execute("kubectl scale deployment \(DemoDeployment.name) --replicas=4")
        dashboard.tick(realElapsed: .seconds(0.2))
        let newcomer = try #require(dashboard.podNames.first { !before.contains($0) })
        let text = dashboard.frameText(120, 40)
        let header = line(text, containing: "NAME ", "NODE")
        #expect(header.contains("NODE     REQ/S"))
        let column = try #require(header.range(of: "REQ/S")).lowerBound
        for pod in before {
            let row = line(text, containing: "│ " + pod + " ")
            let cell = row[column...].prefix { $0 != " " }
            #expect(String(cell) == TrafficSummary.format(traffic.rate(of: pod)), "\(row)")
            #expect(traffic.rate(of: pod) > 5)
        }
        let newRow = line(text, containing: "│ " + newcomer + " ")
        #expect(newRow[column...].prefix(5).allSatisfy { $0 == " " }, "\(newRow)")
    }

    @Test func morePodsThanPlacesSayHowManyMore() throws {
        let dashboard = try demoDashboard(seconds: 5)
        dashboard.session.execute("kubectl scale deployment \(DemoDeployment.name) --replicas=8")
        dashboard.tick(realElapsed: .seconds(15))
        dashboard.exposeDemo()
        var traffic = TrafficDriver(dashboard)
        traffic.run(seconds: 6, perSecond: 80)
        // 80×24: two rows of two entries; the last place counts the rest.
        let short = dashboard.frameText(80, 24)
        #expect(short.contains(" +5 more pods"))
        // 120×40 has room for every one in two columns.
        let tall = dashboard.frameText(120, 40)
        #expect(!tall.contains("more pods"))
        for pod in dashboard.podNames { #expect(tall.contains("…-" + PodTileState.shortName(pod) + "  ▮"), "\(pod)") }
    }

    @Test func rateFormats() {
        #expect(TrafficSummary.format(0) == "0")
        #expect(TrafficSummary.format(0.04) == "0.0")
        #expect(TrafficSummary.format(16.66) == "16.7")
        #expect(TrafficSummary.format(99.96) == "100")
        #expect(TrafficSummary.format(120.4) == "120")
        #expect(TrafficSummary.percent(0) == "0%")
        #expect(TrafficSummary.percent(1.0 / 3) == "33.3%")
        #expect(TrafficSummary.percent(0.22) == "22.0%")
        #expect(TrafficSummary.percent(1) == "100%")
        #expect(TrafficSummary.format(16) == "16.0")
    }

    @Test func trafficFramesUnderLangCAreASCIIWithEveryGlyphMapped() throws {
        let dashboard = try demoDashboard(seconds: 20)
        dashboard.exposeDemo()
        var traffic = TrafficDriver(dashboard)
        traffic.run(seconds: 10, perSecond: 50)
        dashboard.run("sim fail node-3")
        traffic.run(seconds: 4, perSecond: 50)
        for (width, height) in [(80, 24), (120, 40)] {
            let frame = dashboard.render(width: width, height: height)
            let ascii = frame.ascii.text
            #expect(ascii.allSatisfy { $0.isASCII })
            // No glyph fell through to `?`: only the `?` the UTF-8 frame has itself.
            #expect(ascii.filter { $0 == "?" }.count == frame.text.filter { $0 == "?" }.count)
            #expect(ascii.contains("+ Traffic -"))
            #expect(ascii.contains("req/s"))
        }
        let ascii = dashboard.render(width: 120, height: 40).ascii.text
        #expect(ascii.contains("###"))   // a pod's bar
        // The error strip: quiet seconds before the traffic, then clean ones, then failing ones.
        #expect(ascii.contains(" errors   ......"))
        #expect(ascii.contains("__________-"))
    }
}
