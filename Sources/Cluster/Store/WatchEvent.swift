/// A change to one stored object, delivered to watchers in the order it happened.
public struct WatchEvent {
    public enum EventType: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }

    public var type: EventType
    public var kind: Kind
    /// The object before the change (nil for ADDED).
    public var old: (any APIObject)?
    /// The object after the change (for DELETED, its last state).
    public var object: any APIObject
    /// `object` and `old` when the kind is Pod. Nine controllers read every pod write; each
    /// casting the existential back was a dynamic cast per watcher per write, where this one is
    /// resolved when the store's generic write is specialised.
    public let pod: Pod?
    public let oldPod: Pod?
    /// `object` when the kind is Event (five a pod, each read by the event expiry).
    public let event: Event?

    public init<T: APIObject>(type: EventType, old: T?, object: T) {
        self.type = type
        kind = T.kind
        self.old = old
        self.object = object
        pod = object as? Pod
        oldPod = old as? Pod
        event = object as? Event
    }

    public var name: String { object.metadata.name }
}
