import Commands

/// A complete HTTP answer.
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body when it is built whole.
    private var builtBody: [UInt8]
    /// The body when it is encoded a piece at a time as the connection takes it (a list).
    public private(set) var streamedBody: StreamedBody?

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        builtBody = body
    }

    /// The whole body (a streamed one is put together: tests and small answers).
    public var body: [UInt8] {
        get { streamedBody?.collect() ?? builtBody }
        set {
            builtBody = newValue
            streamedBody = nil
        }
    }

    /// An answer whose body is streamed.
    public static func streamed(_ body: StreamedBody, status: Int = 200, contentType: String = "application/json") -> APIResponse {
        var response = APIResponse(status: status, headers: [("Content-Type", contentType)])
        response.streamedBody = body
        return response
    }

    /// A JSON body (`Content-Type: application/json` unless `contentType` says otherwise).
    public static func json(_ value: JSONValue, status: Int = 200, contentType: String = "application/json") -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", contentType)], body: value.compactJSONBytes())
    }

    public var contentType: String? { headers.first { $0.name.lowercased() == "content-type" }?.value }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Where a streamed answer (a watch) is written. The HTTP layer implements it; the API layer
/// calls it on the cluster's thread.
public protocol ResponseStreamSink: AnyObject, Sendable {
    /// Queues one chunk. Returns false when the client has gone or fallen too far behind: the
    /// stream is over and the caller stops writing (the API server closes slow watchers).
    func send(_ bytes: [UInt8]) -> Bool
    /// Ends the response (the zero-length chunk).
    func finish()
}

/// An answer that keeps writing after its head: a watch.
public final class StreamingReply: @unchecked Sendable {
    /// Status and headers; the body is streamed.
    public let head: APIResponse
    /// Wall-clock seconds after which the HTTP layer ends the stream (`timeoutSeconds`).
    public let timeoutSeconds: Double?
    /// Called once on the cluster's thread with the sink to write to.
    public let start: (any ResponseStreamSink) -> Void
    /// Called once on the cluster's thread when the stream ends for any reason (client gone,
    /// timeout, server stopping), so the producer unregisters.
    public let stop: () -> Void

    public init(head: APIResponse, timeoutSeconds: Double?, start: @escaping (any ResponseStreamSink) -> Void, stop: @escaping () -> Void) {
        self.head = head
        self.timeoutSeconds = timeoutSeconds
        self.start = start
        self.stop = stop
    }
}

public enum APIReply: Sendable {
    case response(APIResponse)
    case stream(StreamingReply)

    /// The complete response, if this is one (tests).
    public var response: APIResponse? { if case .response(let r) = self { r } else { nil } }
}
