import XCTest

final class MonbanHTTPTestsPlaceholder: XCTestCase {}
