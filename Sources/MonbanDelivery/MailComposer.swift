import Foundation

/// An e-mail as sent (RFC 5322 with MIME, RFC 2045–2047): Japanese subjects and
/// names as UTF-8 "B" encoded words, the body UTF-8 in base64.
///
/// Why base64 and not 8bit: base64 is 7-bit clean, so the message passes any
/// relay unchanged whether or not it offers 8BITMIME, no line can exceed 76
/// octets (RFC 5322's limit is 998), and a body line starting with "." or
/// "From " cannot be altered. The cost is a third more bytes and a body that is
/// not readable in the raw message; every mail reader decodes it.
public enum MailComposer {
    public struct Mail: Sendable, Equatable {
        public var from: String
        public var fromName: String?
        public var to: String
        public var subject: String
        public var body: String
        public var messageID: String
        public var date: Date

        public init(from: String, fromName: String?, to: String, subject: String, body: String, messageID: String, date: Date) {
            self.from = from
            self.fromName = fromName
            self.to = to
            self.subject = subject
            self.body = body
            self.messageID = messageID
            self.date = date
        }
    }

    /// The whole message, CRLF line ends.
    public static func compose(_ mail: Mail) -> [UInt8] {
        var lines: [String] = []
        lines.append("Date: \(rfc5322Date(mail.date))")
        if let name = mail.fromName, !name.isEmpty {
            lines.append(header("From", phrase(name) + ["<\(mail.from)>"]))
        } else {
            lines.append("From: \(mail.from)")
        }
        lines.append("To: \(mail.to)")
        lines.append(header("Subject", unstructured(mail.subject)))
        lines.append("Message-ID: \(mail.messageID)")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=UTF-8")
        lines.append("Content-Transfer-Encoding: base64")
        // RFC 3834: sent by a program; auto-responders should not answer.
        lines.append("Auto-Submitted: auto-generated")
        var text = lines.joined(separator: "\r\n") + "\r\n\r\n"
        text += base64Lines(canonicalBody(mail.body)).joined(separator: "\r\n") + "\r\n"
        return Array(text.utf8)
    }

    /// "Name: word word…", folded before each word past the first (each line at most 76 octets).
    static func header(_ name: String, _ words: [String]) -> String {
        var out = "\(name):"
        var lineLength = out.utf8.count
        for (i, w) in words.enumerated() {
            if i > 0, lineLength + 1 + w.utf8.count > 76 {
                out += "\r\n"
                lineLength = 0
            }
            out += " " + w
            lineLength += 1 + w.utf8.count
        }
        return out
    }

    /// An unstructured header's text: as it is when it is short printable ASCII,
    /// otherwise encoded words.
    static func unstructured(_ text: String) -> [String] {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !clean.contains("=?") {
            return clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        return encodedWords(clean)
    }

    /// A display name: a quoted string when ASCII, otherwise encoded words.
    static func phrase(_ name: String) -> [String] {
        let clean = name.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let quoted = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\"\(quoted)\""]
        }
        return encodedWords(clean)
    }

    /// RFC 2047 "B" encoded words of UTF-8, each at most 39 octets of text (a
    /// 64-character word), never splitting a character's UTF-8 sequence.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// The body with CRLF line ends (RFC 2049's canonical form for text) and a final line end.
    static func canonicalBody(_ body: String) -> [UInt8] {
        var text = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        return Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// base64 in lines of 76 characters (RFC 2045 §6.8).
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var i = encoded.startIndex
        while i < encoded.endIndex {
            let j = encoded.index(i, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[i..<j]))
            i = j
        }
        return lines
    }

    /// "Sun, 29 Nov 2026 15:40:00 +0900": the service's time (JST).
    public static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }
}
