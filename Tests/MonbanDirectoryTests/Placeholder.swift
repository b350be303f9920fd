import XCTest

final class MonbanDirectoryTestsPlaceholder: XCTestCase {}
