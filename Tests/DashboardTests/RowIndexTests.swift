import Testing
@testable import Cluster
@testable import Dashboard

/// Finding the selected row among 100,000 every frame: the fast searches must find what a scan
/// finds, wherever the row moved.
@Suite struct RowIndexTests {
    static func names(_ random: RandomSource, count: Int) -> [String] {
        Set((0..<count).map { _ in "web-" + String(random.next() % 1_000_000, radix: 36) }).sorted()
    }

    @Test(arguments: [Pane.pods, .deployments, .nodes, .events])
    func findsWhatAScanFinds(pane: Pane) {
        let random = RandomSource(seed: 11)
        for round in 0..<200 {
            var names = Self.names(random, count: random.int(in: 0...300))
            if pane == .nodes { names = (1...random.int(in: 1...40)).map { "node-\($0)" } }
            if pane == .events { names.shuffle(using: &random.generator) }
            // A name that is there, or one that is gone; a hint that is right, stale, or out of range.
            let name = names.isEmpty || random.int(in: 0...4) == 0 ? "gone-\(round)" : names[random.int(in: 0...(names.count - 1))]
            let hint = random.int(in: -2...(names.count + 2))
            let order = pane == .events ? nil : ClusterView.order(of: pane.kind)
            #expect(Dashboard.rowIndex(of: name, in: RowNames(names), order: order, hint: hint) == names.firstIndex(of: name), "round \(round)")
        }
    }
}
