import Foundation

/// What a read's Accept header asks for: the object itself, or a server-side `Table`
/// (`application/json;as=Table;v=v1;g=meta.k8s.io`, as `kubectl get` asks), and how much of each
/// row's object the Table carries (`includeObject`).
enum ResponseShape: Equatable {
    enum IncludeObject: String { case none = "None", metadata = "Metadata", object = "Object" }

    case object
    case table(version: String, include: IncludeObject)

    /// The first media range of the Accept header this server can answer.
    init(_ request: APIRequest) throws {
        self = .object
        guard let accept = request.header("accept") else { return }
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var parameters: [String: String] = [:]
            for parameter in parts.dropFirst() {
                let kv = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { parameters[kv[0].lowercased()] = kv[1] }
            }
            guard let kind = parameters["as"] else { return } // a plain media type: the object
            if kind == "Table", parameters["g"] == "meta.k8s.io", let version = parameters["v"], version == "v1" || version == "v1beta1" {
                let includeText = request.query("includeObject") ?? ""
                guard let include = includeText.isEmpty ? .metadata : IncludeObject(rawValue: includeText) else {
                    throw StatusError.badRequest("includeObject: Unsupported value: \"\(includeText)\": supported values: \"Metadata\", \"None\", \"Object\"")
                }
                self = .table(version: version, include: include)
                return
            }
            // Another `as=` (PartialObjectMetadata…) is not served: try the next range.
        }
    }

    var contentType: String {
        switch self {
        case .object: "application/json"
        case .table(let version, _): "application/json;as=Table;v=\(version);g=meta.k8s.io"
        }
    }
}
