import Foundation
import GRDB
import XCTest
@testable import MonbanStore

/// `MonbanDatabase.inspect` (PK-1, `monban doctor`): schema and integrity, read-only.
final class DatabaseHealthTests: XCTestCase {
    private var base: URL!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("monban-health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let base { try? FileManager.default.removeItem(at: base) }
    }

    func testAFreshDatabaseIsCurrentAndSoundAndIsNotWritten() throws {
        let path = base.appendingPathComponent("m.db").path
        _ = try MonbanDatabase.open(path: path, create: true)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        XCTAssertEqual(try MonbanDatabase.inspect(path: path), DatabaseHealth(schema: .current, integrityProblems: []))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date, before)
    }

    func testAnOlderSchemaNamesWhatIsMissingAndAForeignFileIsRefused() throws {
        let older = base.appendingPathComponent("old.db").path
        let queue = try DatabaseQueue(path: older)
        try Schema.migrator.migrate(queue, upTo: "v11-known-terminals")
        try queue.close()
        guard case .older(let missing) = try MonbanDatabase.inspect(path: older).schema else {
            return XCTFail("an older schema is not current")
        }
        XCTAssertEqual(missing.first, "v12-outbox-sealed")

        let foreign = base.appendingPathComponent("foreign.db").path
        let other = try DatabaseQueue(path: foreign)
        try other.write { try $0.execute(sql: "CREATE TABLE t(x)") }
        try other.close()
        XCTAssertThrowsError(try MonbanDatabase.inspect(path: foreign)) { XCTAssertEqual($0 as? StoreError, .notMonban(path: foreign)) }
        XCTAssertThrowsError(try MonbanDatabase.inspect(path: base.appendingPathComponent("none.db").path))
    }
}
