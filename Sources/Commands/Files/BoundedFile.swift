#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file a user named (a manifest, a scenario, a theme, the history) without trusting
/// its size: a regular file over `limit` is refused from its size before a byte is read, and
/// anything else — a device like /dev/zero that never ends, a terminal or a pipe that may never
/// send anything — is refused outright, since the simulation runs on one thread and cannot wait.
public enum BoundedFile {
    public enum Failure: Error, Equatable {
        case missing
        /// A folder, device, pipe or socket: what kind, as a person would say it.
        case notRegular(String)
        case tooLarge(bytes: Int)
        /// The system refused (`operation` is open, seek or read); `reason` in Go's words
        /// (`permission denied`), as kubectl prints an os error.
        case unreadable(operation: String, reason: String)
    }

    /// The whole file, when it is a regular file of at most `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let file = try openRegular(path)
        defer { close(file.descriptor) }
        if file.size > limit { throw .tooLarge(bytes: file.size) }
        // A file that grows while read (a log being written) stops at the limit all the same.
        return try readBytes(file.descriptor, upTo: limit + 1, limit: limit)
    }

    /// The last `limit` bytes of a regular file, and whether that is all of it: for files whose
    /// newest lines are the ones worth keeping.
    public static func tail(_ path: String, limit: Int) throws(Failure) -> (bytes: [UInt8], isWhole: Bool) {
        let file = try openRegular(path)
        defer { close(file.descriptor) }
        if file.size > limit, lseek(file.descriptor, off_t(file.size - limit), SEEK_SET) < 0 {
            throw .unreadable(operation: "seek", reason: reason(errno))
        }
        let bytes = try readBytes(file.descriptor, upTo: limit + 1, limit: Int.max)
        return (Array(bytes.suffix(limit)), file.size <= limit && bytes.count <= limit)
    }

    private static func openRegular(_ path: String) throws(Failure) -> (descriptor: Int32, size: Int) {
        // Non-blocking, so that opening a pipe nobody writes to returns at once; only regular
        // files are read, and for those the flag changes nothing.
        let descriptor = systemOpen(path)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing }
            throw .unreadable(operation: "open", reason: reason(code))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .unreadable(operation: "stat", reason: reason(code))
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(descriptor)
            throw .notRegular(kindName(type))
        }
        return (descriptor, Int(status.st_size))
    }

    private static func readBytes(_ descriptor: Int32, upTo most: Int, limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < most {
            let wanted = min(chunk.count, most - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(operation: "read", reason: reason(errno))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        if bytes.count > limit { throw .tooLarge(bytes: bytes.count) }
        return bytes
    }

    /// strerror's text with Go's lower-case first letter (`Permission denied` → `permission denied`).
    private static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    private static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a pipe"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}

// The C calls, named apart from BoundedFile's own `read`.
private func systemOpen(_ path: String) -> Int32 { open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, buffer, count) }

extension BoundedFile.Failure {
    /// Why, in a few words, for messages that name the file themselves.
    public func explanation(limit: Int) -> String {
        switch self {
        case .missing: "no such file"
        case .notRegular(let kind): "it is \(kind), not a file"
        case .tooLarge: "it is larger than \(BoundedFile.size(limit)), the most kubesim reads"
        case let .unreadable(operation, reason): "\(operation): \(reason)"
        }
    }
}

extension BoundedFile {
    /// A limit as people write it: `16 MiB`, `512 KiB`.
    public static func size(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MiB" : "\(bytes / 1024) KiB"
    }
}
