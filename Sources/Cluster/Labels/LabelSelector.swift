/// A label selector: equality (`app=x`, `app!=x`) and set-based (`env in (a,b)`, `env notin (a)`,
/// `key`, `!key`) requirements, all of which must hold.
public struct LabelSelector: Equatable, Sendable {
    public struct Requirement: Equatable, Sendable {
        public enum Operator: String, Sendable {
            case equals = "="
            case notEquals = "!="
            case `in` = "in"
            case notIn = "notin"
            case exists = "exists"
            case doesNotExist = "!"
            /// `key>5`, `key<5`: the label's value read as an integer.
            case greaterThan = "gt"
            case lessThan = "lt"
        }
        public var key: String
        public var op: Operator
        public var values: [String]

        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }

        public func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .equals, .in: return labels.valueScanning(forKey: key).map(values.contains) ?? false
            case .notEquals, .notIn: return labels.valueScanning(forKey: key).map { !values.contains($0) } ?? true
            case .exists: return labels.valueScanning(forKey: key) != nil
            case .doesNotExist: return labels.valueScanning(forKey: key) == nil
            case .greaterThan, .lessThan:
                guard let have = labels.valueScanning(forKey: key).flatMap({ Int64($0) }), let bound = values.first.flatMap({ Int64($0) }) else { return false }
                return op == .greaterThan ? have > bound : have < bound
            }
        }

        /// Selector string form, as `kubectl get -o wide` and describe print it.
        public var description: String {
            switch op {
            case .equals: return "\(key)=\(values.first ?? "")"
            case .notEquals: return "\(key)!=\(values.first ?? "")"
            case .in: return "\(key) in (\(values.sorted().joined(separator: ",")))"
            case .notIn: return "\(key) notin (\(values.sorted().joined(separator: ",")))"
            case .exists: return key
            case .doesNotExist: return "!\(key)"
            case .greaterThan: return "\(key)>\(values.first ?? "")"
            case .lessThan: return "\(key)<\(values.first ?? "")"
            }
        }
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement] = []) { self.requirements = requirements }

    /// The selector `matchLabels: labels`.
    public init(matchLabels: [String: String]) {
        requirements = matchLabels.keys.sorted().map { Requirement(key: $0, op: .equals, values: [matchLabels[$0]!]) }
    }

    public var isEmpty: Bool { requirements.isEmpty }

    /// An empty selector matches everything (as in `kubectl get pods` without `-l`).
    public func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// The `matchLabels` part: requirements of the form key=value.
    public var matchLabels: [String: String] {
        var result: [String: String] = [:]
        for r in requirements where r.op == .equals { result[r.key] = r.values.first }
        return result
    }

    /// `app=x,pod-template-hash=y` with requirements sorted by key, as Kubernetes prints selectors.
    public var description: String {
        requirements.sorted { $0.key < $1.key }.map(\.description).joined(separator: ",")
    }
}
