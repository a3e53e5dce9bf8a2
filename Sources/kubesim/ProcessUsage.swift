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

    /// The resident size now, in MiB (from /proc/self/statm; 0 where there is none).
    static func currentMiB() -> Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    private static func current() -> rusage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage
    }
}
