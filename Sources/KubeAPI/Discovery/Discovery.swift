import Commands

/// `/version`, health checks and API discovery, aggregated (v2, v2beta1) and legacy, as
/// kube-apiserver 1.33 answers them.
enum Discovery {
    static let serverVersion = (major: "1", minor: "33", gitVersion: "v1.33.1")

    /// The answer for a discovery or health path, or nil when `request` is not one.
    static func answer(_ request: APIRequest, handler: KubeAPIHandler) throws -> APIResponse? {
        let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        guard request.method == "GET" || request.method == "HEAD" else {
            return ["/version", "/healthz", "/livez", "/readyz", "/api", "/apis"].contains(path)
                ? StatusError.methodNotAllowed().response
                : nil
        }
        if path.hasPrefix("/healthz") || path.hasPrefix("/livez") || path.hasPrefix("/readyz") {
            if let health = HealthChecks.answer(path: String(path.dropFirst()), verbose: request.query("verbose") != nil) { return health }
        }
        switch path {
        case "/version": return .json(version)
        case "/api":
            if let format = AggregatedFormat(accept: request.header("accept")) { return format.response(aggregated(core: true, format: format)) }
            return .json(.object([
                ("kind", .string("APIVersions")), ("versions", .array([.string("v1")])),
                ("serverAddressByClientCIDRs", .array([.object([("clientCIDR", .string("0.0.0.0/0")), ("serverAddress", .string(request.header("host") ?? ""))])])),
            ]))
        case "/apis":
            if let format = AggregatedFormat(accept: request.header("accept")) { return format.response(aggregated(core: false, format: format)) }
            return .json(.object([
                ("kind", .string("APIGroupList")), ("apiVersion", .string("v1")),
                ("groups", .array(ServedResources.groups.map(apiGroup))),
            ]))
        default:
            break
        }
        let segments = path.split(separator: "/").map(String.init)
        if segments.count == 2, segments[0] == "api", segments[1] == "v1" {
            return .json(resourceList(group: "", version: "v1"))
        }
        if segments.first == "apis", segments.count == 2 || segments.count == 3 {
            let group = segments[1]
            guard ServedResources.groups.contains(group) else { throw StatusError.pathNotFound() }
            if segments.count == 2 { return .json(apiGroup(group)) }
            guard !ServedResources.resources(group: group, version: segments[2]).isEmpty else { throw StatusError.pathNotFound() }
            return .json(resourceList(group: group, version: segments[2]))
        }
        return nil
    }

    static var version: JSONValue {
        .object([
            ("major", .string(serverVersion.major)), ("minor", .string(serverVersion.minor)),
            ("emulationMajor", .string(serverVersion.major)), ("emulationMinor", .string(serverVersion.minor)),
            ("minCompatibilityMajor", .string("1")), ("minCompatibilityMinor", .string("32")),
            ("gitVersion", .string(serverVersion.gitVersion)), ("gitCommit", .string("kubesim")),
            ("gitTreeState", .string("clean")), ("buildDate", .string("2025-05-15T00:00:00Z")),
            ("goVersion", .string("go1.24.2")), ("compiler", .string("gc")), ("platform", .string("linux/amd64")),
        ])
    }

    /// Versions of a group, newest first (every served group has only v1 today).
    private static func versions(of group: String) -> [String] {
        var seen: [String] = []
        for r in ServedResources.all where r.group == group && !seen.contains(r.version) { seen.append(r.version) }
        return seen
    }

    private static func apiGroup(_ group: String) -> JSONValue {
        let versions = versions(of: group).map { JSONValue.object([("groupVersion", .string("\(group)/\($0)")), ("version", .string($0))]) }
        return .object([
            ("kind", .string("APIGroup")), ("apiVersion", .string("v1")), ("name", .string(group)),
            ("versions", .array(versions)), ("preferredVersion", versions[0]),
        ])
    }

