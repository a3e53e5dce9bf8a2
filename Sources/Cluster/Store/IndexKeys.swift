/// The keys one object is filed under in one index. Most indexes give an object one key (its
/// owner, node or involved object) or none; holding it without an array saves an allocation
/// on every indexed write (five events and four pod writes a pod).
enum IndexKeys: Equatable {
    case none
    case one(String)
    case many([String])

    init(_ keys: [String]) {
        switch keys.count {
        case 0: self = .none
        case 1: self = .one(keys[0])
        default: self = .many(keys)
        }
    }

    func contains(_ key: String) -> Bool {
        switch self {
        case .none: false
        case .one(let only): only == key
        case .many(let keys): keys.contains(key)
        }
    }

    func forEach(_ body: (String) -> Void) {
        switch self {
        case .none: break
        case .one(let only): body(only)
        case .many(let keys): keys.forEach(body)
        }
    }
}
