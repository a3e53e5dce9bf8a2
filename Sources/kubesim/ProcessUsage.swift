import Foundation

/// What the benchmarks read of this process's resource use (getrusage).
enum ProcessUsage {
    /// User and system CPU time so far, in seconds.
    static func cpuSeconds() -> Double {
        let usage = current()
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The largest resident size so far, in MiB (ru_maxrss is in KiB on Linux).
    static func peakMiB() -> Double { Double(current().ru_maxrss) / 1024 }

    private static func current() -> rusage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage
    }
}
