import Foundation

/// The lines a container's application writes as it starts and when it exits: nginx's
/// entrypoint and notices for nginx images, a generic application's otherwise. Worker process
/// numbers come from the container id, so a run with the same seed writes the same lines.
enum StartupLog {
    /// A container's start-up lines, kept as what makes them, with the line numbers they have:
    /// most are never read, and a build-up of 150,000 pods would otherwise spend a twentieth of
    /// its time (and a hundred megabytes) writing them.
    struct Deferred: Sendable {
        let image, containerID: String
        let port: Int
        let time: SimTime
        let firstSequence: Int

        var count: Int { StartupLog.lineCount(image: image) }

        var lines: [LogLine] {
            StartupLog.lines(image: image, containerID: containerID, port: port, at: time).enumerated().map {
                LogLine(time: time, text: $0.element, sequence: firstSequence + $0.offset)
            }
        }
    }

    /// How many lines `lines(image:…)` gives (the tests hold the two together).
    static func lineCount(image: String) -> Int { ImageReference.shortName(image) == "nginx" ? 11 : 3 }

    static func lines(image: String, containerID: String, port: Int = AccessLog.defaultPort, at time: SimTime) -> [String] {
        let name = ImageReference.shortName(image)
        let tag = ImageReference.tag(image)
        let pid = 20 + Int(StableHash.fnv1a(containerID) % 40)
        if name == "nginx" {
            let stamp = nginxStamp(time)
            let version = tag.first?.isNumber == true ? tag.split(separator: "-").first.map(String.init) ?? tag : "1.27.3"
            return [
                "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                "/docker-entrypoint.sh: Configuration complete; ready for start up",
                "\(stamp) [notice] 1#1: using the \"epoll\" event method",
                "\(stamp) [notice] 1#1: nginx/\(version)",
                "\(stamp) [notice] 1#1: start worker processes",
                "\(stamp) [notice] 1#1: start worker process \(pid)",
                "\(stamp) [notice] 1#1: start worker process \(pid + 1)",
            ]
        }
        let stamp = CalendarTime.rfc3339(time)
        return [
            "time=\"\(stamp)\" level=info msg=\"starting \(name)\" version=\(tag) pid=1",
            "time=\"\(stamp)\" level=info msg=\"loaded configuration\" workers=2",
            "time=\"\(stamp)\" level=info msg=\"listening\" address=\":\(port)\"",
        ]
    }

    /// The application's last line when its process exits by itself.
    static func exitLine(exitCode: Int) -> String {
        exitCode == 0 ? "exiting: work complete" : "fatal: exiting with code \(exitCode)"
    }

    /// nginx's error-log time: `2024/09/01 11:24:17`.
    private static func nginxStamp(_ time: SimTime) -> String {
        let iso = CalendarTime.rfc3339(time)   // 2024-09-01T11:24:17Z
        return String(iso.prefix(10)).replacingOccurrences(of: "-", with: "/") + " " + String(iso.dropFirst(11).prefix(8))
    }
}