    /// The legacy APIResourceList of one group/version; `drain` reads `pods/eviction` here.
    static func resourceList(group: String, version: String) -> JSONValue {
        var entries: [JSONValue] = []
        for r in ServedResources.resources(group: group, version: version) {
            var fields: [(String, JSONValue)] = [
                ("name", .string(r.resource)), ("singularName", .string(r.singular)),
                ("namespaced", .bool(r.namespaced)), ("kind", .string(r.kind)),
                ("verbs", .array(r.verbs.map(JSONValue.string))),
            ]
            if !r.shortNames.isEmpty { fields.append(("shortNames", .array(r.shortNames.map(JSONValue.string)))) }
            if !r.categories.isEmpty { fields.append(("categories", .array(r.categories.map(JSONValue.string)))) }
            entries.append(.object(fields))
            for sub in r.subresources {
                var subFields: [(String, JSONValue)] = [
                    ("name", .string("\(r.resource)/\(sub.name)")), ("singularName", .string("")),
                    ("namespaced", .bool(r.namespaced)),
                ]
                if let g = sub.group { subFields.append(("group", .string(g))) }
                if let v = sub.version { subFields.append(("version", .string(v))) }
                subFields += [("kind", .string(sub.kind)), ("verbs", .array(sub.verbs.map(JSONValue.string)))]
                entries.append(.object(subFields))
            }
        }
        return .object([
            ("kind", .string("APIResourceList")), ("apiVersion", .string("v1")),
            ("groupVersion", .string(group.isEmpty ? version : "\(group)/\(version)")),
            ("resources", .array(entries)),
        ])
    }

    /// The aggregated discovery document of the core group (`/api`) or of every named group (`/apis`).
    private static func aggregated(core: Bool, format: AggregatedFormat) -> JSONValue {
        let groups = core ? [""] : ServedResources.groups
        let items: [JSONValue] = groups.map { group in
            let metadata: JSONValue = group.isEmpty
                ? .object([("creationTimestamp", .null)])
                : .object([("name", .string(group)), ("creationTimestamp", .null)])
            let versions: [JSONValue] = versions(of: group).map { version in
                .object([
                    ("version", .string(version)),
                    ("resources", .array(ServedResources.resources(group: group, version: version).map(aggregatedResource))),
                    ("freshness", .string("Current")),
                ])
            }
            return .object([("metadata", metadata), ("versions", .array(versions))])
        }
        return .object([
            ("kind", .string("APIGroupDiscoveryList")), ("apiVersion", .string("apidiscovery.k8s.io/\(format.rawValue)")),
            ("metadata", .object([])), ("items", .array(items)),
        ])
    }

    private static func aggregatedResource(_ r: ServedResource) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("resource", .string(r.resource)),
            ("responseKind", .object([("group", .string("")), ("version", .string("")), ("kind", .string(r.kind))])),
            ("scope", .string(r.namespaced ? "Namespaced" : "Cluster")),
            ("singularResource", .string(r.singular)),
            ("verbs", .array(r.verbs.map(JSONValue.string))),
        ]
        if !r.shortNames.isEmpty { fields.append(("shortNames", .array(r.shortNames.map(JSONValue.string)))) }
        if !r.categories.isEmpty { fields.append(("categories", .array(r.categories.map(JSONValue.string)))) }
        if !r.subresources.isEmpty {
            fields.append(("subresources", .array(r.subresources.map { sub in
                .object([
                    ("subresource", .string(sub.name)),
                    ("responseKind", .object([("group", .string(sub.group ?? "")), ("version", .string(sub.version ?? "")), ("kind", .string(sub.kind))])),
                    ("verbs", .array(sub.verbs.map(JSONValue.string))),
                ])
            })))
        }
        return .object(fields)
    }
}

/// Which aggregated discovery a client asked for in its Accept header; nil for the legacy lists.
enum AggregatedFormat: String {
    case v2, v2beta1

    init?(accept: String?) {
        guard let accept else { return nil }
        let offered = accept.split(separator: ",").map { entry in
            Set(entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        for format in [AggregatedFormat.v2, .v2beta1] {
            if offered.contains(where: { $0.isSuperset(of: ["g=apidiscovery.k8s.io", "v=\(format.rawValue)", "as=APIGroupDiscoveryList"]) }) {
                self = format
                return
            }
        }
        return nil
    }

    /// The Content-Type must echo the format, or kubectl reads the body as a legacy list.
    func response(_ body: JSONValue) -> APIResponse {
        .json(body, contentType: "application/json;g=apidiscovery.k8s.io;v=\(rawValue);as=APIGroupDiscoveryList")
    }
}
