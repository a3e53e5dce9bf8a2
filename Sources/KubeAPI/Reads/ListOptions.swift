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
            throw Self.invalid(["resourceVersion: Invalid value: \"\(text)\": strconv.ParseUint: parsing \"\(text)\": invalid syntax"])
        }
        match = Match(rawValue: matchText)
        // apimachinery validation.ValidateListOptions / validateWatchOptions: every fault, in its order.
        var faults: [String] = []
        let initialEventsGiven = request.http.query("sendInitialEvents") != nil
        let continueGiven = !(request.http.query("continue") ?? "").isEmpty
        if watch {
            if initialEventsGiven && match != .notOlderThan {
                faults.append("resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")
            }
            if !matchText.isEmpty {
                if !initialEventsGiven {
                    faults.append("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")
                }
                if match != .notOlderThan {
                    faults.append("resourceVersionMatch: Unsupported value: \"\(matchText)\": supported values: \"NotOlderThan\"")
                }
                if continueGiven {
                    faults.append("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided")
                }
            }
            // The watch cache ends a watch-list's initial events with a bookmark, so it needs them allowed.
            if faults.isEmpty, request.http.boolQuery("sendInitialEvents") == true, request.http.boolQuery("allowWatchBookmarks") != true {
                faults.append("allowWatchBookmarks: Required value: sendInitialEvents requires setting allowWatchBookmarks to true")
            }
        } else {
            if !matchText.isEmpty {
                if text.isEmpty {
                    faults.append("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")
                }
                if continueGiven {
                    faults.append("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided")
                }
                if match == nil {
                    faults.append("resourceVersionMatch: Unsupported value: \"\(matchText)\": supported values: \"Exact\", \"NotOlderThan\", \"\"")
                }
                if match == .exact && text == "0" {
                    faults.append("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"")
                }
            }
            if initialEventsGiven {
                faults.append("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list")
            }
        }
        if !faults.isEmpty { throw Self.invalid(faults) }
    }

    static func invalid(_ causes: [String]) -> StatusError {
        StatusError.invalid(kind: "ListOptions", group: "meta.k8s.io", name: "", causes: causes)
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
