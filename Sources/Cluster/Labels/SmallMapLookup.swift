extension Dictionary where Key == String {
    /// The value under `key`. Labels and annotations hold a handful of entries, and a
    /// dictionary lookup hashes the whole key with SipHash first (~450 instructions on the
    /// controllers' paths, which read a ReplicaSet's revision or a template's labels on every
    /// sync); comparing the few keys costs a fraction of that. A larger map is hashed.
    @inline(__always)
    func valueScanning(forKey key: String) -> Value? {
        guard count <= Self.scannedCount else { return self[key] }
        var index = startIndex
        while index != endIndex {
            if self.keys[index] == key { return self.values[index] }
            formIndex(after: &index)
        }
        return nil
    }

    /// Beyond this many entries, hashing the key is cheaper than comparing it with each.
    static var scannedCount: Int { 8 }
}
