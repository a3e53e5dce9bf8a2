import Cluster
import PropertyBased
import Testing
@testable import Commands

/// `kubesim export` over generated clusters (deployments created, labelled, scaled and exposed,
/// nodes cordoned): applying the export to an empty cluster gives the same objects, so the
/// restored cluster exports to the very same manifests.
@Suite struct ManifestRoundTripPropertyTests {
    static let names = ["web", "api", "db"]
    static let images = ["nginx:1.27", "kiamol/ch02-hello-kiamol", "busybox:1.36"]

    static let line = zip(Gen.int(in: 0...5), Gen.element(of: names), Gen.element(of: images), Gen.int(in: 0...4), Gen.int(in: 1...3))
        .map { verb, name, image, number, node -> String in
            switch verb {
            case 0, 1: "create deployment \(name!) --image=\(image!) --replicas=\(number)"
            case 2: "label deployment \(name!) tier=t\(number) --overwrite"
            case 3: "scale deployment \(name!) --replicas=\(number)"
            case 4: "expose deployment \(name!) --port=\(8000 + number)"
            default: "cordon node-\(node)"
            }
        }

    @Test func anExportAppliedToAnEmptyClusterExportsTheSame() async {
        await propertyCheck(count: 1000, input: Self.line.array(of: 1...6)) { lines in
            let original = Session(cluster: Cluster(seed: 1, pace: .demo, nodes: 3))
            for line in lines { _ = original.runToCompletion(line) }
            let yaml = ManifestExporter.export(original.cluster)
            let restored = Cluster(seed: 2, pace: .demo, nodes: 0)
            let applied = ManifestApplier.apply(text: yaml, file: "export.yaml", to: restored)
            #expect(applied.stderr.isEmpty, "\(lines): \(applied.stderr)")
            #expect(ManifestExporter.export(restored) == yaml, "\(lines)")
            let (before, after) = (original.cluster.store, restored.store)
            #expect(after.list(Deployment.self).map(\.spec) == before.list(Deployment.self).map(\.spec))
            #expect(after.list(Deployment.self).map(\.metadata.labels) == before.list(Deployment.self).map(\.metadata.labels))
            #expect(after.list(Node.self).map(\.spec.unschedulable) == before.list(Node.self).map(\.spec.unschedulable))
        }
    }
}
