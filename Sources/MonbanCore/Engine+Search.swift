import FoundationEssentials
import GRDB
import MonbanStore

extension Engine {
    /// Writes a person's search words (US-1) after an insert (`old` nil) or a change
    /// of address or name, inside the caller's transaction.
    func indexPerson(_ db: Database, id: Int64, old: (email: String, name: String)?, email: String, name: String) throws {
        if let old {
            // A contentless FTS5 table forgets a row through the words it was given.
            let words = SearchGrams.document(email: old.email, name: old.name)
            try db.execute(
                sql: "INSERT INTO person_search (person_search, rowid, chars, pairs) VALUES ('delete', ?, ?, ?)",
                arguments: [id, words.chars, words.pairs])
        }
        let words = SearchGrams.document(email: email, name: name)
        try db.execute(sql: "INSERT INTO person_search (rowid, chars, pairs) VALUES (?, ?, ?)",
                       arguments: [id, words.chars, words.pairs])
    }
}
