import Foundation
import Yams

/// The kubeconfig that points kubectl at kubesim: cluster, user and context all named
/// `kubesim`, plain HTTP, no credentials. Written to its own file under XDG_STATE_HOME unless
/// `--kubeconfig` names another; a file that already holds other clusters (say ~/.kube/config,
/// when named) keeps them: only the `kubesim` entries and current-context change.
enum KubeconfigFile {
    static let name = "kubesim"

    /// `$XDG_STATE_HOME/kubesim/kubeconfig`, else `~/.local/state/kubesim/kubeconfig`.
    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/kubesim/kubeconfig"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/kubesim/kubeconfig"
    }

    /// The path as typed, with `~/` expanded and made absolute, for the export line.
    static func resolve(_ path: String?) -> String {
        guard let path else { return defaultPath }
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return FileManager.default.currentDirectoryPath + "/" + expanded
    }

    /// A kubeconfig holding only kubesim.
    static func document(server: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            server: \(server)
          name: \(name)
        contexts:
        - context:
            cluster: \(name)
            user: \(name)
          name: \(name)
        current-context: \(name)
        preferences: {}
        users:
        - name: \(name)
          user: {}

        """
    }

    /// Writes (or merges into) the kubeconfig at `path`, creating its folder.
    static func write(server: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var text = document(server: server)
        if let existing = try? String(contentsOf: url, encoding: .utf8), !existing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text = try merged(existing, server: server, path: path)
        }
        try Data(text.utf8).write(to: url, options: .atomic)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// `existing` with the kubesim cluster, user and context replaced or added, and kubesim current.
    static func merged(_ existing: String, server: String, path: String) throws -> String {
        guard var config = try Yams.load(yaml: existing) as? [String: Any] else {
            throw KubeconfigError("error loading config file \"\(path)\": not a kubeconfig (a YAML mapping); kubesim leaves it alone")
        }
        func upsert(_ key: String, _ entryKey: String, _ value: [String: Any]) {
            var list = (config[key] as? [[String: Any]]) ?? []
            list.removeAll { ($0["name"] as? String) == name }
            list.append(["name": name, entryKey: value])
            config[key] = list
        }
        upsert("clusters", "cluster", ["server": server])
        upsert("contexts", "context", ["cluster": name, "user": name])
        upsert("users", "user", [String: Any]())
        config["current-context"] = name
        if config["apiVersion"] == nil { config["apiVersion"] = "v1" }
        if config["kind"] == nil { config["kind"] = "Config" }
        return try Yams.dump(object: config, sortKeys: true)
    }

    /// `export KUBECONFIG=PATH`, quoted for the shell when it needs it.
    static func exportLine(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@,".contains($0) }
        return "export KUBECONFIG=" + (plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'")
    }
}

struct KubeconfigError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
