import Foundation

// Foundation linked in, nothing else: clear the screen, one line, wait for a key.
let text = "\u{1b}[2J\u{1b}[Hパスワードを忘れた方 \(Int(Date().timeIntervalSince1970) % 2 == 0 ? "a" : "b")\n"
FileHandle.standardOutput.write(Data(text.utf8))
var key: UInt8 = 0
_ = read(0, &key, 1)
