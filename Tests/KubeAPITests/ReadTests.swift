import Cluster
import Commands
import Testing
@testable import KubeAPI

/// get and list: objects, list kinds and versions, selectors, paging and versions, as the API
/// server answers them.
@Suite struct ReadTests {
    func webCluster(replicas: Int = 3, systemPods: Bool = false) throws -> APICluster {
        let c = try APICluster(systemPods: systemPods)
        #expect(c.run("kubectl create deployment web --image=nginx:1.27 --replicas=\(replicas)").stderr == "")
        c.advance(30)
        return c
    }

    func podNames(_ c: APICluster, where keep: (Pod) -> Bool = { _ in true }) -> [String] {
        c.store.list(Pod.self, namespace: "default").filter(keep).map(\.name)
    }

    @Test func getAnswersTheObjectOrNotFoundStatus() throws {
        let c = try webCluster()
        let name = podNames(c)[0]
        let pod = try c.json("/api/v1/namespaces/default/pods/\(name)")
        #expect(pod["kind"] == .string("Pod"))
        #expect(pod == ObjectEncoder.encode(c.store.get(Pod.self, name, namespace: "default")!))

        let missing = c.get("/api/v1/namespaces/default/pods/nope")
        #expect(missing.status == 404)
        let status = try JSONParser.parse(missing.body)
        #expect(status["message"] == .string(#"pods "nope" not found"#))
        #expect(status["details"]?["name"] == .string("nope"))
        #expect(status["details"]?["kind"] == .string("pods"))
        let deployment = try c.json("/apis/apps/v1/namespaces/default/deployments/nope")
        #expect(deployment["message"] == .string(#"deployments.apps "nope" not found"#))
        #expect(deployment["details"]?["group"] == .string("apps"))
        // The pod exists, but not in that namespace.
        #expect(c.get("/api/v1/namespaces/kube-system/pods/\(name)").status == 404)
    }

    @Test func listsAreTypedAndCarryTheStoreVersion() throws {
        let c = try webCluster(systemPods: true)
        let list = try c.json("/api/v1/namespaces/default/pods")
        #expect(list["kind"] == .string("PodList"))
        #expect(list["apiVersion"] == .string("v1"))
        #expect(list["metadata"]?["resourceVersion"] == .string(String(c.store.currentResourceVersion)))
        #expect(list.names == podNames(c))
        // Items leave kind and apiVersion to the list, as the API server's do.
        #expect(list["items"]?.items.first?["kind"] == nil)

        let everywhere = try c.json("/api/v1/pods")
        #expect(everywhere.names == c.store.list(Pod.self).map(\.name))
        #expect(Set(everywhere["items"]!.items.compactMap { $0["metadata"]?["namespace"]?.text }) == ["default", "kube-system"])

        let deployments = try c.json("/apis/apps/v1/deployments")
        #expect(deployments["kind"] == .string("DeploymentList"))
        #expect(deployments["apiVersion"] == .string("apps/v1"))
        let nodes = try c.json("/api/v1/nodes")
        #expect(nodes.names == c.store.list(Node.self).map(\.name))
        // A namespace with nothing in it lists nothing.
        #expect(try c.json("/api/v1/namespaces/empty/pods").names == [])
    }

