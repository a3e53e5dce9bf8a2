import Foundation
import Cluster

/// A simulated node's status.nodeInfo machine, system and boot IDs: there is no machine, so
/// they come from the node's uid — the same in `describe node` and in the served object.
extension NodeStatus {
    func machineID(_ metadata: ObjectMeta) -> String { metadata.uid.replacingOccurrences(of: "-", with: "") }
    func systemUUID(_ metadata: ObjectMeta) -> String { metadata.uid }
    func bootID(_ metadata: ObjectMeta) -> String { metadata.uid }
}
