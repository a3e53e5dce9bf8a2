import Foundation

/// The API server reaches a pod's kubelet for its log (LogLocation:
/// `GET https://NODE-IP:10250/containerLogs/NS/POD/CONTAINER?…`) and for port-forward. On a
/// node that is down nothing answers that connection, as nothing answers the pods' own
/// (PodRequest), and the API server's dial times out.
extension Cluster {
    /// The error the API server returns for `request` (a Status with no reason, code 500, whose
    /// message is Go's error for the failed GET) when the pod's node is down, or NotFound when
    /// the Node is gone (it looks the node's address up first); nil when its kubelet answers, or
    /// when the pod is on no node (there is nothing to read then).
    public func kubeletLogAccessError(_ pod: Pod, _ request: LogRequest, follow: Bool) -> APIError? {
        let node = pod.spec.nodeName
        if !node.isEmpty && store.get(Node.self, node) == nil { return APIError.notFound(.node, node) }
        guard let dial = kubeletDialError(onNode: node) else { return nil }
        let address = kubeletAddress(pod.spec.nodeName)
        // url.Values.Encode: the set options, keys in byte order.
        var query: [(String, String)] = []
        if follow { query.append(("follow", "true")) }
        if let limit = request.limitBytes { query.append(("limitBytes", String(limit))) }
        if request.previous { query.append(("previous", "true")) }
        if let seconds = request.sinceSeconds { query.append(("sinceSeconds", String(seconds))) }
        if let time = request.sinceTime { query.append(("sinceTime", CalendarTime.rfc3339(time).replacingOccurrences(of: ":", with: "%3A"))) }
        if let tail = request.tailLines { query.append(("tailLines", String(tail))) }
        if request.timestamps { query.append(("timestamps", "true")) }
        let url = "https://\(address):10250/containerLogs/\(pod.metadata.namespace)/\(pod.name)/\(request.container)"
            + (query.isEmpty ? "" : "?" + query.map { "\($0)=\($1)" }.joined(separator: "&"))
        return APIError(.unknown, "Get \"\(url)\": \(dial)")
    }

    /// Go's error for the API server's connection to the kubelet of `node` (logs, port-forward)
    /// when the node is down; nil when it answers or the name is empty (no node).
    public func kubeletDialError(onNode node: String) -> String? {
        guard !node.isEmpty, !kubeletIsRunning(node) else { return nil }
        return "dial tcp \(kubeletAddress(node)):10250: i/o timeout"
    }

    /// The address the API server dials for a node's kubelet: its InternalIP.
    private func kubeletAddress(_ node: String) -> String { store.get(Node.self, node)?.status.internalIP ?? node }
}
