import Foundation
import Testing

/// The real kubectl of a given minor version, as installed beside the gcloud SDK's kubectl
/// (`kubectl.1.33` …; `kubectl` on PATH is a dispatcher). Tests skip with a message when it
/// is missing — unless KUBESIM_REQUIRE_E2E=1 (CI), where a missing kubectl fails them.
struct RealKubectl {
    let path: String
    let version: String

    /// `kubectl.<version>` on PATH or in the gcloud SDK's bin folder beside the kubectl on PATH;
    /// for the newest version, plain `kubectl` as a last resort.
    static func locate(version: String = "1.33") -> RealKubectl? {
        let fileManager = FileManager.default
        let pathDirectories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        var directories = pathDirectories
        for directory in pathDirectories {
            let kubectl = directory + "/kubectl"
            guard fileManager.isExecutableFile(atPath: kubectl) else { continue }
            let resolved = URL(fileURLWithPath: kubectl).resolvingSymlinksInPath()
            directories.append(resolved.deletingLastPathComponent().path)
        }
        directories += ["/usr/lib/google-cloud-sdk/bin", "/google/google-cloud-sdk/bin", "/opt/google-cloud-sdk/bin"]
        for directory in directories {
            let candidate = directory + "/kubectl." + version
            if fileManager.isExecutableFile(atPath: candidate) { return RealKubectl(path: candidate, version: version) }
        }
        if version == "1.33" {
            for directory in pathDirectories where fileManager.isExecutableFile(atPath: directory + "/kubectl") {
                return RealKubectl(path: directory + "/kubectl", version: version)
            }
        }
        return nil
    }

    static var required: Bool { ProcessInfo.processInfo.environment["KUBESIM_REQUIRE_E2E"] == "1" }

    /// The kubectl to test with, or nil after saying why the test does not run (a skip note,
    /// or a failure when KUBESIM_REQUIRE_E2E=1).
    static func forTest(version: String = "1.33") -> RealKubectl? {
        if let found = locate(version: version) { return found }
        let message = "kubectl.\(version) was not found (on PATH or beside the gcloud SDK's kubectl): skipping the test that needs it"
        if required {
            Issue.record("\(message) — but KUBESIM_REQUIRE_E2E=1 requires it")
        } else {
            print("note: \(message)")
        }
        return nil
    }
}
