import Cluster
import Commands
import Foundation

/// The opaque `continue` of a paged list, shaped as the API server's (storage.EncodeContinue):
/// base64url of `{"v":"meta.k8s.io/v1","rv":N,"start":"KEY\u0000"}` — the version the first page
/// was read at, and the key after which the next page starts.
struct ContinueToken: Equatable {
    var resourceVersion: Int64
    /// `namespace/name` (or `name` for cluster-scoped kinds) of the last item sent.
    var lastKey: String

    var encoded: String {
        let json = JSONValue.object([("v", .string("meta.k8s.io/v1")), ("rv", .int(resourceVersion)), ("start", .string(lastKey + "\u{0}"))])
        return Data(json.compactJSON().utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token, or throws the API server's BadRequest (`invalid continue token: …`).
    static func decode(_ text: String) throws -> ContinueToken {
        func invalid(_ detail: String) -> StatusError { .badRequest("invalid continue token: continue key is not valid: \(detail)") }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if let bad = text.firstIndex(where: { !($0.isLetter && $0.isASCII) && !$0.isNumber && $0 != "-" && $0 != "_" }) {
            throw invalid("illegal base64 data at input byte \(text.distance(from: text.startIndex, to: bad))")
        }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else {
            throw invalid("illegal base64 data at input byte \(text.count)")
        }
        guard let json = try? JSONParser.parse(Array(data)) else {
            throw invalid("invalid character looking for beginning of value")
        }
        guard case .string(let version)? = json["v"], version == "meta.k8s.io/v1" else {
            let version = json["v"].flatMap { if case .string(let v) = $0 { v } else { nil } } ?? ""
            throw invalid("server does not recognize this encoded version \(version)")
        }
        guard case .int(let rv)? = json["rv"], rv > 0 else {
            throw invalid("incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        }
        guard case .string(let start)? = json["start"], !start.isEmpty else {
            throw invalid("encoded start key empty (version meta.k8s.io/v1)")
        }
        return ContinueToken(resourceVersion: rv, lastKey: start.hasSuffix("\u{0}") ? String(start.dropLast()) : start)
    }

    init(resourceVersion: Int64, after key: ObjectKey) {
        self.resourceVersion = resourceVersion
        lastKey = key.namespace.isEmpty ? key.name : "\(key.namespace)/\(key.name)"
    }

    init(resourceVersion: Int64, lastKey: String) {
        self.resourceVersion = resourceVersion
        self.lastKey = lastKey
    }

    /// The store key of the last item sent: the next page starts after it.
    var after: ObjectKey {
        let parts = lastKey.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? ObjectKey(namespace: parts[0], name: parts[1]) : ObjectKey(namespace: "", name: lastKey)
    }
}
