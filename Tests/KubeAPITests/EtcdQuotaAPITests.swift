@testable import Cluster
import Commands
import Testing
@testable import KubeAPI

/// A create past etcd's space quota answers as the API server passes etcd's error on: a 500
/// Failure Status with no reason and etcd's message, and nothing is stored.
@Suite struct EtcdQuotaAPITests {
    @Test func aCreatePastTheQuotaIsA500WithEtcdsMessage() throws {
        let cluster = Cluster(seed: 7)
        let api = KubeAPIHandler(cluster: cluster)
        cluster.advance(by: .seconds(5))
        cluster.store.quota.bytes = cluster.store.estimatedBytes(storing: .pod)
        let body = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"solo"},"spec":{"containers":[{"name":"web","image":"nginx"}]}}"#
        let response = try #require(api.handle(APIRequest(method: "POST", target: "/api/v1/namespaces/default/pods",
                                                          headers: [(name: "Content-Type", value: "application/json")],
                                                          body: Array(body.utf8))).response)
        #expect(response.status == 500)
        let json = try JSONParser.parse(response.body)
        #expect(json["kind"] == .string("Status") && json["status"] == .string("Failure"))
        #expect(json["message"] == .string("etcdserver: mvcc: database space exceeded"))
        #expect(json["reason"] == nil || json["reason"] == .string(""))
        #expect(cluster.store.get(Pod.self, "solo", namespace: "default") == nil)
    }
}
