import Testing
@testable import Fuzzing

/// The HTTP API targets' own workings: how the `api` target reads its text requests, what the
/// shared Status check refuses, how `http-raw` reads responses back, and that hostile seeds
/// are answered as promised.
@Suite struct APIFuzzTargetTests {
    @Test func aTextRequestReadsAsMethodPathQueryHeadersAndBody() {
        let text = "patch /api/v1/namespaces/default/pods/web%2D1?fieldManager=kubectl+label&dryRun=All HTTP/1.1\r\n"
            + "Content-Type: application/merge-patch+json\r\nno colon here\r\nAccept:application/json\r\n\r\n{\"a\":1}\n\n"
        let request = APIRequestFuzzTarget.request(from: Array(text.utf8))
        #expect(request.method == "PATCH")
        #expect(request.path == "/api/v1/namespaces/default/pods/web-1")
        #expect(request.query.map { "\($0.name)=\($0.value)" } == ["fieldManager=kubectl label", "dryRun=All"])
        #expect(request.headers.map { "\($0.name)=\($0.value)" } == ["content-type=application/merge-patch+json", "accept=application/json"])
        #expect(String(decoding: request.body, as: UTF8.self) == "{\"a\":1}\n\n")
        let empty = APIRequestFuzzTarget.request(from: [])
        #expect(empty.method == "GET" && empty.path == "/" && empty.body.isEmpty)
    }

    private func statusFinding(_ json: String, code: Int) -> String? {
        do throws(FuzzFinding) {
            try FuzzChecks.apiStatus(Array(json.utf8), code: code)
            return nil
        } catch { return error.problem }
    }

    @Test func anErrorBodyMustBeAStatusWithItsOwnCodeAndAMatchingReason() {
        let notFound = #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","code":404}"#
        #expect(statusFinding(notFound, code: 404) == nil)
        #expect(statusFinding(notFound, code: 409)?.contains("another code") == true)
        #expect(statusFinding(notFound.replacingOccurrences(of: "NotFound", with: "Missing"), code: 404)?.contains("never sends") == true)
        #expect(statusFinding(notFound.replacingOccurrences(of: "\"code\":404", with: "\"code\":400").replacingOccurrences(of: "NotFound", with: "Conflict"), code: 400)?
            .contains("sends with [409]") == true)
        #expect(statusFinding(notFound.replacingOccurrences(of: "not found", with: "Optional(1)"), code: 404)?.contains("Swift's description") == true)
        #expect(statusFinding("the server could not find the requested resource", code: 404)?.contains("not JSON") == true)
        #expect(statusFinding(#"{"kind":"Pod","apiVersion":"v1"}"#, code: 404)?.contains("not a v1 Status") == true)
    }

    @Test func responsesReadBackPipelinedChunkedAndHead() throws {
        let bytes = Array(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
            + "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n"  // a HEAD answer: no body follows
            + "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab").utf8)
        let responses = try HTTPResponseReader.responses(in: bytes)
        #expect(responses.map(\.status) == [200, 200, 100, 200, 200])
        #expect(responses[1].bodyOmitted)
        #expect(String(decoding: responses[3].body, as: UTF8.self) == "abc")
        #expect(responses.map(\.complete) == [true, true, true, true, false])
    }

    @Test func brokenResponsesAreFindings() {
        for broken in ["HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{",
                       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\n\r\n",
                       "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n"] {
            #expect(throws: FuzzFinding.self, "\(broken.debugDescription)") { _ = try HTTPResponseReader.responses(in: Array(broken.utf8)) }
        }
    }

    @Test func aLengthOfTwoToTheSixtyIsRefusedAsTheDecoderWordsIt() throws {
        let target = ProtobufBodyFuzzTarget()
        let huge = [1] + ProtobufBodyFuzzTarget.magic + [0x12] + ProtobufBodyFuzzTarget.hugeVarint + [1, 2, 3]
        #expect(try target.run(huge).signature.hasPrefix("refused namespaces BadRequest unexpected"))
    }

    @Test func anObjectWrappedByTheTargetIsTheBodyKubectlSent() throws {
        let target = ProtobufBodyFuzzTarget()
        let captured = try #require(target.seeds.first)
        let raw = try #require(ProtobufBodyFuzzTarget.rawObject(in: Array(captured.dropFirst())))
        #expect(ProtobufBodyFuzzTarget.envelope(apiVersion: "apps/v1", kind: "Deployment", raw: raw) == Array(captured.dropFirst()))
        #expect(target.seeds.contains([0x80] + raw))
    }

    @Test func everySeedOfTheRawTargetKeepsItsPromises() throws {
        let target = RawHTTPFuzzTarget()
        for seed in target.seeds { _ = try target.run(seed) }
    }
}
