/// Compares two values that live in class instances (an object's shared box) where they lie.
///
/// `lhs.box.fields == rhs.box.fields` holds two reads of class properties at once, and Swift
/// copies the first out before making the second: every string, array and dictionary in it
/// retained and released again, a cache miss apiece for objects not touched lately. The store
/// compares a pod's old and new state on every write, and watchers compare them again.
/// Through pointers, `==` reads both in place. Callers pass the fields of two different
/// boxes (two that are the same box compare equal before this): the two accesses are write
/// accesses, and on one box they would overlap, which a debug build traps.
@inline(__always)
func equalInPlace<Value: Equatable>(_ lhs: inout Value, _ rhs: inout Value) -> Bool {
    withUnsafeMutablePointer(to: &lhs) { lhs in
        withUnsafeMutablePointer(to: &rhs) { rhs in lhs.pointee == rhs.pointee }
    }
}
