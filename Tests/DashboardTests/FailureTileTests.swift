import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands
@testable import Dashboard

/// Pods whose containers keep failing: their STATUS in the error style, and on the node map a
/// tile of their own (crash loop, image pull), told apart in every theme and under LANG=C.
@Suite struct FailureTileTests {
    /// The demo's pods, the first three set to wait for these reasons (as the kubelet writes them).
    static func failingDemo(_ reasons: [String]) throws -> (Dashboard, [String]) {
        let dashboard = try demoDashboard(seconds: 20)
        let pods = Array(dashboard.podNames.prefix(reasons.count))
        for (pod, reason) in zip(pods, reasons) {
            _ = try dashboard.cluster.store.modify(Pod.self, key: ObjectKey(namespace: "default", name: pod)) {
                $0.status.containerStatuses[0].state = .waiting(reason: reason)
                $0.status.containerStatuses[0].ready = false
                $0.status.containerStatuses[0].restartCount = reason == "CrashLoopBackOff" ? 3 : 0
            }
        }
        return (dashboard, pods)
    }

    @Test func tileStatesFollowTheWaitingReason() throws {
        let (dashboard, pods) = try Self.failingDemo(["CrashLoopBackOff", "ImagePullBackOff", "CreateContainerConfigError"])
        let store = dashboard.cluster.store
        let states = pods.map { PodTileState(store.get(Pod.self, $0, namespace: "default")!) }
        #expect(states == [.crashLooping, .imagePullFailing, .failed])
        for reason in ["ErrImagePull", "InvalidImageName"] {
            var pod = store.get(Pod.self, pods[0], namespace: "default")!
            pod.status.containerStatuses[0].state = .waiting(reason: reason)
            #expect(PodTileState(pod) == .imagePullFailing, "\(reason)")
        }
        // A container that just exited with an error and will restart is in the crash loop too;
        // a pod whose phase is Failed is over, not looping.
        var exited = store.get(Pod.self, pods[0], namespace: "default")!
        exited.status.containerStatuses[0].state = .terminated(reason: "Error", exitCode: 1, finishedAt: dashboard.cluster.now)
        #expect(PodTileState(exited) == .crashLooping)
        exited.status.containerStatuses[0].state = .terminated(reason: "OOMKilled", exitCode: 137, finishedAt: dashboard.cluster.now)
        #expect(PodTileState(exited) == .crashLooping)
        exited.status.phase = "Failed"
        #expect(PodTileState(exited) == .failed)
    }

    @Test func failureTilesOnTheMapAndStatusesInTheErrorStyle() throws {
        let (dashboard, pods) = try Self.failingDemo(["CrashLoopBackOff", "ImagePullBackOff", "CreateContainerConfigError"])
        let frame = dashboard.render(width: 120, height: 40)
        #expect(snapshotMismatch(NodeMapTests.mapLines(frame.text).joined(separator: "\n"), named: "failure-tiles") == nil)
        let theme = dashboard.theme
        let crash = try #require(frame.find("↻" + pods[0].suffix(5)))
        let pull = try #require(frame.find("⇣" + pods[1].suffix(5)))
        let config = try #require(frame.find("✗" + pods[2].suffix(5)))
        #expect(frame[crash.x, crash.y].style == theme.status(.backOff, on: .plain))
        #expect(frame[pull.x, pull.y].style == theme.status(.backOff, on: .plain))
        #expect(frame[config.x, config.y].style == theme.status(.error, on: .plain))
        #expect(frame.text.contains("↻ crash loop") && frame.text.contains("⇣ image pull") && frame.text.contains("✗ failed"))
        // The Pods pane: each failure word in the error style (row 0 is selected, so rows 1 and 2).
        for (pod, status) in zip(pods.dropFirst(), ["ImagePullBackOff", "CreateContainerConfigError"]) {
            let row = try #require(frame.find(pod))
            let line = frame.text.split(separator: "\n")[row.y]
            let range = try #require(line.range(of: status))
            let x = line.distance(from: line.startIndex, to: range.lowerBound)
            #expect(frame[x, row.y].style.foreground == theme[.error].foreground, "\(status)")
        }
        // Under LANG=C each failure tile still has a glyph of its own.
        let ascii = frame.ascii.text
        #expect(ascii.contains("!" + pods[0].suffix(5)))
        #expect(ascii.contains("?" + pods[1].suffix(5)))
        #expect(ascii.contains("x" + pods[2].suffix(5)))
    }

    @Test func everyTileStateHasItsOwnGlyphInUnicodeAndInASCII() {
        let glyphs = PodTileState.allCases.map(\.glyph)
        #expect(Set(glyphs).count == glyphs.count)
        let ascii = glyphs.map(AsciiGlyphs.fallback)
        #expect(Set(ascii).count == ascii.count, "\(ascii)")
        #expect(ascii.allSatisfy { $0.isASCII })
    }

    @Test(arguments: themeLibrary.names)
    func backOffTilesStandApartFromOtherStatesInEveryColorTheme(name: String) throws {
        let theme = try themeLibrary.load(name)
        // Mono tells them apart by glyph alone; a color theme gives back-off a color of its own.
        guard name != "mono" else { return }
        for role in Theme.statusRoles where role != .backOff {
            #expect(theme[.backOff].foreground != theme[role].foreground, "\(name): back-off looks like \(role.rawValue)")
        }
    }

    @Test func initContainerFailuresAreErrorsAndInitProgressIsNot() {
        #expect(PaneTable.role(forPodStatus: "Init:CrashLoopBackOff") == .error)
        #expect(PaneTable.role(forPodStatus: "Init:ErrImagePull") == .error)
        #expect(PaneTable.role(forPodStatus: "Init:0/1") == .creating)
        for status in ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "Error", "OOMKilled", "CreateContainerConfigError"] {
            #expect(PaneTable.role(forPodStatus: status) == .error, "\(status)")
        }
    }
}
