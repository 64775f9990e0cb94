import LLMPersona
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `persona build` does when it is interrupted (Ctrl-C, SIGINT; or SIGTERM):
/// remove the temporaries it has staged, then exit with the conventional
/// status, 128 plus the signal's number (130, 143).
enum Interruption {
    /// Blocks SIGINT and SIGTERM in the calling thread, and so in every thread it
    /// starts afterwards, and starts one thread that waits for them. Call it first
    /// thing, before any other thread is started.
    static func removeOnSignal(_ temporaries: StagedTemporaries) {
        var signals = Self.signals()
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        // The waiting thread holds one reference to the registry for as long as the
        // process lives; it never returns, so it is not joined.
        let context = Unmanaged.passRetained(temporaries).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        pthread_create(&thread, nil, waitForSignal, context)
    }

    /// The waiting thread's work: on SIGINT or SIGTERM, waits for renames in progress,
    /// removes what is staged, refuses new temporaries, and ends the process.
    fileprivate static func removeAndExit(_ temporaries: StagedTemporaries) -> Never {
        var signals = Self.signals()
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        temporaries.removeAll()
        _exit(128 + received)
    }

    private static func signals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}

/// The waiting thread (`pthread_create`'s start routine); its argument is the registry.
#if canImport(Glibc)
private func waitForSignal(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    Interruption.removeAndExit(Unmanaged<StagedTemporaries>.fromOpaque(context).takeUnretainedValue())
}
#else
private func waitForSignal(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Interruption.removeAndExit(Unmanaged<StagedTemporaries>.fromOpaque(context).takeUnretainedValue())
}
#endif
