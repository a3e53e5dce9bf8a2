import Cluster
import Commands
import Testing
@testable import KubeAPI

/// Lists are streamed a piece at a time, and pods are written straight into bytes: what a client
/// gets must be, byte for byte, the JSON the object encoder's values write.
@Suite struct StreamedListTests {
    /// A running deployment, a pending pod that fits nowhere, and one being deleted.
    func busyCluster() throws -> APICluster {
        let c = try APICluster(systemPods: true)
        #expect(c.run("kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=8080").stderr == "")
        #expect(c.run("kubectl create deployment huge --image=nginx:1.27 --replicas=1").stderr == "")
        // A selector no node matches: its pods stay Pending.
        _ = try c.store.modify(Deployment.self, "huge", namespace: "default") { $0.spec.template.spec.nodeSelector = ["disk": "none"] }
        c.advance(30)
        let victim = c.store.list(Pod.self, namespace: "default").first { $0.name.hasPrefix("web-") }!.name
        #expect(c.run("kubectl delete pod \(victim) --wait=false").stderr == "")
        c.advance(1)
        return c
    }

    /// The list as one JSONValue written whole: the reference.
    func wholeList(_ objects: [any APIObject], resource: ServedResource, resourceVersion: Int64) -> [UInt8] {
        JSONValue.object([
            ("kind", .string("\(resource.kind)List")), ("apiVersion", .string(resource.groupVersion)),
            ("metadata", .object([("resourceVersion", .string(String(resourceVersion)))])),
            ("items", .array(objects.map { ServedObjectJSON.listItem($0, as: resource) })),
        ]).compactJSONBytes()
    }

    func resource(_ name: String) throws -> ServedResource {
        try #require(ServedResources.all.first { $0.resource == name && $0.group.isEmpty })
    }

