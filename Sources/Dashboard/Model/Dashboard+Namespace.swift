import Cluster

/// The dashboard shows one namespace at a time (`default` first). `:ns NAME` switches to it,
/// `:ns` alone lists them in the status line (k9s' command), and `N` steps to the next one.
extension Dashboard {
    /// The namespace the tables, the header counts and the key commands act on.
    public var namespace: String { view.namespace }

    /// ` -n NS` for a command a key issues, so it acts on the namespace shown; nothing for `default`.
    var namespaceFlag: String { namespace == "default" ? "" : " -n \(namespace)" }

    /// Handles `ns` / `ns NAME` typed at the `:` prompt; false for any other line.
    func handleNamespaceCommand(_ line: String) -> Bool {
        let words = line.split(separator: " ").map(String.init)
        guard let first = words.first, first == "ns" || first == "namespace", words.count <= 2 else { return false }
        if words.count == 1 {
            let names = cluster.store.list(Namespace.self).map { $0.name == namespace ? "[\($0.name)]" : $0.name }
            status = StatusMessage(text: "namespaces: " + names.joined(separator: " "), isError: false, at: cluster.now)
        } else {
            switchNamespace(to: words[1])
        }
        return true
    }

    /// Shows `name`, or says in kubectl's words that it does not exist.
    func switchNamespace(to name: String) {
        guard cluster.store.namespaceExists(name) else {
            status = StatusMessage(text: APIError.notFound(.namespace, name).description, isError: true, at: cluster.now)
            return
        }
        show(name)
    }

    /// `N`: the next namespace in name order, wrapping around.
    func cycleNamespace() {
        let names = cluster.store.list(Namespace.self).map(\.name)
        guard !names.isEmpty else { return }
        let next = names.firstIndex(of: namespace).map { names[($0 + 1) % names.count] } ?? names[0]
        show(next)
    }

    private func show(_ name: String) {
        if name != namespace {
            view.namespace = name
            // Selections and filters belong to the namespace left behind.
            selection = [:]
            filters = [:]
            selectionMoved = false
        }
        status = StatusMessage(text: "namespace: \(name)", isError: false, at: cluster.now)
    }
}
