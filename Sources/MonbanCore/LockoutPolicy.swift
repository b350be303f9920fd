/// Ten consecutive wrong passwords lock the account (LK-1).
public enum LockoutPolicy {
    public static let threshold = 10

    /// Whether the `count`-th consecutive failure locks the account.
    public static func locks(afterFailures count: Int) -> Bool { count >= threshold }
}
