import Foundation
import Testing
@testable import Commands

/// A file a user names for kubesim to write is written in place, as a shell's `>` writes it:
/// whatever is at the path stays there (a symlink stays a link, a device stays a device — an
/// atomic write had replaced /dev/null with a regular file when run as root).
@Suite struct OutputFileTests {
    @Test func writesThroughWhatIsAtThePathAndTruncatesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.cast")
        try Data("an older and much longer recording\n".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.cast")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

        try OutputFile.write(Data("new\n".utf8), to: link.path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")

        let fresh = folder.appendingPathComponent("fresh.yaml")
        try OutputFile.write(Data("a: b\n".utf8), to: fresh.path)
        #expect(try String(contentsOf: fresh, encoding: .utf8) == "a: b\n")
    }

    @Test func aPathThatCannotBeWrittenSaysWhy() {
        #expect(throws: OutputFile.CannotWrite(path: "/nonexistent/dir/out.yaml", reason: "No such file or directory")) {
            try OutputFile.write(Data(), to: "/nonexistent/dir/out.yaml")
        }
    }
}
