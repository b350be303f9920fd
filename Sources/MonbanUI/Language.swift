/// The client's language (UI-4): Japanese by default, English with `--lang en`
/// and on the Linux console, which cannot draw kana or kanji.
public enum Language: String, Sendable, CaseIterable {
    case ja, en
}

/// One text of the client in both languages.
public struct Text: Sendable, Equatable {
    public let ja: String
    public let en: String

    public init(_ ja: String, _ en: String) {
        self.ja = ja
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String { language == .ja ? ja : en }
}
