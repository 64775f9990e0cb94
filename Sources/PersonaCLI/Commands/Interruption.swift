import Foundation
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
        let waiter = Thread {
            var signals = Self.signals()
            var received: Int32 = 0
            while sigwait(&signals, &received) != 0 {}
            // Waits for renames in progress, removes what is staged, refuses new temporaries.
            temporaries.removeAll()
            _exit(128 + received)
        }
        waiter.start()
    }

    private static func signals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}
