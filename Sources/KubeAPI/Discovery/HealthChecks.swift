/// `/healthz`, `/livez`, `/readyz` as kube-apiserver answers them: `ok`, or with `?verbose` one
/// `[+]NAME ok` line a check and `… check passed`; `/readyz/NAME` asks one check. kubesim is
/// one process, so every check passes while it answers at all.
enum HealthChecks {
    static let live = ["ping", "log", "etcd", "poststarthook/start-apiserver-admission-initializer",
                       "poststarthook/generic-apiserver-start-informers"]
    static let ready = ["ping", "log", "etcd", "etcd-readiness", "informer-sync",
                        "poststarthook/start-apiserver-admission-initializer", "poststarthook/generic-apiserver-start-informers",
                        "shutdown"]

    /// The answer for a health path, or nil when `path` is not one.
    static func answer(path: String, verbose: Bool) -> APIResponse? {
        let segments = path.split(separator: "/", maxSplits: 1).map(String.init)
        guard let endpoint = segments.first, let checks = checks(of: endpoint) else { return nil }
        if segments.count == 2 {
            guard checks.contains(segments[1]) else { return nil }
            return text("ok")
        }
        guard verbose else { return text("ok") }
        return text(checks.map { "[+]\($0) ok" }.joined(separator: "\n") + "\n\(endpoint) check passed\n")
    }

    private static func checks(of endpoint: String) -> [String]? {
        switch endpoint {
        case "healthz", "livez": live
        case "readyz": ready
        default: nil
        }
    }

    private static func text(_ body: String) -> APIResponse {
        APIResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff")],
                    body: Array(body.utf8))
    }
}