    @Test func crdListIsEmptyAndTyped() throws {
        let c = try APICluster()
        let list = try c.json("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")
        #expect(list["kind"] == .string("CustomResourceDefinitionList"))
        #expect(list["apiVersion"] == .string("apiextensions.k8s.io/v1"))
        #expect(list["items"] == .array([]))
        let missing = try c.json("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
        #expect(missing["message"] == .string(#"customresourcedefinitions.apiextensions.k8s.io "widgets.example.com" not found"#))
    }

    @Test func labelSelectorsFilterAndBadOnesAreTheServersBadRequest() throws {
        let c = try webCluster()
        #expect(c.run("kubectl create deployment api --image=nginx:1.27 --replicas=2").stderr == "")
        c.advance(30)
        let web = try c.json("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb")
        #expect(web.names == podNames(c) { $0.metadata.labels["app"] == "web" })
        #expect(web.names.count == 3)
        let notWeb = try c.json("/api/v1/namespaces/default/pods?labelSelector=app!%3Dweb")
        #expect(notWeb.names == podNames(c) { $0.metadata.labels["app"] != "web" })
        let inSet = try c.json("/api/v1/namespaces/default/pods?labelSelector=app+in+(api,web)")
        #expect(inSet.names == podNames(c))

        let bad = c.get("/api/v1/namespaces/default/pods?labelSelector=app%3D%3D%3Dx")
        #expect(bad.status == 400)
        var parserMessage = ""
        do { _ = try SelectorParser.parse("app===x") } catch { parserMessage = "\(error)" }
        #expect(try JSONParser.parse(bad.body)["message"] == .string(parserMessage))
        #expect(try JSONParser.parse(bad.body)["reason"] == .string("BadRequest"))
    }

    @Test func fieldSelectorsFilterPerKind() throws {
        let c = try webCluster(replicas: 4)
        let node = try #require(c.store.list(Pod.self).first?.spec.nodeName)
        let onNode = try c.json("/api/v1/pods?fieldSelector=spec.nodeName%3D\(node)")
        #expect(onNode.names == c.store.list(Pod.self).filter { $0.spec.nodeName == node }.map(\.name))
        #expect(!onNode.names.isEmpty)
        let offNode = try c.json("/api/v1/pods?fieldSelector=spec.nodeName!%3D\(node),status.phase%3DRunning")
        #expect(offNode.names == c.store.list(Pod.self).filter { $0.spec.nodeName != node && $0.status.phase == "Running" }.map(\.name))
        let first = podNames(c)[0]
        #expect(try c.json("/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3D\(first)").names == [first])
        #expect(try c.json("/api/v1/pods?fieldSelector=metadata.namespace%3Dkube-system").names == [])
        #expect(try c.json("/apis/apps/v1/deployments?fieldSelector=metadata.name%3Dweb").names == ["web"])

        let pod = try #require(c.store.get(Pod.self, first, namespace: "default"))
        let about = try c.json("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D\(first),involvedObject.kind%3DPod,involvedObject.uid%3D\(pod.metadata.uid)")
        let expected = c.store.list(Event.self, namespace: "default").filter { $0.involvedObject.uid == pod.metadata.uid }.map(\.name)
        #expect(about.names == expected)
        #expect(!expected.isEmpty)
        // events.k8s.io/v1 names the same fields its own way (regarding, reportingController).
        let regarding = try c.json("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=regarding.name%3D\(first),regarding.kind%3DPod,reportingController%3Dkubelet")
        #expect(regarding.names == c.store.list(Event.self, namespace: "default")
            .filter { $0.involvedObject.uid == pod.metadata.uid && $0.sourceComponent == "kubelet" }.map(\.name))
        #expect(!regarding.names.isEmpty)
        let coreLabel = c.get("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D\(first)")
        #expect(coreLabel.status == 400)
        #expect(try JSONParser.parse(coreLabel.body)["message"] == .string("field label not supported: involvedObject.name"))

        let unsupported = c.get("/api/v1/pods?fieldSelector=spec.foo%3Dx")
        #expect(unsupported.status == 400)
        #expect(try JSONParser.parse(unsupported.body)["message"] == .string("field label not supported: spec.foo"))
        let deployments = try c.json("/apis/apps/v1/deployments?fieldSelector=spec.replicas%3D1")
        #expect(deployments["message"] == .string(#""spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace""#))
    }

    /// Reads every page of `target` with `limit`, returning the names in order and the tokens.
    func pages(_ c: APICluster, _ target: String, limit: Int, between: () -> Void = {}) throws -> (names: [String], pages: [JSONValue]) {
        var names: [String] = []
        var pages: [JSONValue] = []
        var next: String?
        repeat {
            let query = "limit=\(limit)" + (next.map { "&continue=\($0)" } ?? "")
            let page = try c.json(target + (target.contains("?") ? "&" : "?") + query)
            pages.append(page)
            names += page.names
            next = page["metadata"]?["continue"]?.text
            between()
        } while next != nil && pages.count < 100
        return (names, pages)
    }

    @Test func pagingWalksTheListAtTheFirstPagesVersion() throws {
        let c = try webCluster(replicas: 5, systemPods: true)
        let all = try c.json("/api/v1/pods")
        let (names, pages) = try pages(c, "/api/v1/pods", limit: 2)
        #expect(names == all.names)
        #expect(pages.count == (all.names.count + 1) / 2)
        #expect(pages[0]["metadata"]?["remainingItemCount"] == .int(Int64(all.names.count - 2)))
        #expect(pages.last?["metadata"]?["continue"] == nil)
        // Every page says the version the walk reads at.
        #expect(Set(pages.map { $0["metadata"]?["resourceVersion"]?.text ?? "" }).count == 1)

        // Changes made while paging do not show: the pages are a snapshot.
        let before = try c.json("/api/v1/namespaces/default/pods").names
        let victim = before.last!
        var deleted = false
        let walk = try self.pages(c, "/api/v1/namespaces/default/pods", limit: 2) {
            if !deleted { try? c.store.delete(Pod.self, victim, namespace: "default", gracePeriodSeconds: 0); deleted = true; c.advance(5) }
        }
        #expect(walk.names == before)
        #expect(try c.json("/api/v1/namespaces/default/pods").names != before)
    }

    /// A limit that is not a number is a bad request, not a list of everything.
    @Test func aLimitThatIsNotANumberIsRefused() throws {
        let c = try webCluster(replicas: 2)
        let refused = try c.json("/api/v1/namespaces/default/pods?limit=abc")
        #expect(refused["code"] == .int(400))
        #expect(refused["message"] == .string(#"limit: Invalid value: "abc": strconv.ParseInt: parsing "abc": invalid syntax"#))
        let huge = try c.json("/api/v1/namespaces/default/pods?limit=99999999999999999999")
        #expect(huge["message"] == .string(#"limit: Invalid value: "99999999999999999999": strconv.ParseInt: parsing "99999999999999999999": value out of range"#))
        #expect(try c.json("/api/v1/namespaces/default/pods?limit=0").names.count == 2)
    }

