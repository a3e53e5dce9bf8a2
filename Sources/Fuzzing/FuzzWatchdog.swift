import Foundation

/// Ends the run when one input has been fed for longer than `limit`: a hang cannot be
/// interrupted from inside, so the watchdog saves the input and exits with status 3.
public final class FuzzWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var startedAt: Date?
    private let limit: TimeInterval
    private let hangPath: String

    public init(limit: TimeInterval, hangPath: String) {
        self.limit = limit
        self.hangPath = hangPath
        let thread = Thread { [self] in watch() }
        thread.name = "fuzz-watchdog"
        thread.start()
    }

    func started() { lock.withLock { startedAt = Date() } }
    func finished() { lock.withLock { startedAt = nil } }

    private func watch() {
        while true {
            Thread.sleep(forTimeInterval: min(1, limit / 4))
            let since = lock.withLock { startedAt }
            guard let since, Date().timeIntervalSince(since) > limit else { continue }
            FuzzCrashRecorder.save(to: hangPath)
            FileHandle.standardError.write(Data("kubesim fuzz: an input has run for more than \(String(format: "%g", limit)) s; it is saved in \(hangPath)\n".utf8))
            exit(3)
        }
    }
}
