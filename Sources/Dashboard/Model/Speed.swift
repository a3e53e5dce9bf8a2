/// How fast virtual time runs against real time: ¼× to 16×, in doublings.
public struct Speed: Equatable, Sendable {
    public static let factors: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]
    public private(set) var index = 2

    public init() {}

    public var factor: Double { Speed.factors[index] }
    public mutating func faster() { index = min(index + 1, Speed.factors.count - 1) }
    public mutating func slower() { index = max(index - 1, 0) }

    /// `1×`, `¼×`, `16×`.
    public var label: String {
        switch factor {
        case 0.25: "¼×"
        case 0.5: "½×"
        default: "\(Int(factor))×"
        }
    }
}
