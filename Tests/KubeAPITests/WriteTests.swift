import Cluster
import Commands
import Testing
@testable import KubeAPI

/// Writes through `KubeAPIHandler.handle`, on the virtual clock.
@Suite struct WriteTests {
    let cluster = Cluster(seed: 7)
    let api: KubeAPIHandler

    init() {
        api = KubeAPIHandler(cluster: cluster)
        cluster.advance(by: .seconds(5))
    }

    @discardableResult
    private func send(_ method: String, _ target: String, _ body: String? = nil,
                      contentType: String = "application/json") throws -> (status: Int, json: JSONValue) {
        let headers = body == nil ? [] : [(name: "Content-Type", value: contentType)]
        let response = try #require(api.handle(APIRequest(method: method, target: target, headers: headers,
                                                          body: Array((body ?? "").utf8))).response)
        let json = response.body.isEmpty ? JSONValue.null : try JSONParser.parse(response.body)
        return (response.status, json)
    }

    private static let pods = "/api/v1/namespaces/default/pods"
    private static let deployments = "/apis/apps/v1/namespaces/default/deployments"

    private static func pod(_ name: String, labels: String = #"{"app":"solo"}"#) -> String {
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","labels":\#(labels)},"spec":{"containers":[{"name":"web","image":"nginx"}]}}"#
    }

    private static let deployment = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}"#

    private func string(_ value: JSONValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }

    // MARK: create

    @Test func createAnswers201AndTheStoreHasTheObject() throws {
        let (status, json) = try send("POST", Self.pods + "?fieldManager=kubectl-create&fieldValidation=Strict", Self.pod("solo"))
        #expect(status == 201)
        #expect(json["kind"] == .string("Pod"))
        let stored = try #require(cluster.store.get(Pod.self, "solo", namespace: "default"))
        #expect(string(json["metadata"]?["uid"]) == stored.metadata.uid)
        #expect(string(json["metadata"]?["namespace"]) == "default")
        // The scheduler sees it like any other pod.
        cluster.advance(by: .seconds(5))
        #expect(cluster.store.get(Pod.self, "solo", namespace: "default")?.isScheduled == true)
    }

    @Test func createTwiceIsAlreadyExists() throws {
        try send("POST", Self.deployments, Self.deployment)
        let (status, json) = try send("POST", Self.deployments, Self.deployment)
        #expect(status == 409)
        #expect(json["reason"] == .string("AlreadyExists"))
        #expect(json["message"] == .string(#"deployments.apps "web" already exists"#))
    }

    @Test func createdDeploymentIsRolledOutByItsControllers() throws {
        #expect(try send("POST", Self.deployments, Self.deployment).status == 201)
        cluster.advance(by: .seconds(60))
        let pods = cluster.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": "web"]), namespace: "default")
        #expect(pods.count == 2)
    }

    @Test func generateNameMakesAName() throws {
        let body = #"{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"job-"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"#
        let (status, json) = try send("POST", Self.pods, body)
        #expect(status == 201)
        let name = try #require(string(json["metadata"]?["name"]))
        #expect(name.hasPrefix("job-") && name.count == 9)
        #expect(cluster.store.get(Pod.self, name, namespace: "default") != nil)
    }

    @Test func namespaceInBodyMustMatchThePath() throws {
        let body = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"#
        let (status, json) = try send("POST", Self.pods, body)
        #expect(status == 400)
        #expect(json["message"] == .string("the namespace of the provided object does not match the namespace sent on the request"))
    }

    @Test func invalidObjectIs422WithCauses() throws {
        let (status, json) = try send("POST", Self.pods, Self.pod("Bad_Name"))
        #expect(status == 422)
        #expect(json["reason"] == .string("Invalid"))
        #expect(json["details"]?["kind"] == .string("Pod"))
        #expect(json["details"]?["name"] == .string("Bad_Name"))
        guard case .array(let causes)? = json["details"]?["causes"] else { Issue.record("no causes"); return }
        #expect(causes.first?["field"] == .string("metadata.name"))
        #expect(string(json["message"])?.hasPrefix(#"Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name""#) == true)
        #expect(cluster.store.get(Pod.self, "Bad_Name", namespace: "default") == nil)
    }

    @Test func strictValidationNamesUnknownFields() throws {
        let body = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"foo":1,"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx","bar":true}]}}}}"#
        let (status, json) = try send("POST", Self.deployments + "?fieldValidation=Strict", body)
        #expect(status == 400)
        #expect(json["message"] == .string(#"Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[0].bar""#))
        // Without Strict the unknown fields are dropped.
        #expect(try send("POST", Self.deployments, body).status == 201)
    }

    /// Fields of the real API that kubesim does not model are still fields, not typos: strict
    /// validation accepts them (charts set priorityClassName, dnsConfig, appProtocol, …).
    @Test func strictValidationKnowsFieldsKubesimIgnores() throws {
        let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"full"},"spec":{"priorityClassName":"high","dnsConfig":{"options":[{"name":"ndots","value":"2"}]},"hostAliases":[{"ip":"10.0.0.1","hostnames":["a.local"]}],"hostPID":false,"shareProcessNamespace":true,"runtimeClassName":"runc","os":{"name":"linux"},"containers":[{"name":"c","image":"nginx","resizePolicy":[{"resourceName":"cpu","restartPolicy":"NotRequired"}]}]}}"#
        let created = try send("POST", Self.pods + "?fieldValidation=Strict", pod)
        #expect(created.status == 201, "\(created.json)")
        let service = #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"selector":{"app":"x"},"externalIPs":["1.2.3.4"],"loadBalancerSourceRanges":["10.0.0.0/8"],"ports":[{"port":80,"appProtocol":"http"}]}}"#
        let exposed = try send("POST", "/api/v1/namespaces/default/services?fieldValidation=Strict", service)
        #expect(exposed.status == 201, "\(exposed.json)")
        // A typo of one is still a typo.
        let typo = try send("POST", Self.pods + "?fieldValidation=Strict", pod.replacingOccurrences(of: "priorityClassName", with: "priorityClass"))
        #expect(typo.json["message"] == .string(#"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.priorityClass""#))
    }

    /// A field kubesim does not simulate (affinity, init containers) is dropped with a warning
    /// per field, as `Warning:` lines kubectl prints; an empty one sets nothing and is not warned of.
    @Test func fieldsNotSimulatedAreDroppedWithAWarning() throws {
        func post(_ body: String) -> APIResponse? {
            api.handle(APIRequest(method: "POST", target: Self.pods + "?fieldValidation=Strict",
                                  headers: [("Content-Type", "application/json")], body: Array(body.utf8))).response
        }
        let affine = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"affine"},"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}]}}},"initContainers":[{"name":"init","image":"busybox"}],"containers":[{"name":"c","image":"nginx"}]}}"#
        let created = try #require(post(affine))
        #expect(created.status == 201)
        #expect(created.headers.filter { $0.name == "Warning" }.map(\.value) == [
            #"299 - "spec.affinity: not simulated by kubesim; dropped""#,
            #"299 - "spec.initContainers: not simulated by kubesim; dropped""#,
        ])
        let chart = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"chart"},"spec":{"affinity":{},"initContainers":[],"containers":[{"name":"c","image":"nginx"}]}}"#
        let plain = try #require(post(chart))
        #expect(plain.status == 201)
        #expect(!plain.headers.contains { $0.name == "Warning" })
    }

    @Test func warningHeadersQuoteTheirTextAsTheAPIServerDoes() {
        #expect(WarningHeader.make("plain").value == #"299 - "plain""#)
        #expect(WarningHeader.make(#"a "quoted" \ path"#).value == #"299 - "a \"quoted\" \\ path""#)
    }

    @Test func yamlBodiesAreAccepted() throws {
        let yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n"
        let (status, json) = try send("POST", "/api/v1/namespaces", yaml, contentType: "application/yaml")
        #expect(status == 201)
        #expect(json["status"]?["phase"] == .string("Active"))
        #expect(cluster.store.namespaceExists("team-a"))
    }

    @Test func dryRunWritesNothing() throws {
        let (status, json) = try send("POST", Self.pods + "?dryRun=All", Self.pod("ghost"))
        #expect(status == 201)
        #expect(json["metadata"]?["name"] == .string("ghost"))
        #expect(cluster.store.get(Pod.self, "ghost", namespace: "default") == nil)
        // Made now, not when the server started, and with no version: nothing was stored.
        cluster.advance(by: .seconds(90))
        let (_, later) = try send("POST", Self.pods + "?dryRun=All", Self.pod("ghost"))
        #expect(later["metadata"]?["creationTimestamp"] == .string(CalendarTime.rfc3339(cluster.now)))
        #expect(later["metadata"]?["resourceVersion"] == nil)
    }

    /// A dry-run update answers with the object as the write would leave it: a changed spec
    /// moves the generation on (what `kubectl diff` shows), an unchanged one does not, and
    /// nothing is stored.
    @Test func aDryRunUpdateAnswersWithTheGenerationTheWriteWouldGive() throws {
        try send("POST", Self.deployments, Self.deployment)
        let live = try #require(cluster.store.get(Deployment.self, "web", namespace: "default"))
        let scaled = Self.deployment.replacingOccurrences(of: #""replicas":2"#, with: #""replicas":5"#)
        let (status, json) = try send("PUT", Self.deployments + "/web?dryRun=All", scaled)
        #expect(status == 200)
        #expect(json["metadata"]?["generation"] == .int(live.metadata.generation + 1))
        #expect(json["spec"]?["replicas"] == .int(5))
        let (_, same) = try send("PUT", Self.deployments + "/web?dryRun=All", Self.deployment)
        #expect(same["metadata"]?["generation"] == .int(live.metadata.generation))
        let stored = try #require(cluster.store.get(Deployment.self, "web", namespace: "default"))
        #expect(stored.metadata.generation == live.metadata.generation && stored.spec.replicas == 2)
    }

    /// exec, attach and portforward need a container's process, which a simulated pod does not
    /// have: kubectl is told so in a Status, not "could not find the requested resource".
    @Test func containerStreamsAreRefusedSayingWhy() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        for (method, subresource, says) in [("POST", "exec", "no process to run a command in"), ("GET", "attach", "no process to attach to"),
                                            ("POST", "portforward", "use port-forward at kubesim's own command line")] {
            let (status, json) = try send(method, Self.pods + "/solo/\(subresource)")
            #expect(status == 400, "\(subresource)")
            #expect(json["reason"] == .string("BadRequest"))
            #expect(string(json["message"])?.hasPrefix("pods/\(subresource) is not served: kubesim runs no containers") == true, "\(json)")
            #expect(string(json["message"])?.contains(says) == true, "\(json)")
        }
        #expect(try send("GET", Self.pods + "/solo/proxy").status == 404)
    }

    /// Broken JSON is refused as the API server refuses it: its serializer reads the kind first.
    @Test func brokenJSONIsABadRequestInTheServersWords() throws {
        for (body, reason) in [(#"{"apiVersion":"#, "unexpected end of JSON input"),
                               ("x", "invalid character 'x' looking for beginning of value"),
                               ("{]", "invalid character ']' looking for beginning of object key string")] {
            let (status, json) = try send("POST", Self.pods, body)
            #expect(status == 400)
            #expect(json["reason"] == .string("BadRequest"))
            #expect(json["message"] == .string("couldn't get version/kind; json parse error: \(reason)"), "\(body)")
        }
    }

    /// Status fields that are omitempty in Go are left out at zero, as a real server leaves
    /// them: a deployment not yet synced has `status: {}`, a ReplicaSet scaled to 0 only
    /// observedGeneration and replicas.
    @Test func zeroStatusFieldsThatGoOmitsAreLeftOut() throws {
        let (_, created) = try send("POST", Self.deployments, Self.deployment.replacingOccurrences(of: #""replicas":2"#, with: #""replicas":0"#))
        #expect(created["status"] == .object([]))
        cluster.advance(by: .seconds(5))
        let rs = try #require(cluster.store.list(ReplicaSet.self).first { $0.metadata.controllerRef?.name == "web" })
        let (_, json) = try send("GET", "/apis/apps/v1/namespaces/default/replicasets/\(rs.name)")
        #expect(json["status"] == .object([("observedGeneration", .int(1)), ("replicas", .int(0))]))
    }

    @Test func unknownContentTypeIs415() throws {
        #expect(try send("POST", Self.pods, "x", contentType: "text/plain").status == 415)
    }

    @Test func eventsAndLeasesCanBeCreated() throws {
        let event = #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"p","namespace":"default"},"reason":"Hello","message":"hi","type":"Normal","source":{"component":"me"},"firstTimestamp":"2024-09-01T11:24:17Z","lastTimestamp":"2024-09-01T11:24:20Z","count":2}"#
        #expect(try send("POST", "/api/v1/namespaces/default/events", event).status == 201)
        let stored = try #require(cluster.store.get(Event.self, "e1", namespace: "default"))
        #expect(stored.count == 2)
        #expect(stored.lastTimestamp! - stored.firstTimestamp! == .seconds(3))
        #expect(CalendarTime.rfc3339(stored.firstTimestamp!) == "2024-09-01T11:24:17Z")
        let lease = #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},"spec":{"holderIdentity":"me","leaseDurationSeconds":15}}"#
        #expect(try send("POST", "/apis/coordination.k8s.io/v1/namespaces/default/leases", lease).status == 201)
        #expect(cluster.store.get(Lease.self, "leader", namespace: "default")?.holderIdentity == "me")
    }

    /// legacyValidateEvent: an event about a namespaced object lives in that namespace. And the
    /// event strategy sets no generation, so none is served.
    @Test func anEventInAnotherNamespaceThanItsObjectIsInvalid() throws {
        let event = #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"mism"},"involvedObject":{"kind":"Pod","name":"p","namespace":"other"},"reason":"Hello","message":"hi","type":"Normal"}"#
        let (status, json) = try send("POST", "/api/v1/namespaces/default/events", event)
        #expect(status == 422)
        #expect(json["message"] == .string(#"Event "mism" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace"#))
        let aboutNode = #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"n"},"involvedObject":{"kind":"Node","name":"node-1"},"reason":"Hello","message":"hi","type":"Normal"}"#
        let (created, stored) = try send("POST", "/api/v1/namespaces/default/events", aboutNode)
        #expect(created == 201 && stored["metadata"]?["generation"] == nil)
        // ObjectReference and EventSource leave out what is empty, as Go's omitempty does.
        #expect(stored["involvedObject"] == .object([("kind", .string("Node")), ("name", .string("node-1"))]))
        #expect(stored["source"] == .object([]))
        // Timestamps not sent stay null, as a real server keeps them.
        #expect(stored["firstTimestamp"] == .null && stored["lastTimestamp"] == .null)
        let recorded = try #require(cluster.store.list(Event.self, namespace: "default").first { $0.reason == "Starting" })
        let (_, served) = try send("GET", "/api/v1/namespaces/default/events/\(recorded.name)")
        #expect(served["metadata"]?["uid"] != nil && served["metadata"]?["generation"] == nil)
    }

    /// A write through events.k8s.io/v1 answers in that group's shape, as its reads do.
    @Test func eventsGroupWritesAnswerInTheirOwnShape() throws {
        let path = "/apis/events.k8s.io/v1/namespaces/default/events"
        let event = #"{"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"g1"},"regarding":{"kind":"Pod","name":"p","namespace":"default"},"reason":"Hello","note":"hi","type":"Normal","reportingController":"me","reportingInstance":"me-1"}"#
        let (status, created) = try send("POST", path, event)
        #expect(status == 201 && created["apiVersion"] == .string("events.k8s.io/v1") && created["note"] == .string("hi"))
        #expect(created["message"] == nil && created["involvedObject"] == nil)
        let (_, patched) = try send("PATCH", path + "/g1", #"{"metadata":{"labels":{"seen":"yes"}}}"#, contentType: "application/merge-patch+json")
        #expect(patched["apiVersion"] == .string("events.k8s.io/v1") && patched["metadata"]?["labels"]?["seen"] == .string("yes"))
        #expect(patched["regarding"]?["name"] == .string("p"))
    }

    /// An events.k8s.io/v1 event keeps its eventTime (to the microsecond it is stored with)
    /// and action, in both shapes, and `get events` reads its age from the event time.
    @Test func eventsGroupCreatesKeepEventTimeAndAction() throws {
        let path = "/apis/events.k8s.io/v1/namespaces/default/events"
        let event = #"{"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"timed"},"eventTime":"2024-09-01T11:24:17.250000Z","action":"Act","regarding":{"kind":"Node","name":"node-1"},"reason":"Hello","note":"hi","type":"Normal","reportingController":"me","reportingInstance":"me-1"}"#
        let (status, created) = try send("POST", path, event)
        #expect(status == 201 && created["eventTime"] == .string("2024-09-01T11:24:17.250000Z") && created["action"] == .string("Act"))
        let (_, core) = try send("GET", "/api/v1/namespaces/default/events/timed")
        #expect(core["eventTime"] == .string("2024-09-01T11:24:17.250000Z") && core["action"] == .string("Act"))
        #expect(core["firstTimestamp"] == .null)
        let stored = try #require(cluster.store.get(Event.self, "timed", namespace: "default"))
        #expect(stored.firstSeen == stored.eventTime && stored.firstSeen != nil)
    }

    /// Events and Leases allow create on update: a PUT of a missing one creates it
    /// (201); a missing pod is still 404.
    @Test func aPutOfAMissingEventCreatesIt() throws {
        let event = #"{"apiVersion":"v1","kind":"Event","metadata":{"name":"putcreated"},"involvedObject":{"kind":"Pod","name":"p","namespace":"default"},"reason":"Hello","message":"hi","type":"Normal"}"#
        #expect(try send("PUT", "/api/v1/namespaces/default/events/putcreated", event).status == 201)
        #expect(cluster.store.get(Event.self, "putcreated", namespace: "default")?.reason == "Hello")
        #expect(try send("PUT", "/api/v1/namespaces/default/events/putcreated", event).status == 200)
        #expect(try send("PUT", "/api/v1/namespaces/default/events/elsewhere", event).status == 400)
        #expect(try send("PUT", Self.pods + "/solo", Self.pod("solo")).status == 404)
    }

    // MARK: update

    @Test func staleUpdateIsConflict() throws {
        let created = try send("POST", Self.pods, Self.pod("solo")).json
        let staleVersion = try #require(string(created["metadata"]?["resourceVersion"]))
        cluster.advance(by: .seconds(10)) // the scheduler and kubelet write it meanwhile
        let body = Self.pod("solo", labels: #"{"app":"solo","tier":"x"}"#)
            .replacingOccurrences(of: #""name":"solo","#, with: #""name":"solo","resourceVersion":"\#(staleVersion)","#)
        let (status, json) = try send("PUT", Self.pods + "/solo", body)
        #expect(status == 409)
        #expect(json["reason"] == .string("Conflict"))
        #expect(json["message"] == .string(#"Operation cannot be fulfilled on pods "solo": the object has been modified; please apply your changes to the latest version and try again"#))
    }

    @Test func updateReplacesLabelsAndKeepsStatus() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        cluster.advance(by: .seconds(10))
        let live = try #require(cluster.store.get(Pod.self, "solo", namespace: "default"))
        #expect(live.status.phase == "Running")
        var json = ObjectEncoder.encode(live)
        json = RequestBody.settingMetadata(json, [])
        let text = json.compactJSON()
            .replacingOccurrences(of: #""labels":{"app":"solo"}"#, with: #""labels":{"app":"other"}"#)
            .replacingOccurrences(of: #""phase":"Running""#, with: #""phase":"Failed""#)
        let (status, updated) = try send("PUT", Self.pods + "/solo", text)
        #expect(status == 200)
        #expect(updated["metadata"]?["labels"]?["app"] == .string("other"))
        let stored = try #require(cluster.store.get(Pod.self, "solo", namespace: "default"))
        #expect(stored.metadata.labels == ["app": "other"])
        #expect(stored.status.phase == "Running")
    }

    @Test func updatedImageRollsOutANewReplicaSet() throws {
        try send("POST", Self.deployments, Self.deployment)
        cluster.advance(by: .seconds(30))
        let live = try #require(cluster.store.get(Deployment.self, "web", namespace: "default"))
        let body = ObjectEncoder.encode(live).compactJSON().replacingOccurrences(of: #""image":"nginx""#, with: #""image":"nginx:1.27""#)
        let (status, json) = try send("PUT", Self.deployments + "/web?fieldValidation=Strict", body)
        #expect(status == 200)
        #expect(json["metadata"]?["generation"] == .int(2))
        cluster.advance(by: .seconds(120))
        let replicaSets = cluster.store.list(ReplicaSet.self, namespace: "default")
        #expect(replicaSets.count == 2)
        let pods = cluster.store.list(Pod.self, namespace: "default").filter { !$0.isTerminating }
        #expect(pods.count == 2)
        #expect(pods.allSatisfy { $0.spec.containers[0].image == "nginx:1.27" })
    }

    @Test func jsonPatchReplacesAField() throws {
        try send("POST", Self.deployments, Self.deployment)
        let (status, json) = try send("PATCH", Self.deployments + "/web", #"[{"op":"replace","path":"/spec/replicas","value":4}]"#,
                                      contentType: "application/json-patch+json")
        #expect(status == 200)
        #expect(json["spec"]?["replicas"] == .int(4))
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")?.spec.replicas == 4)
    }

    @Test func updateWithAnotherNameIsBadRequest() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        let (status, json) = try send("PUT", Self.pods + "/solo", Self.pod("other"))
        #expect(status == 400)
        #expect(json["message"] == .string("the name of the object (other) does not match the name on the URL (solo)"))
    }

    @Test func podSpecChangesAreForbidden() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        let body = Self.pod("solo").replacingOccurrences(of: #""name":"web""#, with: #""name":"renamed""#)
        let (status, json) = try send("PUT", Self.pods + "/solo", body)
        #expect(status == 422)
        #expect(string(json["message"])?.contains("pod updates may not change fields other than") == true)
    }

    @Test func statusSubresourceChangesOnlyStatus() throws {
        try send("POST", "/api/v1/namespaces/default/pods", Self.pod("solo"))
        let body = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"solo","labels":{"changed":"yes"}},"status":{"phase":"Succeeded"}}"#
        let (status, json) = try send("PUT", Self.pods + "/solo/status", body)
        #expect(status == 200)
        #expect(json["status"]?["phase"] == .string("Succeeded"))
        let stored = try #require(cluster.store.get(Pod.self, "solo", namespace: "default"))
        #expect(stored.status.phase == "Succeeded")
        #expect(stored.metadata.labels == ["app": "solo"])
    }

    // MARK: patch

    @Test func patchWithAnUnknownContentTypeIs415() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        #expect(try send("PATCH", Self.pods + "/solo", "{}", contentType: "application/xml").status == 415)
    }

    // MARK: delete

    @Test func deleteAPodGracefullyReturnsItTerminating() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        cluster.advance(by: .seconds(10))
        let (status, json) = try send("DELETE", Self.pods + "/solo", #"{"propagationPolicy":"Background"}"#)
        #expect(status == 200)
        #expect(json["kind"] == .string("Pod"))
        #expect(json["metadata"]?["deletionTimestamp"] != nil)
        cluster.advance(by: .seconds(60))
        #expect(cluster.store.get(Pod.self, "solo", namespace: "default") == nil)
        #expect(try send("DELETE", Self.pods + "/solo").status == 404)
    }

    @Test func deletedPodOfAReplicaSetIsReplaced() throws {
        try send("POST", Self.deployments, Self.deployment)
        cluster.advance(by: .seconds(30))
        let victim = try #require(cluster.store.list(Pod.self, namespace: "default").first)
        #expect(try send("DELETE", Self.pods + "/\(victim.name)", #"{"gracePeriodSeconds":0}"#).status == 200)
        #expect(cluster.store.get(Pod.self, victim.name, namespace: "default") == nil)
        cluster.advance(by: .seconds(30))
        let pods = cluster.store.list(Pod.self, namespace: "default").filter { !$0.isTerminating }
        #expect(pods.count == 2)
        #expect(!pods.contains { $0.name == victim.name })
    }

    @Test func preconditionsAreChecked() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        let uid = try #require(cluster.store.get(Pod.self, "solo", namespace: "default")?.metadata.uid)
        let (status, json) = try send("DELETE", Self.pods + "/solo", #"{"preconditions":{"uid":"not-it"}}"#)
        #expect(status == 409)
        #expect(json["message"] == .string(#"Operation cannot be fulfilled on pods "solo": Precondition failed: UID in precondition: not-it, UID in object meta: \#(uid)"#))
        #expect(cluster.store.get(Pod.self, "solo", namespace: "default") != nil)
        #expect(try send("DELETE", Self.pods + "/solo", #"{"preconditions":{"uid":"\#(uid)"},"gracePeriodSeconds":0}"#).status == 200)
        #expect(cluster.store.get(Pod.self, "solo", namespace: "default") == nil)
    }

    @Test func deploymentDeleteAnswersSuccessStatus() throws {
        try send("POST", Self.deployments, Self.deployment)
        let (status, json) = try send("DELETE", Self.deployments + "/web")
        #expect(status == 200)
        #expect(json["kind"] == .string("Status"))
        #expect(json["status"] == .string("Success"))
        #expect(json["details"]?["kind"] == .string("deployments"))
        #expect(json["details"]?["group"] == .string("apps"))
    }

    @Test func orphanPropagationKeepsTheReplicaSetWithoutOwner() throws {
        try send("POST", Self.deployments, Self.deployment)
        cluster.advance(by: .seconds(30))
        let rs = try #require(cluster.store.list(ReplicaSet.self, namespace: "default").first)
        #expect(rs.metadata.controllerRef != nil)
        #expect(try send("DELETE", Self.deployments + "/web", #"{"propagationPolicy":"Orphan"}"#).status == 200)
        cluster.advance(by: .seconds(60))
        let kept = try #require(cluster.store.get(ReplicaSet.self, rs.name, namespace: "default"))
        #expect(kept.metadata.ownerReferences.isEmpty)
        #expect(cluster.store.pods(ownedBy: kept.metadata.uid).count == 2)
    }

    @Test func backgroundPropagationLetsTheCollectorDeleteDependents() throws {
        try send("POST", Self.deployments, Self.deployment)
        cluster.advance(by: .seconds(30))
        #expect(try send("DELETE", Self.deployments + "/web", #"{"propagationPolicy":"Background"}"#).status == 200)
        cluster.advance(by: .seconds(90))
        #expect(cluster.store.list(ReplicaSet.self, namespace: "default").isEmpty)
        #expect(cluster.store.list(Pod.self, namespace: "default").isEmpty)
    }

    @Test func deleteCollectionBySelector() throws {
        try send("POST", Self.pods, Self.pod("a", labels: #"{"tier":"x"}"#))
        try send("POST", Self.pods, Self.pod("b", labels: #"{"tier":"x"}"#))
        try send("POST", Self.pods, Self.pod("c", labels: #"{"tier":"y"}"#))
        let (status, json) = try send("DELETE", Self.pods + "?labelSelector=tier%3Dx")
        #expect(status == 200)
        #expect(json["kind"] == .string("PodList"))
        #expect(cluster.store.get(Pod.self, "a", namespace: "default") == nil)
        #expect(cluster.store.get(Pod.self, "b", namespace: "default") == nil)
        #expect(cluster.store.get(Pod.self, "c", namespace: "default") != nil)
    }

    @Test func namespaceDeleteStartsTermination() throws {
        try send("POST", "/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}"#)
        let (status, json) = try send("DELETE", "/api/v1/namespaces/team-a")
        #expect(status == 200)
        #expect(json["status"]?["phase"] == .string("Terminating"))
        let (forbidden, refusal) = try send("DELETE", "/api/v1/namespaces/default")
        #expect(forbidden == 403)
        #expect(refusal["message"] == .string(#"namespaces "default" is forbidden: this namespace may not be deleted"#))
    }

    // MARK: subresources

    @Test func scaleSubresourceReadsAndPatchesReplicas() throws {
        try send("POST", Self.deployments, Self.deployment)
        cluster.advance(by: .seconds(30))
        let (getStatus, scale) = try send("GET", Self.deployments + "/web/scale")
        #expect(getStatus == 200)
        #expect(scale["kind"] == .string("Scale"))
        #expect(scale["apiVersion"] == .string("autoscaling/v1"))
        #expect(scale["spec"]?["replicas"] == .int(2))
        #expect(scale["status"]?["selector"] == .string("app=web"))
        let (status, patched) = try send("PATCH", Self.deployments + "/web/scale", #"{"spec":{"replicas":3}}"#,
                                         contentType: "application/merge-patch+json")
        #expect(status == 200)
        #expect(patched["spec"]?["replicas"] == .int(3))
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")?.spec.replicas == 3)
        cluster.advance(by: .seconds(30))
        #expect(cluster.store.list(Pod.self, namespace: "default").count == 3)
    }

    @Test func scaleRefusesNegativeAndOversizedReplicas() throws {
        try send("POST", Self.deployments, Self.deployment)
        let put = { (replicas: String) in
            try send("PUT", Self.deployments + "/web/scale",
                     #"{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":\#(replicas)}}"#)
        }
        let negative = try put("-1")
        #expect(negative.status == 422)
        #expect(negative.json["message"] == .string(#"Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"#))
        let huge = try put("3000000000")
        #expect(huge.status == 400)
        #expect(huge.json["message"] == .string(#"Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal number 3000000000 into Go struct field ScaleSpec.spec.replicas of type int32"#))
        #expect(try put("0").status == 200)
        #expect(cluster.store.get(Deployment.self, "web", namespace: "default")?.spec.replicas == 0)
    }

    @Test func evictionDeletesThePodAndAnswers201() throws {
        try send("POST", Self.pods, Self.pod("solo"))
        cluster.advance(by: .seconds(10))
        let body = #"{"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"solo","namespace":"default"},"deleteOptions":{}}"#
        // python posts evictions without a Content-Type.
        let response = try #require(api.handle(APIRequest(method: "POST", target: Self.pods + "/solo/eviction", body: Array(body.utf8))).response)
        #expect(response.status == 201)
        #expect(try JSONParser.parse(response.body)["status"] == .string("Success"))
        let pod = try #require(cluster.store.get(Pod.self, "solo", namespace: "default"))
        #expect(pod.isTerminating)
        #expect(pod.status.condition("DisruptionTarget")?.reason == "EvictionByEvictionAPI")
    }

    @Test func evictionOfAMissingPodIsNotFound() throws {
        let body = #"{"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"nope"}}"#
        let (status, json) = try send("POST", Self.pods + "/nope/eviction", body)
        #expect(status == 404)
        #expect(json["message"] == .string(#"pods "nope" not found"#))
    }

    @Test func bindingAssignsAPendingPod() throws {
        // No nodes: the pod stays pending until bound by hand.
        let lone = Cluster(seed: 3, nodes: 0)
        let handler = KubeAPIHandler(cluster: lone)
        _ = try lone.addNode(name: "manual", ready: true)
        try lone.store.modify(Node.self, "manual") { $0.spec.unschedulable = true }
        let create = APIRequest(method: "POST", target: Self.pods, headers: [("Content-Type", "application/json")], body: Array(Self.pod("solo").utf8))
        #expect(handler.handle(create).response?.status == 201)
        lone.advance(by: .seconds(5))
        #expect(lone.store.get(Pod.self, "solo", namespace: "default")?.isScheduled == false)
        let binding = #"{"apiVersion":"v1","kind":"Binding","metadata":{"name":"solo"},"target":{"apiVersion":"v1","kind":"Node","name":"manual"}}"#
        let bind = { handler.handle(APIRequest(method: "POST", target: Self.pods + "/solo/binding",
                                               headers: [("Content-Type", "application/json")], body: Array(binding.utf8))).response }
        #expect(bind()?.status == 201)
        let bound = try #require(lone.store.get(Pod.self, "solo", namespace: "default"))
        #expect(bound.spec.nodeName == "manual")
        #expect(bound.status.isTrue("PodScheduled"))
        let again = try #require(bind())
        #expect(again.status == 409)
        #expect(try JSONParser.parse(again.body)["message"] == .string(#"Operation cannot be fulfilled on pods "solo": pod solo is already assigned to node "manual""#))
        lone.advance(by: .seconds(20))
        #expect(lone.store.get(Pod.self, "solo", namespace: "default")?.status.phase == "Running")
    }

    @Test func selfSubjectAccessReviewAllows() throws {
        let body = #"{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","spec":{"resourceAttributes":{"namespace":"default","verb":"delete","resource":"pods"}}}"#
        let (status, json) = try send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body)
        #expect(status == 201)
        #expect(json["status"]?["allowed"] == .bool(true))
        #expect(json["spec"]?["resourceAttributes"]?["verb"] == .string("delete"))
        let rules = try send("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                             #"{"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","spec":{"namespace":"default"}}"#)
        #expect(rules.status == 201)
        #expect(rules.json["status"]?["resourceRules"]?.compactJSON() == #"[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]"#)
    }

    /// `kubectl auth whoami`: the kubeconfig kubesim writes carries no credentials, so the
    /// caller is the anonymous user an API server with anonymous requests enabled sees.
    @Test func selfSubjectReviewNamesTheAnonymousCaller() throws {
        let body = #"{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"status":{"userInfo":{}}}"#
        let (status, json) = try send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", body)
        #expect(status == 201)
        #expect(json["kind"] == .string("SelfSubjectReview"))
        #expect(json["status"]?.compactJSON() == #"{"userInfo":{"groups":["system:unauthenticated"],"username":"system:anonymous"}}"#)
        // Nothing was stored, and the review cannot be read back.
        #expect(try send("GET", "/apis/authentication.k8s.io/v1/selfsubjectreviews").status == 405)
    }

    /// Resources kubesim serves but keeps none of (custom resource definitions, replication
    /// controllers) list empty and refuse writes in the API server's words: a write is never
    /// answered as done when nothing was stored.
    @Test func resourcesWithoutStorageListEmptyAndRefuseWrites() throws {
        let crd = #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","names":{"kind":"Widget","plural":"widgets"},"scope":"Namespaced","versions":[{"name":"v1","served":true,"storage":true}]}}"#
        let refused = try send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
        #expect(refused.status == 405)
        #expect(refused.json["reason"] == .string("MethodNotAllowed"))
        #expect(refused.json["message"] == .string("the server does not allow this method on the requested resource"))
        #expect(refused.json["details"]?.compactJSON() == #"{"causes":[{"message":"405: Method Not Allowed","reason":"UnexpectedServerResponse"}]}"#)
        #expect(try send("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions").json["items"] == .array([]))

        let list = try send("GET", "/api/v1/namespaces/kube-system/replicationcontrollers")
        #expect(list.status == 200)
        #expect(list.json["kind"] == .string("ReplicationControllerList"))
        #expect(list.json["items"] == .array([]))
        let missing = try send("GET", "/api/v1/namespaces/default/replicationcontrollers/web")
        #expect(missing.status == 404)
        #expect(missing.json["message"] == .string(#"replicationcontrollers "web" not found"#))
        let rc = #"{"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"app":"web"},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}"#
        let create = try send("POST", "/api/v1/namespaces/default/replicationcontrollers", rc)
        #expect(create.status == 405)
        #expect(create.json["message"] == .string("the server does not allow this method on the requested resource"))
        #expect(try send("DELETE", "/api/v1/namespaces/default/replicationcontrollers/web").status == 405)
        #expect(cluster.store.list(Pod.self, namespace: "default").isEmpty)
    }
}

/// Every object the simulation makes, read through the API and written back unchanged, is
/// accepted as it is (strict validation included) and changes nothing.
@Suite struct WriteRoundTripTests {
    @Test func everyObjectPutsBackUnchanged() throws {
        let cluster = Cluster(seed: 11)
        let api = KubeAPIHandler(cluster: cluster)
        let deployment = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","resources":{"requests":{"cpu":"250m","memory":"64Mi"}},"ports":[{"containerPort":80}]}]}}}}"#
        let create = APIRequest(method: "POST", target: "/apis/apps/v1/namespaces/default/deployments",
                                headers: [("Content-Type", "application/json")], body: Array(deployment.utf8))
        #expect(api.handle(create).response?.status == 201)
        let daemonSet = #"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"kube-system"},"spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"agent","image":"busybox"}]}}}}"#
        #expect(api.handle(APIRequest(method: "POST", target: "/apis/apps/v1/namespaces/kube-system/daemonsets",
                                      headers: [("Content-Type", "application/json")], body: Array(daemonSet.utf8))).response?.status == 201)
        let node = #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"extra","labels":{"disk":"ssd"}},"spec":{"taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]}}"#
        #expect(api.handle(APIRequest(method: "POST", target: "/api/v1/nodes",
                                      headers: [("Content-Type", "application/json")], body: Array(node.utf8))).response?.status == 201)
        cluster.advance(by: .seconds(60))
        #expect(cluster.store.get(Node.self, "extra")?.isReady == true)
        #expect(cluster.store.list(Pod.self, namespace: "kube-system").contains { $0.name.hasPrefix("agent-") })
        var checked = 0
        for kind in [Kind.pod, .replicaSet, .deployment, .daemonSet, .node, .namespace, .lease] {
            let resource = try #require(ServedResources.resource(for: kind))
            for object in cluster.store.objects(kind: kind) {
                let json = ObjectEncoder.encode(object)
                #expect(APIObjectDecoding.unknownFields(in: json, kind: kind).isEmpty, "\(kind) \(object.name)")
                var path = "/" + (resource.group.isEmpty ? "api" : "apis/\(resource.group)") + "/\(resource.version)/"
                if kind.isNamespaced { path += "namespaces/\(object.metadata.namespace)/" }
                path += "\(resource.resource)/\(object.name)?fieldValidation=Strict"
                let put = APIRequest(method: "PUT", target: path, headers: [("Content-Type", "application/json")],
                                     body: Array(json.compactJSON().utf8))
                let response = try #require(api.handle(put).response)
                #expect(response.status == 200, "\(kind) \(object.name): \(response.bodyText)")
                let after = cluster.store.object(kind: kind, key: object.key)
                #expect(after?.metadata.resourceVersion == object.metadata.resourceVersion, "\(kind) \(object.name) changed")
                checked += 1
            }
        }
        #expect(checked > 10)
    }
}
