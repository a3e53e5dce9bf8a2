/// A string that hashes once: the key of a dictionary or set that grows to hundreds of
/// thousands of entries (pod uids, event names). When such a table outgrows its storage,
/// Swift rehashes every key; with plain strings that reads each string's bytes again (a cache
/// miss apiece) and stalls the insertion that triggered it for tens of milliseconds. With the
/// hash kept beside the string, growing reads no string at all.
public struct PrehashedString: PrehashedKey, Sendable {
    public let value: String
    public let prehash: Int

    public init(_ value: String) {
        self.value = value
        var hasher = Hasher()
        hasher.combine(value)
        prehash = hasher.finalize()
    }

    public static func == (a: PrehashedString, b: PrehashedString) -> Bool {
        a.prehash == b.prehash && a.value == b.value
    }
}
