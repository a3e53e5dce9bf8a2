/// A change to one stored object, delivered to watchers in the order it happened.
public struct WatchEvent {
    public enum EventType: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }

    public var type: EventType
    public var kind: Kind
    /// The object before the change (nil for ADDED).
    public var old: (any APIObject)?
    /// The object after the change (for DELETED, its last state).
    public var object: any APIObject

    public var name: String { object.metadata.name }
}
