#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Keeps the input being fed where a signal handler can reach it, so an input that crashes the
/// process (a trap, a bad access, a stack overflow on deep nesting) or hangs it is saved to a
/// file before the process dies. The handler only calls async-signal-safe functions (open,
/// write, close, raise) on memory allocated up front, and runs on its own stack so that a stack
/// overflow can still be reported.
public enum FuzzCrashRecorder {
    nonisolated(unsafe) private static var buffer: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var capacity = 0
    nonisolated(unsafe) private static var length = 0
    nonisolated(unsafe) private static var crashPath: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var crashMessage: UnsafeMutablePointer<CChar>?
    /// The handlers that were there before (Swift's backtracer), put back before re-raising.
    nonisolated(unsafe) private static var previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 64)
    private static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Installs the handlers; a crash writes the input being fed to `path`.
    public static func install(path: String, capacity: Int) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
        crashPath = strdup(path)
        crashMessage = strdup("kubesim fuzz: the process crashed on an input; it is saved in \(path)\n")
        // Swift's backtracer may have given this thread a signal stack already; it needs it.
        var existing = stack_t()
        sigaltstack(nil, &existing)
        if existing.ss_flags & Int32(SS_DISABLE) != 0 {
            let stackSize = 1 << 18
            var stack = stack_t()
            stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 16)
            stack.ss_size = stackSize
            stack.ss_flags = 0
            sigaltstack(&stack, nil)
        }
        for signal in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = onCrash
            #else
            action.__sigaction_u.__sa_handler = onCrash
            #endif
            action.sa_flags = Int32(SA_ONSTACK)
            sigaction(signal, &action, previous + Int(signal))
        }
    }

    /// Copies `input` where the handler finds it (a memcpy: cheap enough for every input).
    static func hold(_ input: [UInt8]) {
        guard let buffer else { return }
        length = min(input.count, capacity)
        input.withUnsafeBufferPointer { memcpy(buffer, $0.baseAddress!, length) }
    }

    /// Writes the input being fed to `path` (the watchdog's way, for an input that hangs).
    static func save(to path: String) {
        guard let buffer else { return }
        FileManager.default.createFile(atPath: path, contents: Data(bytes: buffer, count: length))
    }

    private static let onCrash: @convention(c) (Int32) -> Void = { signal in
        if let path = FuzzCrashRecorder.crashPath, let buffer = FuzzCrashRecorder.buffer {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd >= 0 {
                _ = write(fd, buffer, FuzzCrashRecorder.length)
                close(fd)
            }
        }
        if let message = FuzzCrashRecorder.crashMessage { _ = write(2, message, strlen(message)) }
        // The previous handler (Swift's backtracer, else the default) then ends the process as
        // the signal would have, with its exit status.
        sigaction(signal, FuzzCrashRecorder.previous + Int(signal), nil)
        raise(signal)
    }
}
