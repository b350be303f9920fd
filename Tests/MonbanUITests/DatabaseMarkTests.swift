import Foundation
import XCTest
import MonbanCore
import MonbanStore
@testable import MonbanTUI
@testable import MonbanUI

/// Issue 19 finding 1 with start-up kept clear of the database: the client learns whether
/// `monban demo` made its database right after the first paint, from an opening on a thread
/// of its own, and only then turns the demo's 受信箱 on.
final class DatabaseMarkTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-mark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// How many times a client opened its database, and what it was told of the mark.
    private final class Record: @unchecked Sendable {
        private let lock = NSLock()
        private var openings = 0
        private var mark: Bool??
        var opened: Int { lock.withLock { openings } }
        var told: Bool?? { lock.withLock { mark } }
        func open() { lock.withLock { openings += 1 } }
        func tell(_ demo: Bool?) { lock.withLock { mark = .some(demo) } }
    }

    /// A client whose engine opens `path` when first asked, counting the openings.
    private func client(_ path: String, record: Record) -> App {
        let engines = EngineProvider {
            record.open()
            return Engine(database: try MonbanDatabase.open(path: path, create: false), passwordCost: .testing)
        }
        return App(language: .ja, engines: engines, context: AccessContext(terminal: "test"))
    }

    private func database(demo: Bool) throws -> String {
        let path = dir.appendingPathComponent("\(UUID().uuidString).sqlite3").path
        let engine = Engine(database: try MonbanDatabase.open(path: path, create: true), passwordCost: .testing)
        if demo { try engine.markDemoDatabase() }
        return path
    }

    func testTheMarkIsReadAfterTheFirstPaintOnly() throws {
        for demo in [true, false] {
            let record = Record()
            var app = client(try database(demo: demo), record: record)
            app.readDatabaseMarkAfterFirstPaint { record.tell($0) }
            // The first paint: nothing of the database yet.
            XCTAssertEqual(app.startControl, LoopControl.work)
            var canvas = Canvas(width: 80, height: 24)
            app.render(into: &canvas)
            XCTAssertEqual(record.opened, 0, "the database was opened before the first paint")
            XCTAssertFalse(app.inboxAvailable)
            // Right after it.
            _ = app.performWork()
            XCTAssertEqual(record.opened, 1)
            XCTAssertEqual(record.told, .some(demo))
            XCTAssertEqual(app.inboxAvailable, demo, "demo \(demo)")
            XCTAssertEqual(app.inboxShowsEveryone, demo)
            // The engine opened on the thread is the one the screens use: not opened twice.
            _ = app.handle(KeyEvent.function(2))
            _ = app.performWork()
            XCTAssertEqual(record.opened, 1)
        }
    }

    func testADatabaseThatCannotOpenIsNoDemoAndTellsNothing() throws {
        let record = Record()
        var app = client(dir.appendingPathComponent("missing.sqlite3").path, record: record)
        app.readDatabaseMarkAfterFirstPaint { record.tell($0) }
        _ = app.performWork()
        XCTAssertEqual(record.told, .some(nil))
        XCTAssertFalse(app.inboxAvailable)
    }

    /// The read before the first paint: one read-only query, which tells the demo database
    /// from any other and says nothing about a file that is not a monban database.
    func testThePeekBeforeThePaintTellsTheDemoDatabaseOnly() throws {
        XCTAssertEqual(MonbanDatabase.peekDemoMark(path: try database(demo: true)), true)
        XCTAssertEqual(MonbanDatabase.peekDemoMark(path: try database(demo: false)), false)
        XCTAssertNil(MonbanDatabase.peekDemoMark(path: dir.appendingPathComponent("missing.sqlite3").path))
        let text = dir.appendingPathComponent("text.sqlite3").path
        XCTAssertTrue(FileManager.default.createFile(atPath: text, contents: Data("not a database".utf8)))
        XCTAssertNil(MonbanDatabase.peekDemoMark(path: text))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("missing.sqlite3").path),
                       "the peek created a file")
    }
}
