import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real kubectl against `kubesim serve` prints what `kubesim run` prints for the same
/// cluster (same seed and manifests, both settled), ages aside: server-side Tables are built
/// from the headless `get`'s own columns.
@Suite struct KubectlGetEndToEndTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.27

        """

    /// The manifest in a temporary file, for both programs' `--file`.
    func manifestFile() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-get-e2e-\(UUID().uuidString).yaml")
        try Self.manifest.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// `kubesim run` with the same cluster options, `settle` virtual time in, then `line`.
    func headless(_ line: String, file: URL, settle: String = "3m") throws -> ProcessResult {
        try ProcessRunner.run(try HeadlessBinaryTests.binary().path, ["run", "--seed", "5", "--file", file.path],
                              stdin: "sleep \(settle)\n\(line)\n", timeout: 60)
    }

    /// A table's rows as cells, cut where the header's columns start, without the columns
    /// that show how long ago something happened (they differ between a real-time server
    /// and a script).
    func cells(_ table: String) -> [[String]] {
        // `kubesim run` echoes each script line as `$ LINE`.
        let lines = table.split(separator: "\n").filter { !$0.hasPrefix("$ ") }.map { Array($0) }
        guard let header = lines.first else { return [] }
        let starts = header.indices.filter { i in header[i] != " " && (i == 0 || (i >= 2 && header[i - 1] == " " && header[i - 2] == " ")) }
        func cut(_ line: [Character]) -> [String] {
            starts.enumerated().map { index, start in
                guard start < line.count else { return "" }
                let end = index + 1 < starts.count ? min(starts[index + 1], line.count) : line.count
                return String(line[start..<end]).trimmingCharacters(in: .whitespaces)
            }
        }
        let names = cut(header)
        let timeColumns: Set<String> = ["AGE", "LAST SEEN", "FIRST SEEN"]
        return lines.map { line in
            zip(names, cut(line)).filter { !timeColumns.contains($0.0) }.map(\.1)
        }
    }

    @Test func getPrintsWhatTheHeadlessGetPrints() throws {
        let file = try manifestFile()
        defer { try? FileManager.default.removeItem(at: file) }
        // Fast enough that the cluster settles within a second or two of real time.
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--file", file.path, "--speed", "200"]) else { return }
        Thread.sleep(forTimeInterval: 2)
        let commands: [[String]] = [
            ["get", "pods"], ["get", "pods", "-o", "wide"], ["get", "pods", "-A"], ["get", "pods", "--show-labels"],
            ["get", "deploy"], ["get", "deploy", "-o", "wide", "-A"], ["get", "rs", "-o", "wide"],
            ["get", "nodes"], ["get", "nodes", "-o", "wide", "--show-labels"],
            ["get", "ns"], ["get", "ds", "-A"], ["get", "ds", "-A", "-o", "wide"],
            ["get", "events"],
        ]
        for command in commands {
            let real = try server.kubectl(command)
            #expect(real.status == 0, "\(command): \(real)")
            let expected = try headless("kubectl " + command.joined(separator: " "), file: file)
            #expect(expected.status == 0, "\(expected)")
            #expect(cells(real.stdout) == cells(expected.stdout), "kubectl \(command.joined(separator: " "))\n--- real kubectl\n\(real.stdout)--- kubesim run\n\(expected.stdout)")
            #expect(!real.stdout.isEmpty)
        }
        // Nothing of a kind in the namespace: kubectl's own words, as the headless get says them.
        let none = try server.kubectl(["get", "ds"])
        #expect(none.stderr == "No resources found in default namespace.\n")
        #expect(none.stderr == (try headless("kubectl get ds", file: file)).stderr)
    }

    /// `kubectl cluster-info dump` reads every workload kind (ReplicationControllers among them,
    /// which kubesim keeps none of) and every pod's log in the namespaces asked for, and finishes.
    @Test func clusterInfoDumpReadsEveryKindAndEveryLog() throws {
        let file = try manifestFile()
        defer { try? FileManager.default.removeItem(at: file) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--file", file.path, "--speed", "200"]) else { return }
        let running = try server.kubectl(["get", "deploy", "web", "-o", "jsonpath={.status.readyReplicas}"]) { $0.stdout == "3" }
        #expect(running.stdout == "3", "\(running)")
        let dump = try server.kubectl(["cluster-info", "dump", "--namespaces", "default,kube-system"])
        #expect(dump.status == 0, "\(dump.stderr)")
        for kind in ["NodeList", "EventList", "ReplicationControllerList", "ServiceList", "DaemonSetList", "DeploymentList",
                     "ReplicaSetList", "PodList"] {
            #expect(dump.stdout.contains("\"kind\": \"\(kind)\""), "\(kind) missing")
        }
        #expect(dump.stdout.contains("==== START logs for container nginx of pod default/web-"))
        #expect(dump.stdout.contains("==== START logs for container coredns of pod kube-system/coredns-"))
    }

    @Test func getWatchShowsAKilledPodAndItsReplacement() throws {
        let file = try manifestFile()
        defer { try? FileManager.default.removeItem(at: file) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--file", file.path, "--speed", "20"]) else { return }
        Thread.sleep(forTimeInterval: 2)
        let pods = try server.kubectl(["get", "pods", "-o", "name"])
        let victim = try #require(pods.stdout.split(separator: "\n").first.map { String($0.dropFirst("pod/".count)) })
        let before = Set(pods.stdout.split(separator: "\n").map { String($0.dropFirst("pod/".count)) })

        let watch = Process()
        watch.executableURL = URL(fileURLWithPath: server.kubectlBinary!.path)
        watch.arguments = ["--kubeconfig", server.kubeconfig.path, "--cache-dir", server.folder.appendingPathComponent("cache").path,
                           "get", "pods", "-w"]
        let out = Pipe()
        watch.standardOutput = out
        watch.standardError = FileHandle.nullDevice
        let printed = LockedData()
        out.fileHandleForReading.readabilityHandler = { handle in printed.append(handle.availableData) }
        try watch.run()
        defer { if watch.isRunning { watch.terminate() }; watch.waitUntilExit() }
        func lines() -> [String] { String(decoding: printed.get(), as: UTF8.self).split(separator: "\n").map(String.init) }
        func waitFor(_ condition: ([String]) -> Bool) -> Bool {
            let deadline = Date(timeIntervalSinceNow: 60)
            while Date() < deadline {
                if condition(lines()) { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }
        #expect(waitFor { $0.count > before.count })

        let delete = try server.kubectl(["delete", "pod", victim, "--wait=false"])
        #expect(delete.status == 0, "\(delete)")
        let replaced = waitFor { lines in
            lines.contains { $0.hasPrefix(victim + " ") && $0.contains("Terminating") }
                && lines.contains { line in
                    let name = String(line.split(separator: " ").first ?? "")
                    return !before.contains(name) && name != "NAME" && line.contains("Running")
                }
        }
        let output = lines()
        #expect(replaced, "\(output.joined(separator: "\n"))")
        // The header once, then one row per change, in the list's columns.
        #expect(output.first?.hasPrefix("NAME") == true)
        #expect(output.filter { $0.hasPrefix("NAME") }.count == 1)
        #expect(output.allSatisfy { $0.split(separator: " ", omittingEmptySubsequences: true).count >= 5 })
    }
}
