#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// State shared with signal handlers. Handlers may only read these plain values (no allocation,
// no locks, no reference counting), so they live in global storage that is touched once from
// ordinary code (`TerminalSignals.prepareGlobals`) before any handler can run.

/// The termios of stdin before ncurses changed it, restored by `TerminalScreen.close` and by
/// the crash handler.
nonisolated(unsafe) var terminalSavedTermios = termios()
/// 1 when `terminalSavedTermios` holds a value read with tcgetattr.
nonisolated(unsafe) var terminalSavedTermiosValid: Int32 = 0
/// 1 while ncurses owns the screen (between `TerminalScreen.init` and `close`).
nonisolated(unsafe) var terminalScreenActive: Int32 = 0
/// The first termination signal received (see `TerminalSignals.terminationSignals`), or 0.
nonisolated(unsafe) var terminalTerminationSignal: Int32 = 0
/// 1 once the handlers are installed.
nonisolated(unsafe) var terminalSignalsInstalled: Int32 = 0
/// 1 after a SIGCONT (the job was stopped and continued), until the main loop takes it.
nonisolated(unsafe) var terminalContinued: Int32 = 0

/// Puts the terminal back the way the shell expects it, using only async-signal-safe calls:
/// the saved termios, then leave the alternate screen, show the cursor, reset attributes and
/// leave keypad-transmit mode.
func terminalEmergencyRestore() {
    guard terminalScreenActive != 0 else { return }
    terminalScreenActive = 0
    if terminalSavedTermiosValid != 0 {
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &terminalSavedTermios)
    }
    let reset: StaticString = "\u{1b}[?1049l\u{1b}[?25h\u{1b}[0m\u{1b}[?1l\u{1b}>"
    _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
}

/// Sets `handler` for `signal` with sigaction; `flags` are SA_* flags.
private func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void, flags: Int32) {
    var action = sigaction()
    #if canImport(Darwin)
    action.__sigaction_u.__sa_handler = handler
    #else
    action.__sigaction_handler.sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = flags
    _ = sigaction(signal, &action, nil)
}

/// The default action for `signal`, set in a handler (async-signal-safe).
private func setDefaultAction(_ signal: Int32) { setDisposition(signal, SIG_DFL) }

/// Sets `signal` to SIG_DFL or SIG_IGN with sigaction (async-signal-safe).
private func setDisposition(_ signal: Int32, _ disposition: (@convention(c) (Int32) -> Void)?) {
    var action = sigaction()
    #if canImport(Darwin)
    action.__sigaction_u.__sa_handler = disposition
    #else
    action.__sigaction_handler.sa_handler = disposition
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    _ = sigaction(signal, &action, nil)
}

/// Signal handling for the dashboard: every signal whose default action would end the process
/// either becomes a clean quit or restores the terminal before the process dies, so the shell
/// never gets back an alternate screen, a hidden cursor and no echo.
public enum TerminalSignals {
    /// Signals that ask the program to quit: they set `terminationRequested`, and the main loop
    /// quits through its ordinary path (terminal restored, recording closed) with status
    /// 128 + n. SIGUSR1, SIGUSR2 and SIGALRM mean nothing to kubesim, and their default action
    /// is to terminate, so whoever sends one expects the program to end: it does, cleanly.
    static let terminationSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM]
    /// Signals that mean a crash (including Swift runtime traps), and SIGQUIT, whose point is to
    /// stop at once and leave a core for debugging: they restore the terminal and then re-raise
    /// with the default action.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGTRAP, SIGFPE, SIGQUIT]
    /// Signals ignored: SIGPIPE only reports a write to a closed pipe or socket, which the
    /// write's own error already says (a closed terminal is noticed as a hang-up).
    static let ignoredSignals: [Int32] = [SIGPIPE]

    /// Installs the handlers (idempotent). SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2 and
    /// SIGALRM set `terminationRequested` (a second one while the first is still pending
    /// restores the terminal and ends the process, in case the main loop is stuck); SIGSEGV,
    /// SIGBUS, SIGILL, SIGABRT, SIGTRAP, SIGFPE and SIGQUIT restore the terminal, then die with
    /// the default action; SIGPIPE is ignored. SIGWINCH is left to ncurses. Call from the main
    /// thread, before or after creating the `TerminalScreen`.
    public static func install() {
        guard terminalSignalsInstalled == 0 else { return }
        prepareGlobals()
        terminalSignalsInstalled = 1
        installAlternateStack()
        // A parent may have started us with signals blocked; the dashboard needs SIGWINCH for
        // resizes and the termination signals to quit cleanly.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for signal in terminationSignals + crashSignals + [SIGWINCH] { sigaddset(&wanted, signal) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        for signal in terminationSignals {
            setHandler(signal, { signal in
                if terminalTerminationSignal != 0 {
                    // Asked twice: the loop is not listening. Restore and die by the signal.
                    terminalEmergencyRestore()
                    setDefaultAction(signal)
                    _ = raise(signal)
                    return
                }
                terminalTerminationSignal = signal
            }, flags: Int32(SA_RESTART))
        }
        for signal in crashSignals {
            setHandler(signal, { signal in
                terminalEmergencyRestore()
                setDefaultAction(signal)
                _ = raise(signal)
            }, flags: Int32(bitPattern: UInt32(SA_NODEFER) | UInt32(SA_RESETHAND) | UInt32(SA_ONSTACK)))
        }
        for signal in ignoredSignals { setDisposition(signal, SIG_IGN) }
        // SIGTSTP is left to ncurses, which gives the shell its modes back before stopping and
        // takes the screen again on SIGCONT; the loop hears of the SIGCONT to redraw and to
        // leave the time spent stopped out of the cluster's clock.
        setHandler(SIGCONT, { _ in terminalContinued = 1 }, flags: Int32(SA_RESTART))
        // Whatever ends the process through exit() with the screen still taken (a library's
        // exit on an error) gives the terminal back too.
        atexit { terminalEmergencyRestore() }
    }

    /// True once after the process was stopped (Ctrl-Z, SIGTSTP) and continued (`fg`, SIGCONT).
    public static func takeContinued() -> Bool {
        guard terminalContinued != 0 else { return false }
        terminalContinued = 0
        return true
    }

    /// True once a termination signal has arrived; the main loop polls it and exits cleanly.
    public static var terminationRequested: Bool { terminalTerminationSignal != 0 }

    /// The termination signal received (SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM), or nil.
    public static var receivedSignal: Int32? {
        terminalTerminationSignal == 0 ? nil : terminalTerminationSignal
    }

    /// The exit status after a termination signal: 128 + its number, as the shell reports a
    /// process the signal killed (SIGTERM 143, SIGHUP 129, SIGINT 130); nil without one.
    public static var exitStatus: Int32? { receivedSignal.map { 128 + $0 } }

    /// Touches every global a handler reads, so their lazy initialisation never runs inside one.
    static func prepareGlobals() {
        _ = terminalSavedTermios
        _ = terminalSavedTermiosValid
        _ = terminalScreenActive
        _ = terminalTerminationSignal
        _ = terminalSignalsInstalled
        _ = terminalContinued
    }

    /// A separate stack for the crash handler, so a stack overflow can still restore the terminal.
    private static func installAlternateStack() {
        let size = 64 * 1024
        guard let memory = malloc(size) else { return }
        var stack = stack_t()
        stack.ss_sp = memory
        stack.ss_size = size
        stack.ss_flags = 0
        if sigaltstack(&stack, nil) != 0 { free(memory) }
    }
}