    @Test func continueTokensTooOldOrMalformedAreRefused() throws {
        let c = try webCluster(replicas: 4)
        let first = try c.json("/api/v1/namespaces/default/pods?limit=1")
        let token = try #require(first["metadata"]?["continue"]?.text)
        c.api.watches.historyLimit = 5
        for i in 0..<10 { _ = try c.store.modify(Deployment.self, "web", namespace: "default") { $0.metadata.annotations["n"] = "\(i)" } }
        let expired = c.get("/api/v1/namespaces/default/pods?limit=1&continue=\(token)")
        #expect(expired.status == 410)
        let status = try JSONParser.parse(expired.body)
        #expect(status["reason"] == .string("Expired"))
        #expect(status["message"]?.text?.hasPrefix("The provided continue parameter is too old") == true)
        // The Status offers a token that goes on at the latest version.
        let onward = try #require(status["metadata"]?["continue"]?.text)
        let rest = try c.json("/api/v1/namespaces/default/pods?continue=\(onward)")
        #expect(rest.names == Array(podNames(c).dropFirst()))

        let garbage = try c.json("/api/v1/namespaces/default/pods?limit=1&continue=!!")
        #expect(garbage["code"] == .int(400))
        #expect(garbage["message"] == .string("invalid continue token: continue key is not valid: illegal base64 data at input byte 0"))
        let withVersion = try c.json("/api/v1/namespaces/default/pods?limit=1&continue=\(onward)&resourceVersion=5")
        #expect(withVersion["message"] == .string("specifying resource version is not allowed when using continue"))
    }

    @Test func resourceVersionsSelectWhatIsRead() throws {
        let c = try webCluster(replicas: 2)
        let then = try c.json("/api/v1/namespaces/default/pods")
        let rv = try #require(then["metadata"]?["resourceVersion"]?.text)
        #expect(c.run("kubectl scale deployment web --replicas=4").stderr == "")
        c.advance(20)
        let exact = try c.json("/api/v1/namespaces/default/pods?resourceVersion=\(rv)&resourceVersionMatch=Exact")
        #expect(exact.names == then.names)
        #expect(exact["metadata"]?["resourceVersion"] == .string(rv))
        #expect(exact["items"] == then["items"])
        let notOlder = try c.json("/api/v1/namespaces/default/pods?resourceVersion=\(rv)&resourceVersionMatch=NotOlderThan")
        #expect(notOlder.names == podNames(c))
        #expect(notOlder.names.count == 4)

        let future = Int(c.store.currentResourceVersion) + 100
        let tooLarge = c.get("/api/v1/namespaces/default/pods?resourceVersion=\(future)")
        #expect(tooLarge.status == 504)
        #expect(try JSONParser.parse(tooLarge.body)["message"] == .string("Too large resource version: \(future), current: \(c.store.currentResourceVersion)"))
        let noVersion = c.get("/api/v1/namespaces/default/pods?resourceVersionMatch=Exact")
        #expect(noVersion.status == 422)
        #expect(try JSONParser.parse(noVersion.body)["message"] == .string(#"ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided"#))
        let twoFaults = try c.json("/api/v1/namespaces/default/pods?resourceVersionMatch=Exact&continue=abc")
        #expect(twoFaults["message"] == .string(#"ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided]"#))
        #expect(twoFaults["details"]?["causes"]?.items.count == 2)
        // resourceVersion=0 is served whole, limit or not (the watch cache).
        let zero = try c.json("/api/v1/namespaces/default/pods?resourceVersion=0&limit=1")
        #expect(zero.names.count == 4)
        #expect(zero["metadata"]?["continue"] == nil)
    }

    @Test func eventsGroupShowsEventsInItsOwnShape() throws {
        let c = try webCluster(replicas: 1)
        let core = try #require(c.store.list(Event.self, namespace: "default").first)
        let list = try c.json("/apis/events.k8s.io/v1/namespaces/default/events")
        #expect(list["kind"] == .string("EventList"))
        #expect(list["apiVersion"] == .string("events.k8s.io/v1"))
        let event = try c.json("/apis/events.k8s.io/v1/namespaces/default/events/\(core.name)")
        #expect(event["apiVersion"] == .string("events.k8s.io/v1"))
        #expect(event["note"] == .string(core.message))
        #expect(event["reason"] == .string(core.reason))
        #expect(event["reportingController"] == .string(core.sourceComponent))
        #expect(event["regarding"]?["name"] == .string(core.involvedObject.name))
        #expect(event["regarding"]?["uid"] == .string(core.involvedObject.uid))
        #expect(event["deprecatedCount"] == .int(Int64(core.count)))
        #expect(event["eventTime"] == .null)
        #expect(event["involvedObject"] == nil)
        #expect(event["message"] == nil)
    }
}
