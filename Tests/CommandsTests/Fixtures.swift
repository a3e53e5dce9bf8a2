import Foundation
@testable import Cluster
@testable import Commands

/// A headless shell over a fresh cluster, as `kubesim run --seed N` builds it.
final class Shell {
    let session: Session
    var cluster: Cluster { session.cluster }

    init(seed: UInt64 = 1, pace: Pace = .demo, nodes: Int = 3) {
        session = Session(cluster: Cluster(seed: seed, pace: pace, nodes: nodes))
    }

    /// Runs one line to completion (blocking commands advance virtual time).
    @discardableResult
    func run(_ line: String) -> CommandOutput { session.runToCompletion(line) }

    /// Standard output of a line that must succeed.
    func out(_ line: String) -> String { run(line).stdout }

    func advance(_ seconds: Double) { cluster.advance(by: .seconds(seconds)) }

    /// Names in the first column of a `get` table, header excluded.
    func names(_ line: String) -> [String] {
        out(line).split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) }
    }

    /// Rows of a `get` table as [column: value].
    func rows(_ line: String) -> [[String: String]] {
        let lines = out(line).split(separator: "\n").map(String.init)
        guard let header = lines.first else { return [] }
        // A column starts at a word preceded by two or more spaces (kubectl pads by three),
        // so headers like "NOMINATED NODE" stay whole.
        let h = Array(header)
        let starts = h.indices.filter { i in h[i] != " " && (i == 0 || (i >= 2 && h[i - 1] == " " && h[i - 2] == " ")) }
        let names = starts.enumerated().map { idx, start -> String in
            let end = idx + 1 < starts.count ? starts[idx + 1] : header.count
            return String(h[start..<end]).trimmingCharacters(in: .whitespaces)
        }
        return lines.dropFirst().map { line in
            let chars = Array(line)
            var row: [String: String] = [:]
            for (idx, start) in starts.enumerated() where start < chars.count {
                let end = idx + 1 < starts.count ? min(starts[idx + 1], chars.count) : chars.count
                row[names[idx]] = String(chars[start..<end]).trimmingCharacters(in: .whitespaces)
            }
            return row
        }
    }
}

/// Runs a whole script through the headless runner and returns everything printed.
/// Runs a script on a fresh cluster; `systemPods` adds kube-system's add-ons as `kubesim run` does.
func runScript(_ text: String, seed: UInt64, systemPods: Bool = false) -> (output: String, ok: Bool) {
    var printed = ""
    let cluster = Cluster(seed: seed)
    if systemPods { try? SystemComponents.install(into: cluster) }
    let runner = ScriptRunner(session: Session(cluster: cluster)) { _, chunk in printed += chunk }
    let ok = runner.run(script: text)
    return (printed, ok)
}

func fixture(_ name: String, file: String = #filePath) throws -> String {
    let url = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}
