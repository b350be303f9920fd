public enum ConstantTime {
    /// Compares two byte strings without an early exit: every byte is looked at
    /// whatever the first difference. Different lengths are unequal; the length
    /// itself is not secret.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
