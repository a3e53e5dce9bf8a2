import Cluster

/// What the pods of one list share, remembered while it is written. Lists come in name order,
/// so neighbours are mostly pods of one ReplicaSet: the same images, tolerations, labels and
/// owner, often the same conditions, and timestamps of the same few seconds. Each of those is written once and its
/// bytes copied for every equal value that follows; comparing costs a fraction of writing.
public struct PodJSONMemo {
    private var image: String?
    /// `"<imageID>"`, quoted, for `image`.
    private var quotedImageID: [UInt8] = []
    var tolerations: RememberedJSON<[Toleration]>
    var labels: RememberedJSON<[String: String]>
    var ownerReferences: RememberedJSON<[OwnerReference]>
    var conditions: RememberedJSON<[PodCondition]>
    var times: RememberedTimes

    /// A list's memo.
    public init() { self.init(remembering: true) }

    /// `remembering: false` for one object written alone (a watch event, a get): nothing
    /// follows it, so keeping copies of its parts would only cost.
    public init(remembering: Bool) {
        tolerations = RememberedJSON(remembering: remembering)
        labels = RememberedJSON(remembering: remembering)
        ownerReferences = RememberedJSON(remembering: remembering)
        conditions = RememberedJSON(remembering: remembering)
        times = RememberedTimes(remembering: remembering)
    }

    /// Appends the status's `imageID` as a JSON string.
    mutating func writeImageID<Out: ByteSink & ~Copyable>(_ status: ContainerStatus, into out: inout Out) {
        guard status.hasImageID else {
            out.append(literal: #""""#)
            return
        }
        if status.image != image {
            image = status.image
            quotedImageID.removeAll(keepingCapacity: true)
            // An image's ID is its repository and a 64-digit hash of its name, spelled out anew
            // (several Strings) each time it is asked for.
            JSONValue.writeQuoted(ImageReference.digestReference(status.image), into: &quotedImageID)
        }
        out.append(contentsOf: quotedImageID)
    }
}

/// The last value written and its JSON: an equal value is its bytes again (encoding is a pure
/// function of the value).
struct RememberedJSON<Value: Equatable> {
    private let remembering: Bool
    private var value: Value?
    private var bytes: [UInt8] = []

    init(remembering: Bool = true) { self.remembering = remembering }

    mutating func write<Out: ByteSink & ~Copyable>(_ newValue: Value, into out: inout Out, encode: (Value, inout Out) -> Void) {
        guard remembering else { return encode(newValue, &out) }
        guard value != newValue else {
            out.append(contentsOf: bytes)
            return
        }
        value = newValue
        let start = out.count
        encode(newValue, &out)
        bytes.removeAll(keepingCapacity: true)
        out.copyBytes(from: start, to: &bytes)
    }
}

/// Quoted RFC 3339 timestamps of the last few distinct seconds: a pod's times take turns
/// between its creation, scheduling and start (so one remembered time would miss most), and its
/// neighbours were made in the same seconds.
struct RememberedTimes {
    private static let slots = 4
    private let remembering: Bool
    private var seconds: [Int64] = []
    private var texts: [[UInt8]] = []
    private var next = 0
    /// Where a time's text is made, kept between times (one allocation an object when not
    /// remembering).
    private var scratch: [UInt8] = []

    init(remembering: Bool = true) { self.remembering = remembering }

    mutating func write<Out: ByteSink & ~Copyable>(_ t: SimTime, into out: inout Out) {
        // The text shows whole seconds (rounded down, as Go's RFC 3339 does before 1970 too).
        let second = t.unixMilliseconds >= 0 ? t.unixMilliseconds / 1000 : (t.unixMilliseconds - 999) / 1000
        if remembering, let slot = seconds.firstIndex(of: second) {
            out.append(contentsOf: texts[slot])
            return
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(UInt8(ascii: "\""))
        CalendarTime.writeRFC3339(t, into: &scratch)
        scratch.append(UInt8(ascii: "\""))
        out.append(contentsOf: scratch)
        guard remembering else { return }
        if seconds.count < Self.slots {
            seconds.append(second)
            texts.append(scratch)
        } else {
            seconds[next] = second
            texts[next] = scratch
            next = (next + 1) % Self.slots
        }
    }
}
