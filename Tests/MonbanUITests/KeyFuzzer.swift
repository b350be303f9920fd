import Foundation
@testable import MonbanTUI
@testable import MonbanUI

/// SplitMix64: the fuzzer's only randomness, so a run replays from its seed.
struct FuzzRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n.
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ oneIn: Int) -> Bool { below(oneIn) == 0 }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func scalar(_ range: ClosedRange<UInt32>) -> Character {
        Character(Unicode.Scalar(range.lowerBound + UInt32(below(Int(range.upperBound - range.lowerBound) + 1)))!)
    }
}

/// Random key events of every kind a terminal and a person produce (issue 9
/// part 2): printable ASCII, Japanese (kana, kanji, full-width and half-width
/// forms, combining marks, characters outside the BMP), control characters,
/// arrows and the other named keys, F1–F12 (F2 is the 受信箱, F10 quits), Esc,
/// pastes of up to 10,000 characters with newlines and control characters, and
/// window sizes from 1×1 to 300×100.
struct KeyFuzzer {
    var random: FuzzRandom

    init(seed: UInt64) { random = FuzzRandom(seed: seed) }

    static let named: [KeyEvent] = [
        .tab, .backTab, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
    ]
    static let editing: [KeyEvent] = [.backspace, .delete, .insert]
    /// Sizes worth hitting often: the edges of "too small" (40×12), the usual ones, the extremes.
    static let sizes: [(Int, Int)] = [
        (80, 24), (100, 40), (120, 40), (40, 12), (39, 12), (40, 11), (41, 13), (1, 1), (2, 1), (1, 2),
        (300, 100), (300, 1), (1, 100), (92, 32), (60, 20),
    ]
    /// Characters that must never reach a field or the screen as they are.
    static let strange: [Character] = [
        "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\t", "\n", "\r", "\r\n", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}",
        "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{202E}", "\u{2028}", "\u{0301}", "\u{3099}", "\u{FE0F}", "\u{E000}",
        "\u{FFFD}", "\u{10FFFF}", "👨‍👩‍👧", "🇯🇵", "👍🏽", "e\u{0301}", "が", "か\u{3099}", "\u{3000}", "ｶﾞ", "㌔", "☃️",
        "\u{1100}\u{1161}\u{11A8}",
    ]

    mutating func japanese() -> Character {
        switch random.below(10) {
        case 0, 1, 2: return random.scalar(0x3041...0x3096)  // hiragana
        case 3, 4: return random.scalar(0x30A1...0x30FA)  // katakana
        case 5, 6: return random.scalar(0x4E00...0x9FFF)  // kanji
        case 7: return random.scalar(0xFF01...0xFF5E)  // full-width ASCII
        case 8: return random.scalar(0xFF66...0xFF9D)  // half-width katakana
        default:
            return random.pick(["ー", "、", "。", "「", "」", "〒", "　", "々", "𠮷", "𩸽", "\u{20B9F}", "か\u{3099}", "ﾊﾟ"])
        }
    }

    mutating func character() -> Character {
        switch random.below(20) {
        case 0..<11: return random.scalar(0x20...0x7E)
        case 11..<18: return japanese()
        default: return random.pick(Self.strange)
        }
    }

    /// Text for a paste: words of every kind, line breaks of three kinds, control
    /// characters and escape sequences, sometimes valid line numbers and addresses.
    mutating func pasteText() -> String {
        let length: Int = switch random.below(10) {
        case 0..<6: 1 + random.below(40)
        case 6..<9: 40 + random.below(1000)
        default: 1000 + random.below(9_001)
        }
        var text = ""
        text.reserveCapacity(length)
        var count = 0
        while count < length {
            switch random.below(24) {
            case 0: text += random.pick(["\n", "\r\n", "\r"]); count += 1
            case 1: text += "CAF" + String(format: "%010d", random.below(1_000_000)) + (random.chance(4) ? " west" : ""); count += 13
            case 2: text += "\u{1B}[A"; count += 3
            case 3: text += "user\(random.below(100))@example.com"; count += 16
            case 4: text.append(random.pick(Self.strange)); count += 1
            case 5..<12: text.append(japanese()); count += 1
            default: text.append(random.scalar(0x20...0x7E)); count += 1
            }
        }
        return text
    }

    mutating func next() -> KeyEvent {
        switch random.below(1000) {
        case 0..<300: return .character(random.scalar(0x20...0x7E))
        case 300..<420: return .character(japanese())
        case 420..<450: return .character(random.pick(Self.strange))
        case 450..<630: return random.pick(Self.named)
        case 630..<700: return random.pick(Self.editing)
        case 700..<780: return .enter
        case 780..<810: return .space
        case 810..<835: return .escape
        case 835..<860: return .function(1 + random.below(12))
        case 860..<905: return .control(random.pick(Array("abcdefghijklmnopqrstuvwxyz@[\\]^_?")))
        case 905..<955: return .paste(pasteText())
        default:
            if random.chance(2) {
                let s = random.pick(Self.sizes)
                return .resize(width: s.0, height: s.1)
            }
            return .resize(width: 1 + random.below(300), height: 1 + random.below(100))
        }
    }
}

extension KeyEvent {
    /// Short enough for a failure message (a paste of 10,000 characters is not).
    var fuzzDescription: String {
        if case .paste(let s) = self {
            return ".paste(\(s.count) characters: \(String(reflecting: String(s.prefix(40))))…)"
        }
        return String(reflecting: self)
    }
}
