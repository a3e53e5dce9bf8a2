#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import Cluster
@testable import Commands

/// Makes `path` `size` bytes long without writing them (a sparse file): a huge file in no time.
func sparselyExtend(_ path: String, to size: Int) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: UInt64(size))
    try handle.close()
}

/// `-f` reads at most 16 MiB from a file and only regular files: a huge manifest used to take
/// seconds and hundreds of megabytes, and /dev/zero would have been read forever.
@Suite struct ManifestFileBoundsTests {
    @Test func aFileOverTheLimitIsRefusedFromItsSizeAndChangesNothing() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("huge.yaml", SampleManifests.deployment(name: "huge"))
        try sparselyExtend(file, to: ManifestReader.maxFileBytes + 1)
        let shell = Shell()
        let before = clusterFingerprint(shell)
        let output = shell.run("apply -f \(file)")
        #expect(output.stderr == "error: the file \"\(file)\" is larger than 16 MiB, the most kubesim reads from one manifest file\n")
        #expect(output.stdout.isEmpty)
        #expect(clusterFingerprint(shell) == before)
    }

    @Test func aFileAtTheLimitIsReadWholeAndOneByteMoreIsNot() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("ten.txt", "0123456789")
        #expect(try BoundedFile.read(file, limit: 10) == Array("0123456789".utf8))
        #expect(throws: BoundedFile.Failure.tooLarge(bytes: 10)) { try BoundedFile.read(file, limit: 9) }
        #expect(throws: BoundedFile.Failure.missing) { try BoundedFile.read(file + "x", limit: 9) }
        // The tail keeps the newest bytes and says it is not the whole file.
        let tail = try BoundedFile.tail(file, limit: 4)
        #expect(tail.bytes == Array("6789".utf8) && !tail.isWhole)
        #expect(try BoundedFile.tail(file, limit: 10).isWhole)
    }

    @Test func devicesAndPipesAreRefusedWithoutWaiting() throws {
        let shell = Shell()
        #expect(shell.run("apply -f /dev/zero").stderr == "error: the path \"/dev/zero\" is a character device, not a file: kubesim reads manifests from files and folders\n")
        let folder = try ManifestFolder()
        // A pipe nobody writes to: opening it to read would wait for a writer forever.
        let pipe = folder.url.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(shell.run("apply -f \(pipe)").stderr == "error: the path \"\(pipe)\" is a pipe, not a file: kubesim reads manifests from files and folders\n")
        // In a folder too.
        #expect(shell.run("apply -f \(folder.url.path)").stderr.contains("is a pipe, not a file"))
    }

    @Test func anUnreadableFileSaysWhyInGosWords() throws {
        guard getuid() != 0 else { return } // root reads every file
        let folder = try ManifestFolder()
        let file = try folder.write("secret.yaml", SampleManifests.deployment())
        #expect(chmod(file, 0) == 0)
        #expect(Shell().run("apply -f \(file)").stderr == "error: open \(file): permission denied\n")
    }
}
