import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a user names for kubesim to write (`--record FILE`, `export --output FILE`): opened
/// and truncated in place, as a shell's `>` does. Foundation's `createFile` and atomic writes
/// put a new file in its place instead, which as root replaced `/dev/null` with a regular file
/// and would turn a symlink into a copy.
public enum OutputFile {
    public struct CannotWrite: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \"\(path)\": \(reason)" }
    }

    /// Opens `path` for writing, created (mode 0644 less the umask) or truncated.
    public static func open(_ path: String) throws -> FileHandle {
        let descriptor = systemOpenForWriting(path)
        guard descriptor >= 0 else { throw CannotWrite(path: path, reason: String(cString: strerror(errno))) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Writes `data` as the whole of `path`.
    public static func write(_ data: Data, to path: String) throws {
        let handle = try open(path)
        defer { try? handle.close() }
        do { try handle.write(contentsOf: data) } catch { throw CannotWrite(path: path, reason: "\(error)") }
    }
}

/// open(2) for writing, outside `OutputFile`, whose own `open` would be found first.
private func systemOpenForWriting(_ path: String) -> Int32 { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
