import Foundation

extension ConnectionID {
    /// What a person typed on 接続ID入力: surrounding spaces, upper case and full-width
    /// characters are accepted (NFKC, then lower case).
    public init?(_ typed: String) {
        self.init(exact: typed.precomposedStringWithCompatibilityMapping.trimmingWhitespaceAndNewlines().lowercased())
    }
}
