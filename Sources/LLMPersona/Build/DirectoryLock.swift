#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock` on an output folder, held while a closure runs.
///
/// The lock is taken on the folder itself, so no lock file is left in it.
/// Builds take it exclusively for their whole write phase; `--check` takes it
/// shared, so it never compares against a half-installed set. A build that
/// finds the lock held waits, polling, until `timeout` has passed.
enum DirectoryLock {
    enum Mode {
        case shared, exclusive

        var operation: Int32 { self == .shared ? LOCK_SH : LOCK_EX }
    }

    static func with<T>(
        _ directory: String, _ mode: Mode, timeout: Duration, _ body: () throws(WriteError) -> T
    ) throws(WriteError) -> T {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WriteError(path: directory, message: "cannot open the output directory: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while flock(descriptor, mode.operation | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK || code == EAGAIN else {
                throw WriteError(path: directory, message: "cannot lock the output directory: \(String(cString: strerror(code)))")
            }
            if clock.now >= deadline {
                throw WriteError(
                    path: directory,
                    message: "another persona build is writing to this directory; gave up after \(describe(timeout))",
                    setting: .lockTimeout)
            }
            usleep(10_000)
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private static func describe(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }
}
