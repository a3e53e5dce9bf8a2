import Cluster
import Commands
import KubeAPI

/// `api`: one request to the Kubernetes API (`KubeAPIHandler.handle`), written as HTTP/1.1
/// text and read leniently — a request line (`METHOD TARGET`), header lines (`Name: value`), a
/// blank line, the body — so that seeds read as what kubectl and the Python client send.
/// Every answer is a valid status; every error a metav1 Status with its own code and a reason
/// the API server uses; a refused request, and any read, leave the store's resourceVersion as
/// it was; a 2xx JSON answer parses. A watch or log follow is started, what it sends at once is
/// checked, and it is stopped, as the listener does when the client hangs up.
final class APIRequestFuzzTarget: FuzzTarget {
    let name = "api"
    let summary = "one HTTP API request (method, path, query, headers, body) to KubeAPIHandler"
    private let fixture = APIFuzzCluster()

    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
    static let discovery = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
    static let protobufFirst = "application/vnd.kubernetes.protobuf,application/json"

    var seeds: [[UInt8]] {
        let pod = fixture.webPod
        let rv = fixture.store.currentResourceVersion
        let pods = "/api/v1/namespaces/default/pods"
        let web = "/apis/apps/v1/namespaces/default/deployments/web"
        let continueToken = fixture.json("\(pods)?limit=1")?["metadata"]?["continue"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
        let live = fixture.json(web)?.compactJSON() ?? "{}"
        let deployment = #"{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"shop","creationTimestamp":null,"labels":{"app":"shop"}},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"shop"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"shop"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"resources":{}}]}},"strategy":{}},"status":{}}"#
        let requests: [String] = [
            "GET /version?timeout=32s HTTP/1.1\nAccept: application/json, */*\n\n",
            "GET /api HTTP/1.1\nAccept: \(Self.discovery)\n\n",
            "GET /apis HTTP/1.1\nAccept: application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json\n\n",
            "GET /api/v1 HTTP/1.1\nAccept: application/json, */*\n\n",
            "GET /apis/apps/v1 HTTP/1.1\n\n",
            "GET /healthz HTTP/1.1\n\n",
            "GET /openapi/v3 HTTP/1.1\nAccept: application/json\n\n",
            "GET /openapi/v3/apis/apps/v1?hash=0123ABCD HTTP/1.1\nAccept: application/json\n\n",
            "GET /openapi/v2?timeout=32s HTTP/1.1\nAccept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf\n\n",
            "GET \(pods)?limit=500 HTTP/1.1\nAccept: \(Self.table)\nUser-Agent: kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0\n\n",
            "GET /api/v1/pods?limit=500 HTTP/1.1\nAccept: \(Self.table)\n\n",
            "GET /apis/apps/v1/namespaces/team-a/deployments?limit=500 HTTP/1.1\nAccept: \(Self.table)\n\n",
            "GET /api/v1/nodes?limit=500 HTTP/1.1\nAccept: \(Self.table)\n\n",
            "GET \(pods)?labelSelector=app%3Dweb%2Ctier+notin+%28db%29&limit=1 HTTP/1.1\nAccept: application/json\n\n",
            "GET \(pods)?limit=1&continue=\(continueToken) HTTP/1.1\nAccept: application/json\n\n",
            "GET \(pods)?fieldSelector=metadata.name%3D\(pod)&limit=500&resourceVersion=0 HTTP/1.1\n\n",
            "GET /api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1%2Cstatus.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed HTTP/1.1\n\n",
            "GET /api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DDeployment&limit=500 HTTP/1.1\n\n",
            "GET \(pods)?resourceVersion=\(rv)&resourceVersionMatch=NotOlderThan&limit=500 HTTP/1.1\n\n",
            "GET \(pods)?resourceVersion=\(rv)&watch=true HTTP/1.1\nAccept: \(Self.table)\n\n",
            "GET \(pods)?allowWatchBookmarks=true&fieldSelector=metadata.name%3D\(pod)&resourceVersion=\(rv - 5)&timeoutSeconds=300&watch=true HTTP/1.1\n\n",
            "GET /apis/apps/v1/namespaces/default/deployments?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=540 HTTP/1.1\n\n",
            "GET /api/v1/namespaces?watch=True HTTP/1.1\nAccept: application/json\nUser-Agent: OpenAPI-Generator/22.6.0/python\n\n",
            "GET \(web) HTTP/1.1\nAccept: application/json\n\n",
            "GET \(web) HTTP/1.1\nAccept: \(Self.protobufFirst)\n\n",
            "GET /api/v1/nodes/node-1 HTTP/1.1\nAccept: \(Self.table)\n\n",
            "GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1 HTTP/1.1\n\n",
            "GET \(web)/scale HTTP/1.1\n\n",
            "POST /apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict HTTP/1.1\nContent-Type: application/json\nAccept: application/json\n\n\(deployment)",
            "POST /api/v1/namespaces?fieldManager=kubectl-create HTTP/1.1\nContent-Type: application/json\n\n{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"staging\",\"creationTimestamp\":null},\"spec\":{},\"status\":{}}",
            "POST \(pods) HTTP/1.1\nContent-Type: application/json\n\n{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"generateName\":\"debug-\",\"labels\":{\"run\":\"debug\"}},\"spec\":{\"containers\":[{\"name\":\"debug\",\"image\":\"busybox\",\"resources\":{\"limits\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}],\"restartPolicy\":\"Never\"}}",
            "PUT \(web) HTTP/1.1\nContent-Type: application/json\n\n\(live)",
            "PATCH \(web)/scale HTTP/1.1\nContent-Type: application/merge-patch+json\n\n{\"spec\":{\"replicas\":3}}",
            "PATCH \(pods)/\(pod)?fieldManager=kubectl-label HTTP/1.1\nContent-Type: application/merge-patch+json\n\n{\"metadata\":{\"labels\":{\"tier\":\"front\",\"app\":null}}}",
            "PATCH /api/v1/nodes/node-2 HTTP/1.1\nContent-Type: application/strategic-merge-patch+json\nAccept: \(Self.protobufFirst)\n\n{\"spec\":{\"unschedulable\":true}}",
            "PATCH \(web)?fieldManager=kubectl-client-side-apply&fieldValidation=Strict HTTP/1.1\nContent-Type: application/strategic-merge-patch+json\n\n{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\\n\"}},\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":null,\"type\":\"Recreate\"},\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"nginx\"}],\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.27\",\"$setElementOrder/ports\":[{\"containerPort\":80}],\"ports\":[{\"$patch\":\"delete\",\"containerPort\":443}],\"env\":[{\"name\":\"MODE\",\"value\":\"fast\"}]}]}}}}",
            "PATCH /apis/apps/v1/namespaces/default/deployments/shop?fieldManager=kubectl&fieldValidation=Strict&force=false HTTP/1.1\nContent-Type: application/apply-patch+yaml\n\n\(deployment)",
            "PATCH \(web) HTTP/1.1\nContent-Type: application/json-patch+json\n\n[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2},{\"op\":\"add\",\"path\":\"/metadata/labels/x~1y\",\"value\":\"z\"},{\"op\":\"test\",\"path\":\"/spec/paused\",\"value\":null}]",
            "PUT \(web)/status HTTP/1.1\nContent-Type: application/json\n\n\(live)",
            "DELETE \(pods)/\(pod) HTTP/1.1\nContent-Type: application/json\n\n{\"propagationPolicy\":\"Background\"}",
            "DELETE /apis/apps/v1/namespaces/team-a/deployments/api?gracePeriodSeconds=0 HTTP/1.1\n\n{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0,\"preconditions\":{\"resourceVersion\":\"1\"},\"propagationPolicy\":\"Foreground\"}",
            "DELETE /api/v1/namespaces/team-a/pods?labelSelector=app%3Dapi HTTP/1.1\n\n",
            "POST \(pods)/\(pod)/eviction HTTP/1.1\n\n{\"kind\":\"Eviction\",\"apiVersion\":\"policy/v1\",\"metadata\":{\"name\":\"\(pod)\",\"namespace\":\"default\"},\"deleteOptions\":{}}",
            "POST \(pods)/\(pod)/binding HTTP/1.1\nContent-Type: application/json\n\n{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"\(pod)\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"node-3\"}}",
            "POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews HTTP/1.1\nContent-Type: application/json\n\n{\"kind\":\"SelfSubjectAccessReview\",\"apiVersion\":\"authorization.k8s.io/v1\",\"metadata\":{\"creationTimestamp\":null},\"spec\":{\"resourceAttributes\":{\"namespace\":\"default\",\"verb\":\"delete\",\"resource\":\"pods\"}},\"status\":{\"allowed\":false}}",
            "GET \(pods)/\(pod)/log?container=nginx&tailLines=5&timestamps=true HTTP/1.1\n\n",
            "GET \(pods)/\(pod)/log?follow=true&sinceSeconds=60&limitBytes=100 HTTP/1.1\n\n",
            "GET \(pods)/\(pod)/log?previous=true HTTP/1.1\n\n",
        ]
        return requests.map { Array($0.utf8) }
    }

    var dictionary: [[UInt8]] {
        ["GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", " HTTP/1.1\n", "\n\n", "\r\n", "/api/v1/", "/apis/apps/v1/", "namespaces/",
         "default/", "team-a/", "pods", "/pods/", "deployments", "replicasets", "services", "nodes", "events", "/scale", "/status",
         "/log", "/eviction", "/binding", "leases", "?", "&", "=", "%", "%3D", "%2C", "%00", "+", "watch=true", "limit=", "continue=",
         "labelSelector=", "fieldSelector=", "resourceVersion=", "resourceVersionMatch=", "timeoutSeconds=", "sendInitialEvents=true",
         "allowWatchBookmarks=true", "fieldManager=", "force=true", "dryRun=All", "gracePeriodSeconds=", "propagationPolicy=",
         "container=", "tailLines=", "follow=true", "limitBytes=", "sinceSeconds=", "Accept: ", "Content-Type: ",
         "application/json", "application/yaml", "application/merge-patch+json", "application/strategic-merge-patch+json",
         "application/json-patch+json", "application/apply-patch+yaml", "application/vnd.kubernetes.protobuf", Self.table,
         ";as=Table;v=v1;g=meta.k8s.io", "as=PartialObjectMetadataList", "{", "}", "[", "]", "\"", ":", ",", "null", "true",
         "-1", "0", "2147483648", "9223372036854775807", "1e400", "\"$patch\":\"delete\"", "\"$retainKeys\"", "$setElementOrder/",
         "\"op\":\"remove\"", "\"metadata\":", "\"spec\":", "\"replicas\":", "\"labels\":", "\"name\":", "\"kind\":", "\"apiVersion\":",
         "\\u0000", "../", "//", "web", "node-1"].map { Array($0.utf8) }
    }

    /// Reads the text request: lines up to the first blank line are the request line and the
    /// headers (`\r\n` or `\n`), the rest is the body. A missing method or target reads as
    /// `GET /`; a header line without a colon is dropped.
    static func request(from input: [UInt8]) -> APIRequest {
        var headEnd = input.count, bodyStart = input.count
        for index in input.indices where input[index] == UInt8(ascii: "\n") {
            if index + 1 < input.count, input[index + 1] == UInt8(ascii: "\n") { (headEnd, bodyStart) = (index, index + 2); break }
            if index + 2 < input.count, input[index + 1] == UInt8(ascii: "\r"), input[index + 2] == UInt8(ascii: "\n") {
                (headEnd, bodyStart) = (index, index + 3); break
            }
        }
        // Split as bytes: in a String, "\r\n" is one Character and "\n" would not split it.
        let lines = input[..<headEnd].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0, as: UTF8.self) }
        let requestLine = lines.first?.split(separator: " ") ?? []
        let method = requestLine.first.map(String.init) ?? "GET"
        let target = requestLine.count > 1 ? String(requestLine[1]) : "/"
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingPrefix(" ").description))
        }
        return APIRequest(method: method, target: target, headers: headers, body: Array(input[bodyStart...]))
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        let request = Self.request(from: input)
        let cluster = fixture.cluster
        cluster.advance(by: .zero)
        let before = cluster.store.currentResourceVersion
        let behaviour: String
        switch fixture.api.handle(request) {
        case .response(let response):
            behaviour = try Self.check(response, request, input: input)
        case .stream(let stream):
            behaviour = try Self.check(stream)
        }
        let changed = cluster.store.currentResourceVersion != before
        if changed && behaviour.hasPrefix("refused") {
            throw FuzzFinding("a refused request changed the cluster: \(request.method) \(request.path) \(behaviour.prefix(160))")
        }
        if changed && (request.method == "GET" || request.method == "HEAD") {
            throw FuzzFinding("a read changed the cluster: \(request.method) \(request.path)")
        }
        fixture.answered(changed: changed)
        return FuzzBehaviour(behaviour)
    }

    /// Checks a whole answer; returns its kind (`refused 404 NotFound: …` or `answered …`).
    static func check(_ response: APIResponse, _ request: APIRequest, input: [UInt8]) throws(FuzzFinding) -> String {
        try FuzzChecks.replyStatus(response.status)
        try FuzzChecks.headers(response.headers)
        let body = response.body
        if response.status >= 400 {
            return "refused \(response.status) " + refusalKind(try FuzzChecks.apiStatus(body, code: response.status), echoing: input)
        }
        let contentType = response.contentType ?? ""
        var kind = "text"
        if contentType.contains("json") {
            let json: JSONValue
            do { json = try JSONParser.parse(body) } catch {
                throw FuzzFinding("a \(response.status) answer to \(request.method) \(request.path) is not JSON: \(String(decoding: body.prefix(120), as: UTF8.self).debugDescription)")
            }
            if case .string(let name)? = json["kind"] { kind = name } else { kind = "json" }
        }
        let shape = contentType.contains("as=Table") ? "table" : contentType.contains("json") ? "json" : "other"
        // Any method reaches some answers (OpenAPI): one not in HTTP's list is "other".
        let method = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].contains(request.method) ? request.method : "other"
        return "answered \(response.status) \(method) \(kind.allSatisfy(\.isLetter) ? kind : "…") \(shape)"
    }

    /// A refusal's reason and the first three words of its message (the API server's messages
    /// start with their fixed words and quote the request after them), with every word that may
    /// come from the request (names, methods, field paths, numbers, camel-case, any word found
    /// in `input`) folded to "…", so that one kind of refusal is one behaviour whatever it echoes.
    static func refusalKind(_ refusal: String, echoing input: [UInt8]) -> String {
        var words: [Substring] = []
        for word in refusal.split(separator: " ") {
            let core = word.hasSuffix(":") || word.hasSuffix(",") ? word.dropLast() : word
            let plain = (1...20).contains(core.count) && core.allSatisfy { $0.isASCII && $0.isLetter }
                && core.dropFirst().allSatisfy(\.isLowercase) && !Self.contains(input, Array(core.utf8))
            let folded: Substring = plain || words.isEmpty ? word : "…"
            if folded == "…" && words.last == "…" { continue }
            words.append(folded)
            if words.count == 4 { break }
        }
        return words.joined(separator: " ")
    }

    /// Whether `bytes` holds `word`.
    static func contains(_ bytes: [UInt8], _ word: [UInt8]) -> Bool {
        guard let first = word.first, word.count <= bytes.count else { return false }
        var index = 0
        while index + word.count <= bytes.count {
            if bytes[index] == first && bytes[index..<index + word.count].elementsEqual(word) { return true }
            index += 1
        }
        return false
    }

    /// Starts a stream on a sink that keeps what is sent at once, checks it, and stops it.
    static func check(_ stream: StreamingReply) throws(FuzzFinding) -> String {
        try FuzzChecks.replyStatus(stream.head.status)
        try FuzzChecks.headers(stream.head.headers)
        let sink = CollectingSink()
        stream.start(sink)
        stream.stop()
        let contentType = stream.head.contentType ?? ""
        var types = Set<String>()
        if contentType.contains("json") {
            for chunk in sink.chunks {
                let event: JSONValue
                do { event = try JSONParser.parse(chunk) } catch {
                    throw FuzzFinding("a watch event is not JSON: \(String(decoding: chunk.prefix(120), as: UTF8.self).debugDescription)")
                }
                guard case .string(let type)? = event["type"], ["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"].contains(type),
                      let object = event["object"] else {
                    throw FuzzFinding("a watch event has no type or object: \(String(decoding: chunk.prefix(120), as: UTF8.self).debugDescription)")
                }
                if type == "ERROR" {
                    guard case .int(let code)? = object["code"] else { throw FuzzFinding("an ERROR watch event carries no Status code") }
                    try FuzzChecks.apiStatus(object.compactJSONBytes(), code: Int(code))
                }
                types.insert(type)
            }
        }
        let shape = contentType.contains("as=Table") ? "table" : contentType.contains("json") ? "json" : "other"
        // Which types of event came, not their order, which the objects' history decides.
        return "streamed \(stream.head.status) \(shape) \(types.sorted().joined(separator: " "))"
    }
}

/// Keeps what a stream sends at once, as a client that reads what is ready and hangs up; it
/// refuses past 64 chunks, as a client gone.
private final class CollectingSink: ResponseStreamSink, @unchecked Sendable {
    var chunks: [[UInt8]] = []

    func send(_ bytes: [UInt8]) -> Bool {
        guard chunks.count < 64 else { return false }
        chunks.append(bytes)
        return true
    }

    func finish() {}
}
