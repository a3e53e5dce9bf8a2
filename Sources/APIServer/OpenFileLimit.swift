#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many files, sockets included, this process may hold open: every client connection of
/// the API server is one.
public enum OpenFileLimit {
    /// Raises the soft limit to the hard one, as every Go program (kube-apiserver among them)
    /// does at start, so that a thousand watches fit where the soft limit is 1,024. Returns the
    /// soft limit in force afterwards (the old one if it cannot be raised).
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return Int.max }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)  // no limit (RLIM_INFINITY) clamps to Int.max
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
