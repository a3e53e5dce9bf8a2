import Cluster

/// Events and Leases as API clients write them (manifests never carry them): core/v1 and
/// events.k8s.io/v1 Events, coordination.k8s.io/v1 Leases.
enum EventLeaseDecoding {
    static func event(_ value: ManifestValue) throws -> Event {
        let meta = metadata(value["metadata"])
        // events.k8s.io/v1 names the same fields regarding / note / reportingController / reportingInstance.
        let ref = value["involvedObject"] ?? value["regarding"] ?? .object([])
        let involved = Event.ObjectReference(kind: ref["kind"]?.string ?? "", name: ref["name"]?.string ?? "",
                                             namespace: ref["namespace"]?.string ?? "", uid: ref["uid"]?.string ?? "",
                                             apiVersion: ref["apiVersion"]?.string ?? "", fieldPath: ref["fieldPath"]?.string ?? "")
        // Left null when not sent, as a real server keeps them (kubectl then prints <unknown>).
        let first = try time(value["firstTimestamp"] ?? value["deprecatedFirstTimestamp"])
        let last = try time(value["lastTimestamp"] ?? value["deprecatedLastTimestamp"])
        return Event(metadata: meta, involvedObject: involved, reason: value["reason"]?.string ?? "",
                     message: value["message"]?.string ?? value["note"]?.string ?? "", type: value["type"]?.string ?? "",
                     sourceComponent: value["source"]?["component"]?.string ?? value["reportingController"]?.string ?? "",
                     sourceHost: value["source"]?["host"]?.string ?? value["reportingInstance"]?.string ?? "",
                     count: value["count"]?.int ?? value["deprecatedCount"]?.int ?? 1, firstTimestamp: first, lastTimestamp: last,
                     eventTime: try time(value["eventTime"]), action: value["action"]?.string ?? "")
    }

    static func lease(_ value: ManifestValue) throws -> Lease {
        let spec = value["spec"] ?? .object([])
        return Lease(metadata: metadata(value["metadata"]), holderIdentity: spec["holderIdentity"]?.string ?? "",
                     leaseDurationSeconds: spec["leaseDurationSeconds"]?.int ?? 0, renewTime: try time(spec["renewTime"]) ?? .zero)
    }

    private static func metadata(_ value: ManifestValue?) -> ObjectMeta {
        let m = value ?? .object([])
        return ObjectMeta(name: m["name"]?.string ?? "", generateName: m["generateName"]?.string ?? "",
                          namespace: m["namespace"]?.string ?? "", labels: m["labels"]?.stringMap ?? [:],
                          annotations: m["annotations"]?.stringMap ?? [:])
    }

    /// An RFC 3339 time (`2024-09-01T11:24:17Z`, fractions and offsets allowed) as virtual time.
    static func time(_ value: ManifestValue?) throws -> SimTime? {
        guard let text = value?.string, !text.isEmpty else { return nil }
        guard let unixMillis = RFC3339Time.unixMilliseconds(text) else {
            throw APIError(.badRequest, "parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\(text)\" as \"2006\"")
        }
        return SimTime(milliseconds: unixMillis - SimTime.epochUnixSeconds * 1000)
    }
}

/// Reads RFC 3339 timestamps without Foundation's locale-dependent formatters.
public enum RFC3339Time {
    /// Milliseconds since the Unix epoch; nil when `text` is not RFC 3339.
    public static func unixMilliseconds(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var n = 0
            for c in chars[from..<(from + count)] {
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard chars.count >= 20, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var i = 19
        var millis = 0
        if i < chars.count, chars[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
                if digits < 3 { millis = millis * 10 + Int(chars[i] - 48) }
                digits += 1
                i += 1
            }
            for _ in min(digits, 3)..<3 { millis *= 10 }
        }
        var offsetSeconds = 0
        guard i < chars.count else { return nil }
        if chars[i] == UInt8(ascii: "Z") || chars[i] == UInt8(ascii: "z") {
            i += 1
        } else if chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") {
            guard let h = number(i + 1, 2), let m = number(i + 4, 2) else { return nil }
            offsetSeconds = (h * 3600 + m * 60) * (chars[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        }
        guard i == chars.count else { return nil }
        // Days from civil (Howard Hinnant).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }
}
