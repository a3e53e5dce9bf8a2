import Testing
@testable import Cluster

@Suite struct NamingTests {
    @Test func replicaSetAndPodNamesHaveKubernetesShape() throws {
        let cluster = Cluster(seed: 7)
        try cluster.store.create(makeDeployment("hello-kiamol-2", replicas: 3))
        #expect(cluster.settle(app: "hello-kiamol-2", count: 3))
        let rs = try #require(cluster.replicaSet(of: "hello-kiamol-2"))
        #expect(rs.name.wholeMatch(of: try Regex("^hello-kiamol-2-[bcdfghjklmnpqrstvwxz2456789]{9,10}$")) != nil)
        let podPattern = try Regex("^hello-kiamol-2-\(nameAlphabet){9,10}-\(nameAlphabet){5}$")
        for pod in cluster.pods(app: "hello-kiamol-2") {
            #expect(pod.name.wholeMatch(of: podPattern) != nil, "\(pod.name)")
            #expect(pod.name.hasPrefix(rs.name + "-"))
            #expect(pod.metadata.labels["pod-template-hash"] == String(rs.name.dropFirst("hello-kiamol-2-".count)))
        }
    }

    @Test func templateHashIsDeterministicAndUsesTheSafeAlphabet() {
        let template = makeDeployment("web").spec.template
        #expect(TemplateHash.compute(template) == TemplateHash.compute(template))
        var changed = template
        changed.spec.containers[0].image = "kiamol/ch02-hello-kiamol:v2"
        #expect(TemplateHash.compute(changed) != TemplateHash.compute(template))
        #expect(TemplateHash.compute(template, collisionCount: 1) != TemplateHash.compute(template))
        // Decimal digits map to "4 5 6 7 8 9 b c d f"; a 32-bit hash has at most 10 digits.
        for i in 0..<200 {
            var t = template
            t.labels["app"] = "app-\(i)"
            let hash = TemplateHash.compute(t)
            #expect(hash.count <= 10 && hash.count >= 1)
            #expect(hash.allSatisfy { "456789bcdf".contains($0) }, "\(hash)")
        }
    }

    @Test func sameTemplateGivesSameReplicaSetNameInAnyCluster() throws {
        let a = Cluster(seed: 1), b = Cluster(seed: 99)
        try a.store.create(makeDeployment("web"))
        try b.store.create(makeDeployment("web"))
        a.advance(by: .seconds(5))
        b.advance(by: .seconds(5))
        #expect(a.replicaSet(of: "web")?.name == b.replicaSet(of: "web")?.name)
    }

    @Test func sameSeedSameNamesOtherSeedOtherSuffixes() throws {
        func podNames(seed: UInt64) throws -> [String] {
            let cluster = Cluster(seed: seed)
            try cluster.store.create(makeDeployment("web", replicas: 3))
            cluster.settle(app: "web", count: 3)
            return cluster.pods(app: "web").map(\.name)
        }
        #expect(try podNames(seed: 42) == podNames(seed: 42))
        #expect(try podNames(seed: 42) != podNames(seed: 43))
    }

    @Test func generatedNamesCutTheBaseTo58Characters() {
        var random = SeededRandom(seed: 3)
        let name = NameGenerator.generate(base: String(repeating: "a", count: 70), using: &random)
        #expect(name.count == 63)
        #expect(name.hasPrefix(String(repeating: "a", count: 58)))
    }
}
