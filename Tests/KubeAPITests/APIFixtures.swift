import Cluster
import Commands
import Foundation
import Testing
@testable import KubeAPI

/// A simulated cluster with the API in front of it, driven by the headless kubectl and the
/// virtual clock, as `kubesim serve` would hold them.
final class APICluster {
    let session: Session
    let api: KubeAPIHandler
    var cluster: Cluster { session.cluster }
    var store: Store { session.cluster.store }

    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

    init(seed: UInt64 = 1, systemPods: Bool = false) throws {
        let cluster = Cluster(seed: seed)
        if systemPods { try SystemComponents.install(into: cluster) }
        session = Session(cluster: cluster)
        api = KubeAPIHandler(cluster: cluster)
    }

    /// Runs a kubesim command line (`kubectl create deployment …`) to completion.
    @discardableResult
    func run(_ line: String) -> CommandOutput { session.runToCompletion(line) }

    func advance(_ seconds: Double) { cluster.advance(by: .seconds(seconds)) }

    func get(_ target: String, accept: String? = nil) -> APIResponse {
        let headers = accept.map { [(name: "Accept", value: $0)] } ?? []
        guard let response = api.handle(APIRequest(method: "GET", target: target, headers: headers)).response else {
            Issue.record("GET \(target) streamed")
            return APIResponse(status: 0)
        }
        return response
    }

    func json(_ target: String, accept: String? = nil) throws -> JSONValue {
        try JSONParser.parse(get(target, accept: accept).body)
    }

    /// Opens a watch and starts it on a sink that keeps every line.
    func watch(_ target: String, accept: String? = nil, sink: LineSink = LineSink()) throws -> (StreamingReply, LineSink) {
        let headers = accept.map { [(name: "Accept", value: $0)] } ?? []
        let reply = api.handle(APIRequest(method: "GET", target: target, headers: headers))
        guard case .stream(let stream) = reply else {
            throw WatchRefused(response: reply.response)
        }
        stream.start(sink)
        return (stream, sink)
    }
}

struct WatchRefused: Error { var response: APIResponse? }

/// What the HTTP layer would write: one line per `send`.
final class LineSink: ResponseStreamSink, @unchecked Sendable {
    var lines: [String] = []
    var finished = false
    /// Sends this many lines, then refuses (a client that went away).
    var capacity = Int.max

    func send(_ bytes: [UInt8]) -> Bool {
        guard lines.count < capacity else { return false }
        lines.append(String(decoding: bytes, as: UTF8.self))
        return true
    }

    func finish() { finished = true }

    var events: [JSONValue] { lines.compactMap { try? JSONParser.parse($0) } }
    var types: [String] { events.map { $0["type"]?.text ?? "" } }
    /// `TYPE name` for each event (bookmarks and errors without a name).
    var summary: [String] {
        events.map { event in
            let name = event["object"]?["metadata"]?["name"]?.text
            return [event["type"]?.text ?? "", name].compactMap { $0 }.joined(separator: " ")
        }
    }
    func clear() { lines = [] }
}

extension JSONValue {
    var text: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        default: nil
        }
    }
    var items: [JSONValue] { if case .array(let a) = self { a } else { [] } }
    var names: [String] { (self["items"]?.items ?? []).compactMap { $0["metadata"]?["name"]?.text } }
}

/// What kubectl's table printer (cli-runtime printers/tableprinter.go) prints from a server-side
/// Table: column names upper-cased, priority-1 columns only for `-o wide`, NAMESPACE from each
/// row's object with `-A`, LABELS from it with `--show-labels`, cells verbatim.
func kubectlPrint(_ table: JSONValue, wide: Bool = false, withNamespace: Bool = false, showLabels: Bool = false) -> String {
    // An empty list prints "No resources found" to standard error instead.
    guard !(table["rows"]?.items ?? []).isEmpty else { return "" }
    let columns = table["columnDefinitions"]?.items ?? []
    let shown = columns.indices.filter { wide || columns[$0]["priority"] == .int(0) }
    var header = shown.map { (columns[$0]["name"]?.text ?? "").uppercased() }
    if withNamespace { header.insert("NAMESPACE", at: 0) }
    if showLabels { header.append("LABELS") }
    var rows = [header]
    for row in table["rows"]?.items ?? [] {
        let cells = row["cells"]?.items ?? []
        var line = shown.map { cells[$0].text ?? "" }
        let metadata = row["object"]?["metadata"]
        if withNamespace { line.insert(metadata?["namespace"]?.text ?? "", at: 0) }
        if showLabels {
            var labels: [String: String] = [:]
            if case .object(let pairs)? = metadata?["labels"] { for (k, v) in pairs { labels[k] = v.text ?? "" } }
            line.append(ResourceTables.labelsText(labels))
        }
        rows.append(line)
    }
    return TabWriter.format(rows)
}
