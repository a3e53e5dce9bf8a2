import Cluster

/// The version a list or watch reads at: `resourceVersion` and `resourceVersionMatch` as the
/// API server validates them (apimachinery ValidateListOptions, 422 on ListOptions.meta.k8s.io).
struct ReadVersion {
    enum Match: String { case exact = "Exact", notOlderThan = "NotOlderThan" }

    /// The parsed `resourceVersion`: nil when absent or empty, 0 for "0".
    var resourceVersion: Int64?
    var match: Match?

    init(_ request: ResourceRequest, watch: Bool) throws {
        let text = request.http.query("resourceVersion") ?? ""
        let matchText = request.http.query("resourceVersionMatch") ?? ""
        if text.isEmpty {
            resourceVersion = nil
        } else if let value = Int64(text), value >= 0 {
            resourceVersion = value
        } else {
            throw Self.invalid("resourceVersion: Invalid value: \"\(text)\": strconv.ParseUint: parsing \"\(text)\": invalid syntax")
        }
        if matchText.isEmpty {
            match = nil
        } else if let match = Match(rawValue: matchText) {
            self.match = match
        } else {
            throw Self.invalid("resourceVersionMatch: Unsupported value: \"\(matchText)\": supported values: \"Exact\", \"NotOlderThan\", \"\"")
        }
        let sendInitialEvents = request.http.boolQuery("sendInitialEvents") == true
        if watch {
            if match != nil && !sendInitialEvents {
                throw Self.invalid("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")
            }
            if sendInitialEvents {
                if match != .notOlderThan {
                    throw Self.invalid("resourceVersionMatch: Unsupported value: \"\(matchText)\": supported values: \"NotOlderThan\"")
                }
                if request.http.boolQuery("allowWatchBookmarks") != true {
                    throw Self.invalid("allowWatchBookmarks: Required value: sendInitialEvents requires setting allowWatchBookmarks to true")
                }
            }
        } else {
            if request.http.query("sendInitialEvents") != nil {
                throw Self.invalid("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list")
            }
            if match != nil && resourceVersion == nil {
                throw Self.invalid("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")
            }
            if match == .exact && resourceVersion == 0 {
                throw Self.invalid("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"")
            }
        }
    }

    static func invalid(_ cause: String) -> StatusError {
        StatusError.invalid(kind: "ListOptions", group: "meta.k8s.io", name: "", causes: [cause])
    }

    /// A version newer than the store's: the cacher waits three seconds for it, then gives up.
    static func tooLarge(_ asked: Int64, current: Int64) -> StatusError {
        var e = StatusError(code: 504, reason: "Timeout", message: "Too large resource version: \(asked), current: \(current)")
        e.causes = [.init(reason: "ResourceVersionTooLarge", message: "Too large resource version", field: "")]
        e.retryAfterSeconds = 1
        return e
    }

    /// A version the watch history no longer reaches.
    static func tooOld(_ asked: Int64, oldest: Int64) -> StatusError {
        .expired("too old resource version: \(asked) (\(oldest))")
    }
}
