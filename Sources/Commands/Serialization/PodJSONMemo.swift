import Cluster

/// What the pods of one list share, remembered while it is written. Lists come in name order,
/// so neighbours are mostly pods of one ReplicaSet: the same images, tolerations, labels and
/// owner, and timestamps of the same few seconds. Each of those is written once and its
/// bytes copied for every equal value that follows; comparing costs a fraction of writing.
public struct PodJSONMemo {
    private var image: String?
    /// `"<imageID>"`, quoted, for `image`.
    private var quotedImageID: [UInt8] = []
    var tolerations = RememberedJSON<[Toleration]>()
    var labels = RememberedJSON<[String: String]>()
    var ownerReferences = RememberedJSON<[OwnerReference]>()
    var conditions = RememberedJSON<[PodCondition]>()
    var times = RememberedTimes()

    public init() {}

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
    private var value: Value?
    private var bytes: [UInt8] = []

    mutating func write<Out: ByteSink & ~Copyable>(_ newValue: Value, into out: inout Out, encode: (Value, inout Out) -> Void) {
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
    private var seconds: [Int64] = []
    private var texts: [[UInt8]] = []
    private var next = 0

    mutating func write<Out: ByteSink & ~Copyable>(_ t: SimTime, into out: inout Out) {
        // The text shows whole seconds (rounded down, as Go's RFC 3339 does before 1970 too).
        let second = t.unixMilliseconds >= 0 ? t.unixMilliseconds / 1000 : (t.unixMilliseconds - 999) / 1000
        if let slot = seconds.firstIndex(of: second) {
            out.append(contentsOf: texts[slot])
            return
        }
        var text: [UInt8] = [UInt8(ascii: "\"")]
        text.reserveCapacity(22)
        CalendarTime.writeRFC3339(t, into: &text)
        text.append(UInt8(ascii: "\""))
        out.append(contentsOf: text)
        if seconds.count < Self.slots {
            seconds.append(second)
            texts.append(text)
        } else {
            seconds[next] = second
            texts[next] = text
            next = (next + 1) % Self.slots
        }
    }
}
