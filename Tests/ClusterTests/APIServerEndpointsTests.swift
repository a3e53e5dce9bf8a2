import Testing
@testable import Cluster

/// The `kubernetes` service selects no pods: the API server keeps its Endpoints and
/// EndpointSlice itself, and puts them back at its next pass when someone changes them.
@Suite struct APIServerEndpointsTests {
    static let key = ObjectKey(namespace: "default", name: "kubernetes")

    @Test func aNewClusterListsTheAPIServerAsTheKubernetesServiceEndpoint() throws {
        let cluster = Cluster(seed: 1)
        let endpoints = try #require(cluster.store.get(Endpoints.self, key: Self.key))
        #expect(endpoints.subsets.count == 1)
        #expect(endpoints.subsets[0].addresses.map(\.ip) == ["192.168.49.2"])
        #expect(endpoints.subsets[0].notReadyAddresses.isEmpty)
        #expect(endpoints.subsets[0].ports == [EndpointPort(name: "https", port: 6443, protocol: "TCP")])
        // The port the service targets.
        let service = try #require(cluster.store.get(Service.self, key: Self.key))
        #expect(service.spec.ports.map(\.targetPort) == ["6443"])
        #expect(endpoints.metadata.labels == ["endpointslice.kubernetes.io/skip-mirror": "true"])

        let slice = try #require(cluster.store.get(EndpointSlice.self, key: Self.key))
        #expect(slice.metadata.labels == [EndpointSlice.serviceNameLabel: "kubernetes"])
        #expect(slice.addressType == "IPv4")
        #expect(slice.endpoints.map(\.addresses) == [["192.168.49.2"]])
        #expect(slice.endpoints.allSatisfy { $0.conditions.ready && $0.targetRef == nil })
        #expect(slice.ports == [EndpointPort(name: "https", port: 6443, protocol: "TCP")])
        // Found as the service's slice, and not taken for one the EndpointSlice controller keeps.
        #expect(cluster.store.endpointSlices(ofService: "kubernetes", namespace: "default").map(\.name) == ["kubernetes"])
        cluster.advance(by: .seconds(30))
        #expect(cluster.store.get(EndpointSlice.self, key: Self.key) == slice)
        #expect(cluster.store.get(Endpoints.self, key: Self.key) == endpoints)
    }

    @Test func deletedOrChangedTheyAreBackAtTheNextPass() throws {
        let cluster = Cluster(seed: 2)
        let endpoints = try #require(cluster.store.get(Endpoints.self, key: Self.key))
        let slice = try #require(cluster.store.get(EndpointSlice.self, key: Self.key))
        try cluster.store.delete(Endpoints.self, key: Self.key)
        var changed = slice
        changed.endpoints = []
        changed.metadata.labels["team"] = "blue"
        changed.metadata.resourceVersion = ""
        _ = try cluster.store.update(changed)
        cluster.advance(by: .seconds(9))
        #expect(cluster.store.get(Endpoints.self, key: Self.key) == nil)
        #expect(cluster.store.get(EndpointSlice.self, key: Self.key)?.endpoints.isEmpty == true)
        cluster.advance(by: .seconds(1))
        let back = try #require(cluster.store.get(Endpoints.self, key: Self.key))
        #expect(back.subsets == endpoints.subsets && back.metadata.labels == endpoints.metadata.labels)
        #expect(back.metadata.uid != endpoints.metadata.uid) // made again
        let reset = try #require(cluster.store.get(EndpointSlice.self, key: Self.key))
        #expect(reset.endpoints == slice.endpoints && reset.metadata.labels == slice.metadata.labels)
        #expect(reset.metadata.uid == slice.metadata.uid) // written back in place
    }
}
