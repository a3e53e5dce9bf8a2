import Testing
@testable import Cluster
@testable import Dashboard

/// The Events pane finds its row n as the n-th live entry of the event log: the counted index
/// must answer what a scan of the live flags answers, through appends, retirements and rebuilds.
@Suite struct LiveEntryIndexTests {
    @Test func findsTheLiveEntryAScanFinds() {
        let random = RandomSource(seed: 5)
        for round in 0..<40 {
            var index = LiveEntryIndex()
            var flags: [Bool] = []
            for _ in 0..<random.int(in: 0...600) {
                if !flags.isEmpty, random.int(in: 0...2) == 0, let live = flags.indices.filter({ flags[$0] }).randomElement(using: &random.generator) {
                    flags[live] = false
                    index.retire(live)
                } else {
                    let live = random.int(in: 0...5) > 0
                    flags.append(live)
                    index.append(live: live)
                }
            }
            if round % 4 == 0 { index = LiveEntryIndex(flags) }
            let positions = flags.indices.filter { flags[$0] }
            #expect(index.liveCount == positions.count, "round \(round)")
            #expect(index.entryCount == flags.count, "round \(round)")
            #expect(positions.indices.map { index.position(ofLive: $0) } == positions, "round \(round)")
        }
    }
}
