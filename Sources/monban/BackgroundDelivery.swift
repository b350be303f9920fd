import Glibc
import Foundation
import MonbanConfig
import MonbanCore
import MonbanDelivery

/// The client's own deliverer: a thread with its own database connection that
/// starts after the first paint and sends what the outbox holds, so a terminal
/// without `monban deliver` beside it still delivers. It never writes to the
/// terminal; what it does is in the outbox and the audit log. A message it was
/// sending when the client quit is retried once its lease runs out.
enum BackgroundDelivery {
    static func start(databasePath: String, configuration: Configuration) {
        guard configuration.delivery.inClient, configuration.smtp != nil || configuration.sms != nil else { return }
        let thread = Thread {
            // After the first paint: start-up loads neither the database nor libcurl for this.
            Thread.sleep(forTimeInterval: 0.5)
            var deliverer: Deliverer?
            while deliverer == nil {
                // The database may not exist yet (the client creates nothing itself).
                if let engine = try? Setup.engine(databasePath: databasePath, create: false, configuration: configuration) {
                    deliverer = Setup.deliverer(engine: engine, configuration: configuration)
                    if deliverer == nil { return }
                } else {
                    Thread.sleep(forTimeInterval: 5)
                }
            }
            deliverer?.watch(pollInterval: configuration.delivery.pollInterval)
        }
        thread.name = "monban-delivery"
        thread.start()
    }
}
