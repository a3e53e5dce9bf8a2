import Foundation

/// Text snapshots for tests: compares `actual` with `__Snapshots__/NAME.txt` beside the test
/// file. With KUBESIM_RECORD_SNAPSHOTS=1 it (re)writes the file instead. Returns a description
/// of the difference, or nil when they match, so any test framework can assert on it.
public func snapshotMismatch(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
    let directory = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).txt")
    if ProcessInfo.processInfo.environment["KUBESIM_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        return nil
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        return "no snapshot at \(file.path); run with KUBESIM_RECORD_SNAPSHOTS=1 to record it"
    }
    if expected == actual { return nil }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, e.count) {
        let got = i < a.count ? String(a[i]) : "<end>"
        let want = i < e.count ? String(e[i]) : "<end>"
        if got != want {
            return "snapshot \(name) differs at line \(i + 1):\n  expected: \(want.debugDescription)\n  actual:   \(got.debugDescription)"
        }
    }
    return "snapshot \(name) differs"
}
