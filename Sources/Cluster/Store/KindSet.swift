/// A set of kinds as bits, for a watcher to say which changes it wants: testing membership on
/// every write costs an AND, where a `Set<Kind>` would hash a string.
public struct KindSet: Sendable, Equatable, ExpressibleByArrayLiteral {
    let bits: UInt32

    public init(_ kinds: [Kind]) { bits = kinds.reduce(0) { $0 | Self.bit($1) } }

    public init(arrayLiteral kinds: Kind...) { self.init(kinds) }

    public static let all = KindSet(Kind.allCases)

    public func contains(_ kind: Kind) -> Bool { bits & Self.bit(kind) != 0 }

    private static func bit(_ kind: Kind) -> UInt32 {
        switch kind {
        case .node: 1 << 0
        case .pod: 1 << 1
        case .replicaSet: 1 << 2
        case .deployment: 1 << 3
        case .event: 1 << 4
        case .lease: 1 << 5
        case .daemonSet: 1 << 6
        case .namespace: 1 << 7
        case .podDisruptionBudget: 1 << 8
        case .service: 1 << 9
        case .endpointSlice: 1 << 10
        case .endpoints: 1 << 11
        }
    }
}
