/// An object's keys in each index of its table. The first three are held in place (a pod is in
/// three: owner, node, orphan), so an object's box needs no list of its own for them: one heap
/// block fewer a pod, and its keys are read from the box a write already touches.
struct IndexKeySlots {
    private var first = IndexKeys.none, second = IndexKeys.none, third = IndexKeys.none
    /// The keys of the fourth index on, when a table has that many.
    private var rest: [IndexKeys] = []

    /// Room for `count` indexes, each with no key.
    init(count: Int) { grow(to: count) }

    /// Room for an index added to the table (its objects are filed under it next).
    mutating func grow(to count: Int) {
        if count > 3 + rest.count { rest.append(contentsOf: repeatElement(.none, count: count - 3 - rest.count)) }
    }

    subscript(index: Int) -> IndexKeys {
        get {
            switch index {
            case 0: first
            case 1: second
            case 2: third
            default: rest[index - 3]
            }
        }
        set {
            switch index {
            case 0: first = newValue
            case 1: second = newValue
            case 2: third = newValue
            default: rest[index - 3] = newValue
            }
        }
    }
}
