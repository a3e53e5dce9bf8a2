import Testing
@testable import Cluster
@testable import Commands

/// Applying an earlier template again rolls back: the deployment controller finds the
/// ReplicaSet with that template, moves it to the next revision and records the revisions
/// it held before (deployment_util.go SetNewReplicaSetAnnotations).
@Suite struct RollbackByApplyTests {
    static let revision = "deployment.kubernetes.io/revision"
    static let history = "deployment.kubernetes.io/revision-history"

    @Test func applyingTheOldTemplateReusesItsReplicaSetAtANewRevision() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        let v1 = try folder.write("v1.yaml", SampleManifests.app(image: "nginx:1.25", minReadySeconds: 0))
        let v2 = try folder.write("v2.yaml", SampleManifests.app(image: "nginx:1.26", minReadySeconds: 0))
        let store = shell.cluster.store

        func replicaSet(_ image: String) throws -> ReplicaSet {
            let web = try #require(store.get(Deployment.self, "web", namespace: "default"))
            return try #require(store.replicaSets(ownedBy: web.metadata.uid).first { $0.spec.template.spec.containers[0].image == image })
        }
        func rollOut(_ file: String) {
            #expect(!shell.run("apply -f \(file)").failed)
            shell.advance(60)
        }

        rollOut(v1)
        rollOut(v2)
        let first = try replicaSet("nginx:1.25")
        #expect(first.metadata.annotations[Self.revision] == "1")
        #expect(try replicaSet("nginx:1.26").metadata.annotations[Self.revision] == "2")

        rollOut(v1)
        let web = try #require(store.get(Deployment.self, "web", namespace: "default"))
        #expect(store.replicaSets(ownedBy: web.metadata.uid).count == 2, "no third ReplicaSet")
        let back = try replicaSet("nginx:1.25")
        #expect(back.name == first.name)
        #expect(back.spec.replicas == 3 && back.status.readyReplicas == 3)
        #expect(back.metadata.annotations[Self.revision] == "3")
        #expect(back.metadata.annotations[Self.history] == "1")
        #expect(web.metadata.annotations[Self.revision] == "3")
        #expect(try replicaSet("nginx:1.26").spec.replicas == 0)

        // Back and forth: each ReplicaSet lists every revision it held, oldest first.
        rollOut(v2)
        #expect(try replicaSet("nginx:1.26").metadata.annotations[Self.revision] == "4")
        #expect(try replicaSet("nginx:1.26").metadata.annotations[Self.history] == "2")
        rollOut(v1)
        #expect(try replicaSet("nginx:1.25").metadata.annotations[Self.revision] == "5")
        #expect(try replicaSet("nginx:1.25").metadata.annotations[Self.history] == "1,3")
        #expect(store.get(Deployment.self, "web", namespace: "default")?.metadata.annotations[Self.revision] == "5")
    }
}