    @Test func streamedListsAreTheWholeListsBytes() throws {
        let c = try busyCluster()
        for name in ["pods", "nodes", "events", "namespaces"] {
            let resource = try resource(name)
            let response = c.get("/api/v1/\(name)")
            #expect(response.status == 200)
            #expect(response.streamedBody != nil)
            let objects = c.store.objects(kind: try #require(resource.storedKind))
            #expect(!objects.isEmpty)
            #expect(response.body == wholeList(objects, resource: resource, resourceVersion: c.store.currentResourceVersion), "\(name)")
        }
    }

    @Test func piecesSplitBetweenItemsAndJoinToTheWhole() throws {
        let c = try busyCluster()
        let resource = try resource("pods")
        let pods = c.store.objects(kind: .pod)
        let metadata: [(String, JSONValue)] = [("resourceVersion", .string(String(c.store.currentResourceVersion)))]
        let body = StreamedList.json(pods, resource: resource, metadata: metadata, pieceBytes: 1)
        var pieces: [[UInt8]] = []
        let next = body.pieces()
        while let piece = next() { pieces.append(piece) }
        // One item a piece: the first carries the list's head, the last its tail.
        #expect(pieces.count == pods.count)
        #expect(pieces.joined().elementsEqual(wholeList(pods, resource: resource, resourceVersion: c.store.currentResourceVersion)))
        // A second pass gives the same bytes again.
        #expect(body.collect() == Array(pieces.joined()))

        let empty = StreamedList.json([], resource: resource, metadata: metadata)
        #expect(empty.collect() == wholeList([], resource: resource, resourceVersion: c.store.currentResourceVersion))
    }

    @Test func streamedTablesAreTheWholeTablesBytes() throws {
        let c = try busyCluster()
        let resource = try resource("pods")
        let pods = c.store.objects(kind: .pod)
        let metadata: [(String, JSONValue)] = [("resourceVersion", .string(String(c.store.currentResourceVersion)))]
        for include in [ResponseShape.IncludeObject.none, .metadata, .object] {
            let whole = TableBuilder.table(pods, resource: resource, now: c.cluster.now, version: "v1", include: include, metadata: metadata)
            let streamed = TableBuilder.streamedTable(pods, resource: resource, now: c.cluster.now, version: "v1", include: include, metadata: metadata)
            #expect(streamed.collect() == whole.compactJSONBytes())
        }
        let response = c.get("/api/v1/pods", accept: APICluster.table)
        #expect(response.streamedBody != nil)
        #expect(response.contentType == "application/json;as=Table;v=v1;g=meta.k8s.io")
        #expect(try JSONParser.parse(response.body)["rows"]?.items.count == pods.count)
    }

    @Test func streamedTablesOfEveryKindAreTheWholeTablesBytes() throws {
        let c = try busyCluster()
        #expect(c.run("kubectl expose deployment web --port=80").stderr == "")
        c.advance(5)
        let metadata: [(String, JSONValue)] = [("resourceVersion", .string(String(c.store.currentResourceVersion)))]
        var kinds = 0
        for resource in ServedResources.all where resource.verbs.contains("list") {
            guard let kind = resource.storedKind else { continue }
            let objects = c.store.objects(kind: kind)
            guard !objects.isEmpty else { continue }
            kinds += 1
            for include in [ResponseShape.IncludeObject.none, .metadata, .object] {
                for version in ["v1", "v1beta1"] {
                    let whole = TableBuilder.table(objects, resource: resource, now: c.cluster.now, version: version, include: include, metadata: metadata)
                    let streamed = TableBuilder.streamedTable(objects, resource: resource, now: c.cluster.now, version: version,
                                                              include: include, metadata: metadata)
                    #expect(streamed.collect() == whole.compactJSONBytes(), "\(resource.group)/\(resource.resource) \(include) \(version)")
                }
            }
        }
        // Pods, nodes, namespaces, events, leases, services, endpoints, slices, deployments, replica sets…
        #expect(kinds >= 10)
    }

    @Test func podBytesAreTheEncodersJSONInEveryShape() throws {
        let c = try busyCluster()
        var pods = c.store.list(Pod.self)
        // The rarer parts a pod can carry, on top of what the cluster made.
        var odd = try #require(pods.first { $0.isScheduled })
        odd.metadata.annotations = ["note": "a <b> & \"c\"\n", "z": ""]
        odd.metadata.deletionTimestamp = c.cluster.now
        odd.metadata.deletionGracePeriodSeconds = 30
        odd.spec.nodeSelector = ["disk": "ssd"]
        odd.spec.tolerations = [Toleration(key: "k", operator: "Equal", value: "v", effect: "NoExecute", tolerationSeconds: 300), Toleration(key: "")]
        odd.spec.nodeAffinity = NodeAffinity(requiredTerms: [NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "zone", operator: "In", values: ["a"])])])
        odd.spec.priority = 1000
        odd.spec.preemptionPolicy = "Never"
        odd.spec.enableServiceLinks = false
        var container = odd.spec.containers[0]
        container.env = [EnvVar(name: "A", value: "1"), EnvVar(name: "B", value: "")]
        container.ports = [ContainerPort(containerPort: 80, name: "http"), ContainerPort(containerPort: 53, protocol: "UDP")]
        container.limits = ResourceAmounts(cpuMillis: 1500, memoryBytes: 256 << 20)
        var liveness = Probe(handler: .httpGet(path: "/healthz", port: "http", scheme: "HTTP"))
        liveness.initialDelaySeconds = 5
        container.livenessProbe = liveness
        container.readinessProbe = Probe(handler: .exec(command: ["cat", "/ready"]))
        container.startupProbe = Probe(handler: .tcpSocket(port: "8080"))
        odd.spec.containers = [container, Container(name: "side", image: "busybox")]
        var terminated = ContainerStatus(name: "side", image: "busybox", state: .terminated(reason: "Error", exitCode: 1, finishedAt: c.cluster.now))
        terminated.lastState = ContainerTermination(reason: "OOMKilled", exitCode: 137, startedAt: .zero, finishedAt: c.cluster.now, containerID: "containerd://x")
        terminated.restartCount = 3
        odd.status.containerStatuses.append(terminated)
        var waiting = ContainerStatus(name: "w", image: "busybox", state: .waiting(reason: "CrashLoopBackOff"))
        waiting.waitingMessage = "back-off 10s"
        odd.status.containerStatuses.append(waiting)
        odd.status.message = "m"
        odd.status.reason = "r"
        pods.append(odd)
        #expect(pods.contains { !$0.isScheduled })
        // One memo across pods of different images (and containers not started), as a list writes them.
        var memo = PodJSONMemo()
        for pod in pods + pods.reversed() {
            var item: [UInt8] = []
            ObjectEncoder.writePod(pod, typeMeta: false, into: &item, memo: &memo)
            #expect(item == ServedObjectJSON.listItem(pod, as: try resource("pods")).compactJSONBytes(), "\(pod.name)")
        }
        for pod in pods {
            var whole: [UInt8] = []
            ObjectEncoder.writePod(pod, into: &whole)
            #expect(whole == ObjectEncoder.encode(pod).compactJSONBytes(), "\(pod.name)")
            var item: [UInt8] = []
            ObjectEncoder.writePod(pod, typeMeta: false, into: &item)
            #expect(item == ServedObjectJSON.listItem(pod, as: try resource("pods")).compactJSONBytes(), "\(pod.name)")
        }
    }

    /// Neighbours in a list share tolerations, labels, owner, conditions and timestamps, and the
    /// memo writes each once; a pod that differs from the one before in any of them alone, then
    /// one equal to the first again, must still read as its own JSON.
    @Test func neighboursDifferingInOneRememberedPartReadAsThemselves() throws {
        let c = try busyCluster()
        let base = try #require(c.store.list(Pod.self).first { $0.name.hasPrefix("web-") && $0.isRunning })
        var relabelled = base
        relabelled.metadata.labels["app"] = "web-2"
        var adopted = base
        adopted.metadata.ownerReferences[0].uid = "another-uid"
        var tolerant = base
        tolerant.spec.tolerations[0].tolerationSeconds = 60
        var upgraded = base
        upgraded.spec.containers[0].image = "nginx:1.28"
        var later = base
        later.metadata.creationTimestamp = base.metadata.creationTimestamp + .seconds(1)
        var deleting = base
        deleting.metadata.deletionTimestamp = base.metadata.creationTimestamp + .seconds(2)
        var restarted = base
        restarted.status.startTime = base.metadata.creationTimestamp + .seconds(3)
        var transitioned = base
        transitioned.status.conditions[0].lastTransitionTime = base.metadata.creationTimestamp + .seconds(5)
        // Seven distinct seconds in all: more than the memo keeps at once.
        let variants = [relabelled, adopted, tolerant, upgraded, later, deleting, restarted, transitioned]
        #expect(variants.allSatisfy { $0 != base })
        let pods = [base] + variants.flatMap { [$0, base] } + variants
        var memo = PodJSONMemo()
        for (index, pod) in pods.enumerated() {
            var item: [UInt8] = []
            ObjectEncoder.writePod(pod, typeMeta: false, into: &item, memo: &memo)
            #expect(item == ServedObjectJSON.listItem(pod, as: try resource("pods")).compactJSONBytes(), "item \(index)")
        }
    }
}
