import XCTest

final class MonbanFederationTestsPlaceholder: XCTestCase {}
