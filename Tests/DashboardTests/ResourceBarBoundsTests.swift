import Testing
@testable import Dashboard

/// The node map's resource bars stay within their width whatever the requests: a pod bound by
/// `spec.nodeName` skips the scheduler's fit check, so it may ask 8Ei of a 1m node.
@Suite struct ResourceBarBoundsTests {
    @Test func barsClampInsteadOfTrapping() {
        #expect(NodeMapView.bar(.max, of: 1, width: 6) == "▮▮▮▮▮▮")
        #expect(NodeMapView.bar(1, of: .max, width: 6) == "▮▯▯▯▯▯")
        #expect(NodeMapView.bar(2, of: 4, width: 6) == "▮▮▮▯▯▯")
        #expect(NodeMapView.bar(5, of: 0, width: 6) == "▯▯▯▯▯▯")
    }
}
