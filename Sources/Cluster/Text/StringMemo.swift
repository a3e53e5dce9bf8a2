/// Strings made from a key, kept so that equal keys share one string instead of each making
/// its own: a kubelet says "Created container: web" for every pod of a template, and each such
/// message was a heap block of its own, kept for an hour by the event and its correlation
/// record. Keys come from templates (container names, images), so they are few; past `limit`
/// distinct keys the memo starts over, so a cluster churning through names stays bounded.
struct StringMemo {
    private var strings: [String: String] = [:]
    /// The last key asked for and its string: a kubelet asks for one container's words four
    /// times a pod, and a key from the same template compares equal at once (one storage),
    /// where the table hashed it each time.
    private var last: (key: String, string: String)?
    private let limit: Int
    private let make: (String) -> String

    init(limit: Int = 1_024, _ make: @escaping (String) -> String) {
        self.limit = limit
        self.make = make
    }

    /// The string for `key`, made once while it is remembered.
    mutating func callAsFunction(_ key: String) -> String {
        if let last, last.key == key { return last.string }
        let string = strings[key] ?? {
            if strings.count >= limit { strings.removeAll() }
            let made = make(key)
            strings[key] = made
            return made
        }()
        last = (key, string)
        return string
    }

    /// Keys remembered (for bound checks).
    var count: Int { strings.count }
}
