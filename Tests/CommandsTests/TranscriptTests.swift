import Testing
import KubesimTestSupport
@testable import Cluster
@testable import Commands

/// The seed post's kubectl session, run headless.
@Suite struct TranscriptTests {
    @Test func transcriptPrintsWhatThePostShows() throws {
        let (output, ok) = runScript(try fixture("transcript.txt"), seed: 1)
        #expect(ok)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Every command is echoed.
        #expect(lines.contains("$ kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol"))
        #expect(lines.contains("deployment.apps/hello-kiamol-2 created"))
        // kubectl get deployment, as in the post (AGE aside).
        #expect(lines.contains("NAME             READY   UP-TO-DATE   AVAILABLE   AGE"))
        #expect(lines.contains("hello-kiamol-2   1/1     1            1           30s"))
        #expect(lines.contains("NAME                        DESIRED   CURRENT   READY   AGE"))
        #expect(lines.contains { $0.wholeMatch(of: /hello-kiamol-2-[bcdfghjklmnpqrstvwxz2456789]{9,10}   1         1         1       \d+s/) != nil })
        #expect(lines.contains("{\"app\":\"hello-kiamol-2\"}"))
        #expect(lines.contains("Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable"))
        #expect(lines.contains("RollingUpdateStrategy:  25% max unavailable, 25% max surge"))
        #expect(lines.contains("  Available      True    MinimumReplicasAvailable"))
        #expect(lines.contains("  Progressing    True    NewReplicaSetAvailable"))

        // The deleted pod is replaced by one with another name; at the end, three Running pods.
        let podRow = /hello-kiamol-2-[a-z0-9]+-([bcdfghjklmnpqrstvwxz2456789]{5})   1\/1     Running   0          (\d+)s/
        let deleted = try #require(lines.first { $0.hasPrefix("pod \"hello-kiamol-2-") && $0.hasSuffix("\" deleted") })
        let afterDelete = lines.drop { $0 != deleted }.dropFirst(3).first!
        #expect(afterDelete.wholeMatch(of: podRow) != nil, "\(afterDelete)")
        let replacement = String(afterDelete.split(separator: " ")[0])
        #expect(deleted != "pod \"\(replacement)\" deleted")
        let finalRows = lines.suffix(4).filter { $0.wholeMatch(of: podRow) != nil }
        #expect(finalRows.count == 3)

        #expect(snapshotMismatch(output, named: "transcript-seed-1") == nil)
    }

    /// The post's cluster had kube-system's pods too; with them, `default` reads the same.
    @Test func withTheSystemPodsTheTranscriptReadsTheSame() throws {
        let (output, ok) = runScript(try fixture("transcript.txt"), seed: 1, systemPods: true)
        #expect(ok)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("hello-kiamol-2   1/1     1            1           30s"))
        #expect(!output.contains("kube-proxy") && !output.contains("coredns"))
        let podRow = /hello-kiamol-2-[a-z0-9]+-[bcdfghjklmnpqrstvwxz2456789]{5}   1\/1     Running   0          \d+s/
        #expect(lines.suffix(4).filter { $0.wholeMatch(of: podRow) != nil }.count == 3)
    }

    @Test func sameSeedByteIdenticalOtherSeedOtherSuffixes() throws {
        let script = try fixture("transcript.txt")
        let a = runScript(script, seed: 7).output
        #expect(a == runScript(script, seed: 7).output)
        let b = runScript(script, seed: 8).output
        #expect(a != b)
        func podSuffixes(_ text: String) -> Set<String> {
            Set(text.matches(of: /hello-kiamol-2-[a-z0-9]+-([a-z0-9]{5})/).map { String($0.output.1) })
        }
        #expect(podSuffixes(a).isDisjoint(with: podSuffixes(b)))
        // The template, hence the ReplicaSet name, does not depend on the seed.
        func rsNames(_ text: String) -> Set<String> { Set(text.matches(of: /hello-kiamol-2-[bcdfghjklmnpqrstvwxz2456789]{9,10}\b/).map { String($0.output) }) }
        #expect(rsNames(a) == rsNames(b))
    }

    @Test func failingLineMakesTheScriptFail() {
        let (output, ok) = runScript("get pods\nget foo\n# after\nget nodes", seed: 1)
        #expect(!ok)
        #expect(output.contains("error: the server doesn't have a resource type \"foo\""))
        #expect(output.contains("node-3   Ready"))
    }
}
