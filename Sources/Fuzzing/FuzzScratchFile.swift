#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file in a target's own temporary folder that each input is written to, as a user's file
/// would be read: written in place with one system call (Foundation's writes sync the disk,
/// which would cost more than the input), and the folder removed with the target.
final class FuzzScratchFile {
    private let folder: URL
    let path: String

    init(target: String, name: String) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-fuzz-\(target)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var url: URL { URL(fileURLWithPath: path) }

    /// Replaces the file's bytes with `bytes`.
    func write(_ bytes: [UInt8]) throws(FuzzFinding) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FuzzFinding("could not open \(path) to write the input") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, bytes.count - written) }
            guard count > 0 else { throw FuzzFinding("could not write the input to \(path)") }
            written += count
        }
    }
}

// The C call, named apart from FuzzScratchFile's own `write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, buffer, count) }
