/// etcd's space quota (`--quota-backend-bytes`, 2 GiB by default): past it etcd refuses writes
/// that would grow the database and the API server passes its error on as a 500. Kubernetes
/// accepts `--replicas=2147483647`, and its ReplicaSet controller then creates pods until etcd
/// is full; here the same bound keeps a scale like that from growing the process without end.
///
/// Events are kept in an etcd of their own, each with this quota, as Kubernetes' guidance for
/// large clusters has it (`--etcd-servers-overrides=/events#…`): a rolling update of 150,000
/// pods writes some 800,000 events, which would otherwise crowd the pods out.
///
/// The size of an object is an estimate per kind (what such an object takes in etcd, protobuf
/// with its managed fields), so the usage follows the counts of stored objects and never
/// drifts. Unlike etcd, whose NOSPACE alarm stays until an operator compacts, defragments and
/// disarms it, writes are admitted again as soon as deletions bring the usage under the quota.
struct EtcdQuota {
    /// etcd's default quota.
    static let defaultBytes = 2 * 1024 * 1024 * 1024

    /// The main etcd's quota, and the events etcd's.
    var bytes = EtcdQuota.defaultBytes
    var eventBytes = EtcdQuota.defaultBytes

    /// The quota of the etcd that holds `kind`.
    func limit(storing kind: Kind) -> Int { kind == .event ? eventBytes : bytes }

    /// The message etcd's NOSPACE error carries (ErrGRPCNoSpace), which kubectl shows as
    /// `Error from server: etcdserver: mvcc: database space exceeded`.
    static let exceeded: APIError = {
        var error = APIError(.unknown, "etcdserver: mvcc: database space exceeded")
        error.code = 500
        return error
    }()

    /// Which etcd holds `kind`: 0 the main one, 1 the events'.
    static func etcdIndex(storing kind: Kind) -> Int { kind == .event ? 1 : 0 }

    /// Whether objects of kinds `a` and `b` are stored in the same etcd.
    static func sharesEtcd(_ a: Kind, _ b: Kind) -> Bool { etcdIndex(storing: a) == etcdIndex(storing: b) }

    /// The largest of the estimated sizes.
    static let largestSize = Kind.allCases.map(estimatedSize).max()!

    /// Estimated bytes an object of `kind` takes in etcd.
    static func estimatedSize(of kind: Kind) -> Int {
        switch kind {
        case .pod: 4096
        case .node: 6144
        case .event: 1024
        case .replicaSet, .daemonSet: 3072
        case .deployment: 4096
        case .service, .endpointSlice, .endpoints: 2048
        case .lease, .namespace, .podDisruptionBudget: 768
        }
    }
}
