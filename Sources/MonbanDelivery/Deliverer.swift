import Glibc
import Foundation
import MonbanCore

/// Takes messages out of the outbox and hands them to their transport: one at a
/// time, each claimed atomically (see `Engine.claimNextMessage`), so any number
/// of delivering processes and terminals may share one database.
public final class Deliverer: Sendable {
    public let engine: Engine
    public let email: (any MessageTransport)?
    public let sms: (any MessageTransport)?
    public let policy: DeliveryPolicy
    public let worker: String
    public let domain: String

    public init(engine: Engine, email: (any MessageTransport)?, sms: (any MessageTransport)?, policy: DeliveryPolicy,
                domain: String, worker: String = Deliverer.thisWorker) {
        self.engine = engine
        self.email = email
        self.sms = sms
        self.policy = policy
        self.worker = worker
        self.domain = domain
    }

    /// "host:pid 1234": who claimed a message, as the outbox records it.
    public static var thisWorker: String {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let name = String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(name):pid \(getpid())"
    }

    /// The kinds this deliverer has a transport for; the others stay pending.
    public var kinds: Set<OutboxMessage.Kind> {
        var k: Set<OutboxMessage.Kind> = []
        if email != nil { k.insert(.email) }
        if sms != nil { k.insert(.sms) }
        return k
    }

    public struct Report: Sendable {
        public var job: DeliveryJob
        public var outcome: DeliveryOutcome
        public var state: OutboxMessage.State
    }

    /// Delivers every message due now (at most `limit`), reporting each attempt.
    @discardableResult
    public func deliverDue(limit: Int = 1000, report: (Report) -> Void = { _ in }) throws(EngineError) -> Int {
        var count = 0
        while count < limit, let job = try engine.claimNextMessage(
            kinds: kinds, worker: worker, policy: policy, messageIDDomain: domain)
        {
            let transport = job.message.kind == .email ? email : sms
            let outcome = transport?.deliver(job) ?? .retry("no transport")
            let state = try engine.recordDelivery(job, outcome, policy: policy)
            report(Report(job: job, outcome: outcome, state: state))
            count += 1
        }
        return count
    }

    /// Delivers until `shouldStop` says so, looking at the outbox every
    /// `pollInterval` seconds (sooner when a retry or a lease is due). A store
    /// error (the database busy or briefly unavailable) is reported and retried.
    public func watch(pollInterval: Double, shouldStop: @escaping () -> Bool = { false },
                      report: (Report) -> Void = { _ in }, problem: (EngineError) -> Void = { _ in }) {
        let interval = max(0.05, pollInterval)
        while !shouldStop() {
            var wait = interval
            do {
                try deliverDue(report: report)
                if let next = try engine.nextDeliveryTime(kinds: kinds) {
                    wait = min(interval, max(0.05, next.timeIntervalSince(engine.clock.now())))
                }
            } catch {
                problem(error)
            }
            var slept = 0.0
            while slept < wait && !shouldStop() {
                let step = min(0.1, wait - slept)
                Thread.sleep(forTimeInterval: step)
                slept += step
            }
        }
    }
}
