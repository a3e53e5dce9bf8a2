/// The `?` overlay: every key, grouped as k9s groups them.
enum HelpText {
    static let global: [(String, String)] = [
        ("?", "this help"), (":", "command line (any kubectl or sim command, as in kubesim run; Esc stops one that follows, as logs -f)"),
        ("/", "filter the focused table (text, or -l SELECTOR); Esc clears it"),
        ("Tab Shift-Tab", "next / previous pane"), ("1 2 3 4 5", "Nodes, Deployments, ReplicaSets, Pods, Events"),
        ("↑ ↓ j k", "move"), ("g G", "first / last row"), ("PgUp PgDn", "page"),
        ("M A", "sort the focused table by NAME / AGE, k9s' Shift-letters (N is the next namespace,"),
        ("", "so NAME is M); the same key again reverses; ↑ ↓ mark the heading; :sort COLUMN too"),
        ("Enter d", "describe the selected object (Esc closes); on Deployments Enter opens the rollout view"),
        ("o", "the last command's whole output (keys report only its first line)"),
        ("z", "node map: small, medium or large cards"),
        ("Z", "node map of a cluster too large for cards (a cell per node or group, worst pod state):"),
        ("", "zoom into the selected node's region as cards; Z or Esc back to the whole cluster"),
        ("N", "next namespace (:ns NAME shows one, :ns lists them; the map shows every namespace)"),
        ("space", "pause / resume time"), (".", "advance one second while paused"),
        ("< >", "slower / faster (¼× to 16×)"), ("t", "next theme"), ("q Ctrl-C", "quit"),
        ("Ctrl-Z", "suspend to the shell (fg resumes)"),
    ]

    static let panes: [(String, [(String, String)])] = [
        ("Pods", [("x Ctrl-K", "kill the selected pod (kubectl delete pod)"), ("l", "relabel it (kubectl label pod … --overwrite)"),
                  ("L", "its log, following new lines (↑ ↓ PgUp PgDn scroll, G follows, c next container, Esc back)"),
                  ("R S T O", "sort by READY / STATUS / RESTARTS / NODE (again reverses)")]),
        ("Deployments, ReplicaSets", [("+ -", "scale by one (kubectl scale)"), ("s", "scale to a number")]),
        ("Deployments", [("Enter", "rollout view: old and new ReplicaSets and their pods, progress, limits, revision"),
                         ("i", "set image (kubectl set image deployment/NAME CONTAINER=IMAGE; prompt holds the current one)"),
                         ("u", "undo (kubectl rollout undo)"), ("p", "pause / resume (kubectl rollout pause|resume)"),
                         ("R", "restart (kubectl rollout restart)"),
                         ("T", "start / stop traffic to its Service (sim traffic svc/NAME --rps 50 | --stop;"),
                         ("", "kubectl expose deployment NAME --port=80 first when no Service selects its pods)")]),
        ("Scenario (kubesim --scenario NAME)", [("PageDown →", "play the next part (what presentation clickers send);"),
                                                ("", "a part played before is shown again, not run again"),
                                                ("PageUp ←", "show the previous part again (nothing runs)"),
                                                ("Esc ↑ ↓", "close / scroll the command output under the node map")]),
        ("Nodes", [("c", "cordon / uncordon"), ("r", "drain (kubectl drain --ignore-daemonsets)"),
                   ("f", "fail / recover the node (sim fail, sim recover)"), ("n", "add a node (sim add-node)")]),
    ]

    static func text(focus: Pane) -> String {
        func lines(_ rows: [(String, String)]) -> [String] { rows.map { "  " + $0.0.padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1 } }
        var out = ["Keys everywhere"] + lines(global)
        for (title, rows) in panes {
            out += ["", "\(title)"] + lines(rows)
        }
        out += ["", "Output panels scroll with ↑ ↓ PgUp PgDn, and sideways with ← → (0 back to the start).",
                "Node map tiles: ■ ready  □ running, not ready  ◐ creating  ◌ pending  ▒ terminating  ✗ failed  ◇ orphan",
                "                ↻ crash loop (CrashLoopBackOff, Error)  ⇣ image pull failing (ErrImagePull, ImagePullBackOff).",
                "Traffic pane: shown while requests flow, in the Events place (5 brings Events back): each pod's requests/s",
                "              as a bar of its share, the total, and errors second by second over the last minute.",
                "The highlight stays on the object you chose; if it goes away, the status line says where it moved.",
                "", "Focused pane: \(focus.rawValue) \(focus.title). Results and errors appear in the status line in kubectl's words."]
        return out.joined(separator: "\n")
    }
}

import Foundation
