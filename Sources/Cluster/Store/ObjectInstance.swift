/// One object by its uid — an object deleted and made again under its name is another — hashed
/// by its key's kept hash: hashing the 36-character uid cost some 400 instructions a lookup,
/// and kubelets and the event recorder look pods up this way at every step.
struct ObjectInstance: PrehashedKey {
    let uid: String
    let prehash: Int

    init<T: APIObject>(_ object: T) {
        uid = object.metadata.uid
        prehash = object.key.prehash
    }

    init(uid: String, keyHash: Int) { (self.uid, prehash) = (uid, keyHash) }

    static func == (a: Self, b: Self) -> Bool { a.prehash == b.prehash && a.uid == b.uid }
}
