/// An object's fields in one shared box, copied only when a shared copy is changed. Objects are
/// copied far more often than they are changed (every read of the store, every watcher, each
/// write's old and new state): a copy then costs one retain instead of one for each of its
/// dozens of strings, arrays and dictionaries, and fits in an existential without an allocation.
struct SharedFields<Fields: Equatable>: Equatable, @unchecked Sendable {
    private final class Box {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    // A box is never changed while shared, so handing it between threads as a value is safe.
    private var box: Box

    init(_ fields: Fields) { box = Box(fields) }

    var fields: Fields {
        _read { yield box.fields } // borrowed: reading one field copies nothing
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    /// Two copies of one object share a box and compare equal at once.
    static func == (lhs: SharedFields, rhs: SharedFields) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }
}
