import Cluster
import Commands
import Testing
@testable import KubeAPI

/// Server-side Tables: what the real kubectl prints from them must be what the headless `get`
/// prints for the same cluster.
@Suite struct TableTests {
    func busyCluster() throws -> APICluster {
        let c = try APICluster(systemPods: true)
        #expect(c.run("kubectl create deployment web --image=nginx:1.27 --replicas=3").stderr == "")
        #expect(c.run("kubectl create deployment api --image=kiamol/ch02-hello-kiamol --replicas=2").stderr == "")
        c.advance(60)
        #expect(c.run("kubectl scale deployment web --replicas=5").stderr == "")
        c.advance(3)
        return c
    }

    /// The list path kubectl requests for `get TYPE [-A]`.
    func path(_ type: ResourceType, allNamespaces: Bool) -> String {
        let resource = ServedResources.resource(for: type.kind)!
        let base = resource.group.isEmpty ? "/api/v1" : "/apis/\(resource.groupVersion)"
        guard type.kind.isNamespaced, !allNamespaces else { return "\(base)/\(resource.resource)?limit=500" }
        return "\(base)/namespaces/default/\(resource.resource)?limit=500"
    }

    @Test(arguments: ResourceType.allCases)
    func kubectlPrintsFromTheTableWhatGetPrints(_ type: ResourceType) throws {
        let c = try busyCluster()
        for allNamespaces in [false, true] {
            let response = c.get(path(type, allNamespaces: allNamespaces), accept: APICluster.table)
            #expect(response.contentType == "application/json;as=Table;v=v1;g=meta.k8s.io")
            let table = try JSONParser.parse(response.body)
            #expect(table["kind"] == .string("Table"))
            #expect(table["apiVersion"] == .string("meta.k8s.io/v1"))
            for wide in [false, true] {
                for showLabels in [false, true] {
                    var line = "kubectl get \(type.rawValue)"
                    if wide { line += " -o wide" }
                    if allNamespaces { line += " -A" }
                    if showLabels { line += " --show-labels" }
                    let expected = c.run(line).stdout
                    let printed = kubectlPrint(table, wide: wide, withNamespace: allNamespaces && type.kind.isNamespaced, showLabels: showLabels)
                    #expect(printed == expected, "\(line)")
                }
            }
        }
    }

    @Test func columnsRowsAndObjectsHaveTheServersShape() throws {
        let c = try busyCluster()
        let table = try c.json("/apis/apps/v1/namespaces/default/deployments", accept: APICluster.table)
        let columns = table["columnDefinitions"]!.items
        #expect(columns.map { $0["name"]!.text! } == ResourceTables.columns(.deployments).map(\.name))
        #expect(columns[0]["format"] == .string("name"))
        #expect(columns.map { $0["priority"]! } == [0, 0, 0, 0, 0, 1, 1, 1].map { JSONValue.int($0) })
        #expect(columns[2]["type"] == .string("integer"))
        #expect(table["metadata"]?["resourceVersion"] == .string(String(c.store.currentResourceVersion)))

        let web = try #require(table["rows"]?.items.first { $0["cells"]?.items.first == .string("web") })
        let deployment = try #require(c.store.get(Deployment.self, "web", namespace: "default"))
        // Integer columns are numbers, as the API server's printers make them.
        #expect(web["cells"]?.items[2] == .int(Int64(deployment.status.updatedReplicas)))
        let object = try #require(web["object"])
        #expect(object["kind"] == .string("PartialObjectMetadata"))
        #expect(object["apiVersion"] == .string("meta.k8s.io/v1"))
        #expect(object["metadata"] == ObjectEncoder.encode(deployment)["metadata"])
        #expect(object["spec"] == nil)

        let full = try c.json("/apis/apps/v1/namespaces/default/deployments?includeObject=Object", accept: APICluster.table)
        let fullWeb = try #require(full["rows"]?.items.first { $0["cells"]?.items.first == .string("web") })
        #expect(fullWeb["object"] == ObjectEncoder.encode(deployment))
        let bare = try c.json("/apis/apps/v1/namespaces/default/deployments?includeObject=None", accept: APICluster.table)
        #expect(bare["rows"]?.items.first?["object"] == nil)

        let beta = c.get("/api/v1/nodes", accept: "application/json;as=Table;v=v1beta1;g=meta.k8s.io")
        #expect(beta.contentType == "application/json;as=Table;v=v1beta1;g=meta.k8s.io")
        #expect(try JSONParser.parse(beta.body)["apiVersion"] == .string("meta.k8s.io/v1beta1"))
        // Without a Table in Accept, the list itself.
        #expect(try c.json("/api/v1/nodes", accept: "application/json")["kind"] == .string("NodeList"))
    }

    @Test func oneObjectIsAOneRowTable() throws {
        let c = try busyCluster()
        let table = try c.json("/api/v1/nodes/node-1", accept: APICluster.table)
        #expect(table["rows"]?.items.count == 1)
        #expect(kubectlPrint(table, wide: true) == c.run("kubectl get node node-1 -o wide").stdout)
        let pod = try #require(c.store.list(Pod.self, namespace: "default").first)
        let podTable = try c.json("/api/v1/namespaces/default/pods/\(pod.name)", accept: APICluster.table)
        #expect(kubectlPrint(podTable) == c.run("kubectl get pod \(pod.name)").stdout)
        #expect(podTable["metadata"]?["resourceVersion"] == .string(pod.metadata.resourceVersion))
    }

    @Test func eventsGroupAndLeasesHaveTables() throws {
        let c = try busyCluster()
        let events = try c.json("/apis/events.k8s.io/v1/namespaces/default/events", accept: APICluster.table)
        #expect(kubectlPrint(events) == c.run("kubectl get events").stdout)
        let leases = try c.json("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", accept: APICluster.table)
        #expect(leases["columnDefinitions"]?.items.map { $0["name"]!.text! } == ["Name", "Holder", "Age"])
        #expect(leases["rows"]?.items.count == c.store.list(Lease.self, namespace: "kube-node-lease").count)
        let crds = try c.json("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", accept: APICluster.table)
        #expect(crds["rows"] == .array([]))
        #expect(crds["columnDefinitions"]?.items.map { $0["name"]!.text! } == ["Name", "Created At"])
    }
}
