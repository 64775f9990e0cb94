#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// `map` over independent items on every core, results in input order.
enum ParallelMap {
    /// `items.map(transform)`, computed in parallel when there is more than a
    /// little work. The result is the same as the sequential map.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let count = items.count
        let workers = min(System.activeProcessorCount, count)
        guard workers > 1, count >= 4 else { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            // Items are taken in small blocks from a shared counter, so a slow
            // file does not hold up a whole share.
            let next = AtomicCounter()
            let block = max(1, min(64, count / (workers * 8)))
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let start = next.add(block)
                    if start >= count { break }
                    for i in start..<min(start + block, count) {
                        (base + i).initialize(to: transform(items[i]))
                    }
                }
            }
            initialized = count
        }
    }
}

/// A counter shared by threads (a lock-protected integer; taken once per block).
private final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = DispatchSemaphore(value: 1)

    /// Adds `n` and returns the value before.
    func add(_ n: Int) -> Int {
        lock.wait()
        defer { lock.signal() }
        let old = value
        value += n
        return old
    }
}

enum System {
    /// Processors available to this process.
    static let activeProcessorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
