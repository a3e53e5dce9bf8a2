import Foundation
import Testing

/// `kubectl describe` of each kind through the real kubectl 1.33 (which builds describe from
/// get/list calls and the objects' events) prints what `kubesim run`'s describe prints for the
/// same cluster, timestamps and ages aside.
@Suite struct DescribeEndToEndTests {
    /// Lines the real kubectl 1.33 prints otherwise, by kind, for reasons outside the API: it
    /// prints no quota lines when resourcequotas and limitranges are not served.
    static let knownDifferences: [String: [String]] = [
        "namespace": ["No resource quota.", "No LimitRange resource."],
    ]

    @Test func describeOfEachKindReadsAsKubesimRunsDescribe() throws {
        let file = try KubectlGetEndToEndTests().manifestFile()
        defer { try? FileManager.default.removeItem(at: file) }
        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "5", "--file", file.path, "--speed", "200"]) else { return }
        defer { server.stop() }
        let running = try server.kubectl(["get", "pods", "-o", "jsonpath={.items[*].status.phase}"]) { $0.stdout == "Running Running Running" }
        #expect(running.stdout == "Running Running Running", "\(running)")
        let pod = try #require(try server.kubectl(["get", "pods", "-o", "name"]).stdout.split(separator: "\n").first.map { String($0.dropFirst("pod/".count)) })
        let replicaSet = try #require(try server.kubectl(["get", "rs", "-o", "name"]).stdout.split(separator: "\n").first.map { String($0.dropFirst("replicaset.apps/".count)) })
        let systemDaemonSets = try server.kubectl(["get", "ds", "-n", "kube-system", "-o", "name"]).stdout.split(separator: "\n")
            .map { String($0.dropFirst("daemonset.apps/".count)) }
        var describes: [[String]] = [
            ["describe", "pod", pod], ["describe", "deployment", "web"], ["describe", "replicaset", replicaSet],
            ["describe", "node", "node-1"], ["describe", "namespace", "default"],
        ]
        describes += systemDaemonSets.map { ["describe", "daemonset", $0, "-n", "kube-system"] }
        #expect(describes.count >= 6, "kube-system has its DaemonSets (kube-proxy)")
        for arguments in describes {
            let line = "kubectl " + arguments.joined(separator: " ")
            let real = try server.kubectl(arguments)
            #expect(real.status == 0, "\(line): \(real)")
            let expected = try KubectlGetEndToEndTests().headless(line, file: file)
            #expect(expected.status == 0, "\(expected)")
            let headlessText = TranscriptEndToEndTests.headlessSections(expected.stdout).last?.output ?? ""
            let realLines = TranscriptEndToEndTests.describeLines(real.stdout)
            let expectedLines = TranscriptEndToEndTests.describeLines(headlessText)
            // Where `kubesim run` prints what only its own describe knows, the line is left out:
            // see `knownDifferences`.
            let known = Self.knownDifferences[arguments[1]] ?? []
            let keep = { (line: String) in !known.contains { line.hasPrefix($0) } }
            #expect(realLines.filter(keep) == expectedLines.filter(keep), "\(line)\n--- real kubectl\n\(real.stdout)--- kubesim run\n\(headlessText)")
            // A namespace's describe has no events (kubectl describes its quotas and limits instead).
            for field in ["Name:", "Labels:"] + (arguments[1] == "namespace" ? [] : ["Events:"]) {
                #expect(real.stdout.split(separator: "\n").contains { $0.hasPrefix(field) }, "\(line) shows \(field)")
            }
        }
    }
}
