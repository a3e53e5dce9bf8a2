import Cluster

/// kubectl describe's PrefixWriter over a tabwriter: `write(level, text)` indents by two spaces
/// per level; `flush()` ends every column block (as tabwriter.Flush does).
struct DescribeWriter {
    private var pending = ""
    private var done = ""

    mutating func write(_ level: Int, _ text: String) {
        pending += String(repeating: "  ", count: level) + text
    }

    mutating func flush() {
        done += TabWriter.describe.format(pending)
        pending = ""
    }

    /// What was written, tabs left as they are (a PrefixWriter over a plain buffer).
    func unformatted() -> String { done + pending }

    mutating func finish() -> String {
        flush()
        return done
    }

    // MARK: kubectl's multi-line printers

    /// `Labels:\tk=v` with further entries aligned beneath; `<none>` when empty.
    mutating func labels(_ title: String, _ labels: [String: String], initialIndent: String = "") {
        write(0, "\(initialIndent)\(title):\t")
        guard !labels.isEmpty else { write(0, "<none>\n"); return }
        for (i, key) in labels.keys.sorted().enumerated() {
            if i != 0 { write(0, "\(initialIndent)\t") }
            write(0, "\(key)=\(labels[key]!)\n")
        }
    }

    /// `Annotations:\tkey: value`, one per line.
    mutating func annotations(_ title: String, _ annotations: [String: String]) {
        write(0, "\(title):\t")
        let keys = annotations.keys.filter { $0 != "kubectl.kubernetes.io/last-applied-configuration" }.sorted()
        guard !keys.isEmpty else { write(0, "<none>\n"); return }
        for (i, key) in keys.enumerated() {
            if i != 0 { write(0, "\t") }
            write(0, "\(key): \(annotations[key]!)\n")
        }
    }

    mutating func tolerations(_ title: String, _ tolerations: [Toleration]) {
        write(0, "\(title):\t")
        guard !tolerations.isEmpty else { write(0, "<none>\n"); return }
        for (i, t) in tolerations.sorted(by: { $0.key < $1.key }).enumerated() {
            if i != 0 { write(0, "\t") }
            var line = t.key
            if !t.value.isEmpty { line += "=\(t.value)" }
            if !t.effect.isEmpty { line += ":\(t.effect)" }
            if t.operator == "Exists" && t.value.isEmpty { line += t.key.isEmpty && t.effect.isEmpty ? "op=Exists" : " op=Exists" }
            if let seconds = t.tolerationSeconds { line += " for \(seconds)s" }
            write(0, line + "\n")
        }
    }

    mutating func taints(_ title: String, _ taints: [Taint]) {
        write(0, "\(title):\t")
        guard !taints.isEmpty else { write(0, "<none>\n"); return }
        for (i, t) in taints.sorted(by: { "\($0.effect),\($0.key)" < "\($1.effect),\($1.key)" }).enumerated() {
            if i != 0 { write(0, "\t") }
            write(0, t.description + "\n")
        }
    }

    /// The Events table, oldest first; `Events:\t<none>` when there are none.
    mutating func events(_ events: [Event], now: SimTime) {
        guard !events.isEmpty else { write(0, "Events:\t<none>\n"); return }
        flush()
        write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        write(1, "----\t------\t----\t----\t-------\n")
        let sorted = events.enumerated().sorted { a, b in
            let (x, y) = (a.element.lastSeen ?? .zero, b.element.lastSeen ?? .zero)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        for e in sorted {
            let first = ResourceTables.age(e.firstSeen, now: now)
            let interval = e.count > 1 ? "\(ResourceTables.age(e.lastTimestamp, now: now)) (x\(e.count) over \(first))" : first
            write(1, "\(e.type)\t\(e.reason)\t\(interval)\t\(e.sourceComponent)\t\(e.message)\n")
        }
    }
}

