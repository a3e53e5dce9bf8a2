/// The line an application writes for each request it answers: nginx's combined format for
/// nginx images, a structured line otherwise (matching `StartupLog`).
enum AccessLog {
    /// Where a simulated application listens when its container declares no port.
    static let defaultPort = 80

    static func line(image: String, request: PodRequest, status: Int, bytes: Int, at time: SimTime) -> String {
        if ImageReference.shortName(image) == "nginx" {
            return "\(request.clientAddress) - - [\(nginxAccessStamp(time))] \"\(request.method) \(request.path) HTTP/1.1\" \(status) \(bytes) \"-\" \"\(request.userAgent)\" \"-\""
        }
        return "time=\"\(CalendarTime.rfc3339(time))\" level=info msg=\"request\" method=\(request.method) path=\(request.path) status=\(status) bytes=\(bytes) remote=\(request.clientAddress)"
    }

    /// nginx's `$time_local` in UTC: `01/Sep/2024:11:24:17 +0000`.
    private static func nginxAccessStamp(_ time: SimTime) -> String {
        let c = CalendarTime.components(time)
        let months = CalendarTime.monthNames
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(c.day))/\(months[c.month - 1])/\(c.year):\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}
