import Foundation
import Testing

/// Presenting a scenario in a real terminal: what a printing step printed shows under the node
/// map, the clicker walks through parts without running them again, and a booth loops.
@Suite struct ScenarioPresentationEndToEndTests {
    @Test func outputUnderTheNodeMapAndNothingRunsTwice() throws {
        guard TmuxSession.available() else { return }
        let tmux = try DashboardEndToEndTests.start("--seed 1 --scenario self-healing")
        let first = try tmux.waitFor(text: "$ kubectl get pods")
        #expect(first.contains("1 Nodes") && first.contains("node-3"))
        #expect(first.contains("A Deployment makes a ReplicaSet, which makes a Pod"))
        try tmux.waitFor(text: "PageDown or → for the next part")
        try tmux.send("PageDown")
        try tmux.waitFor(text: "$ kubectl get replicasets")
        try tmux.waitFor(text: "PageDown or → for the next part")

        try tmux.send("Left")
        let back = try tmux.waitFor(text: "part 1 of 2, played before (nothing runs again)")
        #expect(back.contains("A Deployment makes a ReplicaSet, which makes a Pod"))
        #expect(back.contains("$ kubectl get pods") && !back.contains("$ kubectl get replicasets"))
        try tmux.send("Right")
        try tmux.waitFor(text: "part 2 of 2, played before (nothing runs again)")
        try tmux.send("Right")
        let third = try tmux.waitFor(text: "$ kubectl describe deployment hello-kiamol-2")
        #expect(third.contains("The Deployment finds its pods by label: app=hello-kiamol-2"))
        #expect(third.contains("1 Nodes"))
        try tmux.send("Escape")
        try tmux.waitFor("the Pods pane back") { $0.contains("4 Pods") && !$0.contains("$ kubectl describe") }
    }

    @Test func autoplayLoopStartsOver() throws {
        guard TmuxSession.available() else { return }
        let tmux = try DashboardEndToEndTests.start("--seed 1 --scenario self-healing --autoplay --loop")
        try tmux.waitFor(text: "A Deployment makes a ReplicaSet, which makes a Pod")
        // 16× so the whole show takes seconds.
        try tmux.send(">", ">", ">", ">")
        try tmux.waitFor(text: "16×")
        try tmux.waitFor(text: "scenario self-healing: the end", timeout: 90)
        try tmux.waitFor(text: "A Deployment makes a ReplicaSet, which makes a Pod", timeout: 30)
        try tmux.waitFor(text: "$ kubectl get pods", timeout: 30)
    }

    @Test func loopNeedsAutoplay() throws {
        guard TmuxSession.available() else { return }
        let tmux = try DashboardEndToEndTests.startFromShell("--scenario self-healing --loop; echo status=$?")
        try tmux.waitFor(text: "error: --loop needs --autoplay")
        try tmux.waitFor(text: "status=1")
    }
}
