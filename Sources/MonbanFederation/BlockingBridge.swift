import Dispatch
import Foundation

/// Runs jwt-kit's async API to completion from synchronous code.
///
/// The operation runs in a new task; the calling thread waits on a semaphore.
/// Nothing involves the main actor, so a synchronous program calling this from
/// its main thread cannot deadlock. The task — including the default actors it
/// calls into (`JWTKeyCollection`) — runs on a dedicated dispatch queue (a task
/// executor) rather than the cooperative pool, so even a caller that itself blocks
/// a cooperative thread (a synchronous call made from inside async code) cannot
/// starve it.
enum BlockingBridge {
    static func run<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T
    ) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let body: @Sendable () async -> Void = {
            do {
                box.set(.success(try await operation()))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        Task(executorPreference: QueueTaskExecutor.shared, operation: body)
        done.wait()
        return try box.get()
    }
}

/// A task executor backed by a serial dispatch queue (not the cooperative pool).
private final class QueueTaskExecutor: TaskExecutor {
    static let shared = QueueTaskExecutor()
    private let queue = DispatchQueue(label: "monban.federation.jwt")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async {
            job.runSynchronously(on: executor)
        }
    }
}

/// Hands a result from the task to the waiting thread.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func get() throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let result else { preconditionFailure("BlockingBridge: no result after completion") }
        return try result.get()
    }
}
