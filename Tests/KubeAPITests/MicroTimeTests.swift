import Cluster
@testable import Commands
import Testing
@testable import KubeAPI

/// MicroTime fields (a Lease's renewTime) are served in RFC3339Micro, the one layout clients
/// parse them with: `kubectl describe node` printed "Failed to get lease: parsing time
/// "2024-09-01T11:31:25Z" as "2006-01-02T15:04:05.000000Z07:00"" for whole seconds.
@Suite struct MicroTimeTests {
    @Test func aLeasesRenewTimeHasSixFractionalDigits() throws {
        let c = try APICluster()
        c.advance(12.5)
        let lease = try c.json("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1")
        guard case .string(let renewTime)? = lease["spec"]?["renewTime"] else {
            Issue.record("no renewTime in \(lease)")
            return
        }
        #expect(renewTime.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil, "\(renewTime)")
        let stored = try #require(c.store.get(Lease.self, "node-1", namespace: "kube-node-lease"))
        #expect(RFC3339Time.unixMilliseconds(renewTime) == stored.renewTime.unixMilliseconds)
    }

    @Test func microTimeKeepsTheMilliseconds() {
        #expect(ObjectEncoder.microTime(SimTime(milliseconds: 0)) == "2024-09-01T11:24:17.000000Z")
        #expect(ObjectEncoder.microTime(SimTime(milliseconds: 1_234)) == "2024-09-01T11:24:18.234000Z")
        #expect(ObjectEncoder.microTime(SimTime(milliseconds: 61_005)) == "2024-09-01T11:25:18.005000Z")
    }
}
