/// A key press (or paste, or resize) as screens see it, decoded by the terminal layer.
public enum KeyEvent: Sendable, Equatable {
    /// A printable character, including Japanese from an input method.
    case character(Character)
    /// Text pasted at once (bracketed paste), possibly many lines.
    case paste(String)
    case tab, backTab
    case up, down, left, right
    case home, end, pageUp, pageDown
    case backspace, delete, insert
    case enter, escape
    /// F1…F12.
    case function(Int)
    /// Ctrl plus a letter (lower case), for keys with no other meaning.
    case control(Character)
    /// The terminal changed size.
    case resize(width: Int, height: Int)

    public static let space = KeyEvent.character(" ")
}
