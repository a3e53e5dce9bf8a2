import Testing
@testable import Cluster
@testable import Commands
@testable import KubeAPI

/// `GET pods/NAME/log`: the text the kubelet would send, the API server's refusals, and a
/// follow that streams each new line and ends when the container stops.
@Suite struct PodLogTests {
    private func runningPod(_ c: APICluster, app: String) throws -> Pod {
        #expect(c.cluster.advance(until: {
            c.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": app])).first?.isReady ?? false
        }, timeout: .seconds(60)))
        return try #require(c.store.list(Pod.self, selector: LabelSelector(matchLabels: ["app": app])).first)
    }

    @Test func theLogIsPlainTextWithTheQueryApplied() throws {
        let c = try APICluster()
        c.run("kubectl create deployment web --image=nginx:1.27")
        let pod = try runningPod(c, app: "web")
        let path = "/api/v1/namespaces/default/pods/\(pod.name)/log"
        let whole = c.get(path)
        #expect(whole.status == 200)
        #expect(whole.contentType == "text/plain")
        #expect(whole.bodyText == c.run("kubectl logs \(pod.name)").stdout)
        let lines = whole.bodyText.split(separator: "\n")
        #expect(c.get(path + "?tailLines=2").bodyText == lines.suffix(2).joined(separator: "\n") + "\n")
        #expect(c.get(path + "?limitBytes=5").bodyText == String(whole.bodyText.prefix(5)))
        #expect(c.get(path + "?container=nginx&timestamps=true").bodyText.hasPrefix("20"))
        #expect(c.get(path + "?previous=true").status == 400)
        #expect(c.get(path + "?previous=true").bodyText.contains("previous terminated container \\\"nginx\\\" in pod \\\"\(pod.name)\\\" not found"))
        #expect(c.get(path + "?container=other").bodyText.contains("container other is not valid for pod \(pod.name)"))
        #expect(c.get(path + "?tailLines=x").status == 400)
        // sinceSeconds counts back from now; sinceTime is an instant; not both.
        c.cluster.advance(by: .seconds(120))
        #expect(c.get(path + "?sinceSeconds=60").bodyText == "")
        #expect(c.get(path + "?sinceSeconds=600").bodyText == whole.bodyText)
        let later = CalendarTime.rfc3339(c.cluster.now + .seconds(-60))
        #expect(c.get(path + "?sinceTime=\(later)").bodyText == "")
        #expect(c.get(path + "?sinceTime=\(CalendarTime.rfc3339(.zero))").bodyText == whole.bodyText)
        #expect(c.get(path + "?sinceTime=soon").status == 400)
        #expect(c.get(path + "?sinceTime=\(later)&sinceSeconds=5").status == 400)
        #expect(c.get("/api/v1/namespaces/default/pods/nope/log").status == 404)
    }

    @Test func aPodOfSeveralContainersNeedsOneNamed() throws {
        let c = try APICluster()
        c.run("kubectl create deployment two --image=nginx:1.27 --image=busybox:1.36")
        let pod = try runningPod(c, app: "two")
        let answer = c.get("/api/v1/namespaces/default/pods/\(pod.name)/log")
        #expect(answer.status == 400)
        #expect(answer.bodyText.contains("a container name must be specified for pod \(pod.name), choose one of: [nginx busybox]"))
        #expect(c.get("/api/v1/namespaces/default/pods/\(pod.name)/log?container=busybox").bodyText.contains("starting busybox"))
    }

    @Test func followStreamsNewLinesUntilTheContainerStops() throws {
        let c = try APICluster()
        c.run("kubectl create deployment web --image=nginx:1.27")
        let pod = try runningPod(c, app: "web")
        let reply = c.api.handle(APIRequest(method: "GET", target: "/api/v1/namespaces/default/pods/\(pod.name)/log?follow=true&tailLines=1", headers: []))
        guard case .stream(let stream) = reply else { Issue.record("not streamed"); return }
        let sink = LineSink()
        stream.start(sink)
        #expect(sink.lines.count == 1)
        #expect(c.api.podLogs.followCount == 1)
        c.cluster.logs.append("GET / 200", podUID: pod.metadata.uid, container: "nginx", at: c.cluster.now)
        #expect(sink.lines.last == "GET / 200\n")
        c.run("sim crash pod/\(pod.name)")
        #expect(sink.lines.last == "fatal: exiting with code 1\n")
        #expect(sink.finished)
        #expect(c.api.podLogs.followCount == 0)
    }

    /// On a failed node the kubelet does not answer: a Failure Status, code 500 with no reason,
    /// whose message is the dial error (kubectl prints it after `Error from server: `).
    @Test func aPodOnAFailedNodeAnswersTheDialError() throws {
        let c = try APICluster()
        c.run("kubectl create deployment web --image=nginx:1.27")
        let pod = try runningPod(c, app: "web")
        c.run("sim fail \(pod.spec.nodeName)")
        let ip = try #require(c.store.get(Node.self, pod.spec.nodeName)?.status.internalIP)
        let reply = c.get("/api/v1/namespaces/default/pods/\(pod.name)/log?follow=true")
        #expect(reply.status == 500)
        #expect(reply.bodyText.contains(#""status":"Failure""#))
        #expect(reply.bodyText.contains(#""reason""#) == false)
        #expect(reply.bodyText.contains("Get \\\"https://\(ip):10250/containerLogs/default/\(pod.name)/nginx?follow=true\\\": dial tcp \(ip):10250: i/o timeout"))
    }

}
