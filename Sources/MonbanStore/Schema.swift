import GRDB

/// The database schema, as GRDB migrations from an empty file.
/// Never edit a migration once released: add a new one.
public enum Schema {
    /// `PRAGMA application_id` of every monban database ("MONB").
    public static let applicationID: Int32 = 0x4D4F_4E42

    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE contract (
                    id INTEGER PRIMARY KEY,
                    plan TEXT NOT NULL CHECK (plan IN ('basic', 'trial')),
                    created_at REAL NOT NULL,
                    trial_started_at REAL,
                    converted_at REAL,
                    two_factor_enabled INTEGER NOT NULL DEFAULT 1,
                    access_route TEXT NOT NULL DEFAULT 'line_and_internet'
                        CHECK (access_route IN ('line_and_internet', 'line_only'))
                );
                CREATE TABLE person (
                    id INTEGER PRIMARY KEY,
                    contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    name TEXT NOT NULL DEFAULT '',
                    role TEXT NOT NULL CHECK (role IN ('contractor', 'administrator', 'user')),
                    login_method TEXT NOT NULL,
                    password_hash TEXT,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked_at REAL,
                    registered INTEGER NOT NULL DEFAULT 0,
                    two_factor_generation INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL,
                    last_sign_in_at REAL
                );
                CREATE INDEX person_contract ON person(contract_id);
                CREATE UNIQUE INDEX one_contractor_per_contract ON person(contract_id) WHERE role = 'contractor';
                CREATE TABLE ticket (
                    id INTEGER PRIMARY KEY,
                    hash BLOB NOT NULL UNIQUE,
                    purpose TEXT NOT NULL,
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    payload TEXT NOT NULL DEFAULT '',
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    used_at REAL
                );
                CREATE INDEX ticket_person ON ticket(person_id, purpose);
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('email', 'sms')),
                    recipient TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    links TEXT NOT NULL DEFAULT '[]',
                    created_at REAL NOT NULL
                );
                CREATE INDEX outbox_recipient ON outbox(recipient COLLATE NOCASE);
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    event TEXT NOT NULL,
                    person_id INTEGER,
                    contract_id INTEGER,
                    terminal TEXT NOT NULL DEFAULT '',
                    line TEXT NOT NULL DEFAULT '',
                    detail TEXT NOT NULL DEFAULT '',
                    prev_hash BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE INDEX audit_person ON audit(person_id);
                """)
        }
        migrator.registerMigration("v2-two-step") { db in
            try db.execute(sql: """
                -- A person's two-step registration (TF-1..TF-6). Void when its generation
                -- is older than person.two_factor_generation (TF-8).
                CREATE TABLE two_step (
                    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
                    generation INTEGER NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('sms', 'authenticator')),
                    phone TEXT,
                    totp_secret BLOB,
                    totp_last_step INTEGER,
                    recovery_hash BLOB NOT NULL,
                    enrolled_at REAL NOT NULL
                );
                -- A sign-in whose password was right, waiting for its second step.
                CREATE TABLE sign_in_challenge (
                    id INTEGER PRIMARY KEY,
                    hash BLOB NOT NULL UNIQUE,
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    generation INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    failures INTEGER NOT NULL DEFAULT 0,
                    done_at REAL,
                    sms_phone TEXT,
                    sms_code_hash BLOB,
                    sms_sent_at REAL,
                    sms_expires_at REAL,
                    sms_failures INTEGER NOT NULL DEFAULT 0,
                    pending_secret BLOB
                );
                CREATE INDEX sign_in_challenge_person ON sign_in_challenge(person_id);
                -- Terminals remembered for a person (TF-4): only the device token's hash.
                CREATE TABLE remembered_terminal (
                    token_hash BLOB NOT NULL,
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    generation INTEGER NOT NULL,
                    last_seen REAL NOT NULL,
                    PRIMARY KEY (token_hash, person_id)
                );
                -- Consecutive wrong second-step codes across sign-ins; ten lock the account.
                ALTER TABLE person ADD COLUMN two_step_failures INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v3-federation") { db in
            try db.execute(sql: """
                -- The account of a federated service or of Active Directory bound to a person
                -- (LG-4, LG-5): (issuer, subject) names it for good.
                CREATE TABLE identity (
                    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
                    method TEXT NOT NULL,
                    issuer TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    email TEXT,
                    bound_at REAL NOT NULL,
                    UNIQUE (issuer, subject)
                );
                -- A contract's Active Directory設定 (LG-5).
                CREATE TABLE directory (
                    contract_id INTEGER PRIMARY KEY REFERENCES contract(id) ON DELETE CASCADE,
                    connection_id TEXT NOT NULL UNIQUE,
                    url TEXT NOT NULL,
                    domain TEXT NOT NULL,
                    ca_pem TEXT,
                    configured_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-console") { db in
            try db.execute(sql: """
                -- A contract's registered lines for line authentication (LA-2, LG-6): at most
                -- 100, in the order typed; a line's area decides the 回線情報通知設定 (LG-7).
                CREATE TABLE line (
                    contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    number TEXT NOT NULL,
                    area TEXT NOT NULL DEFAULT 'east' CHECK (area IN ('east', 'west')),
                    PRIMARY KEY (contract_id, position),
                    UNIQUE (contract_id, number)
                );
                -- 回線情報通知設定 (LG-7): asked once per line.
                CREATE TABLE line_notice (
                    contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
                    number TEXT NOT NULL,
                    notify INTEGER NOT NULL,
                    person_id INTEGER,
                    decided_at REAL NOT NULL,
                    PRIMARY KEY (contract_id, number)
                );
                -- The people search of the 管理コンソール (US-1): see SearchGrams. Contentless:
                -- only the index is kept; the engine writes it with every address or name.
                CREATE VIRTUAL TABLE person_search USING fts5(chars, pairs, content='', tokenize='ascii');
                -- 操作ログ (AU-1): a contract's entries newest first, by event, by person, by date.
                CREATE INDEX audit_contract ON audit(contract_id, id);
                CREATE INDEX audit_contract_event ON audit(contract_id, event, id);
                CREATE INDEX audit_person_id ON audit(person_id, id);
                CREATE INDEX audit_contract_at ON audit(contract_id, at);
                """)
            let people = try Row.fetchAll(db, sql: "SELECT id, email, name FROM person")
            for row in people {
                let words = SearchGrams.document(email: row["email"] ?? "", name: row["name"] ?? "")
                try db.execute(sql: "INSERT INTO person_search (rowid, chars, pairs) VALUES (?, ?, ?)",
                               arguments: [row["id"] as Int64, words.chars, words.pairs])
            }
        }
        migrator.registerMigration("v6-outbox-delivery") { db in
            try db.execute(sql: """
                -- Delivery of the outbox by SMTP and the SMS gateway (issue 8). A message is
                -- pending (waiting, next_attempt_at), sending (claimed by one sender until
                -- lease_until), sent, or failed (for good: last_error, attempts). A claim
                -- whose lease ran out (a sender that died mid-send) is claimable again.
                -- Messages queued before this migration start pending, like new ones.
                ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'sent', 'failed'));
                ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE outbox ADD COLUMN next_attempt_at REAL;
                ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
                ALTER TABLE outbox ADD COLUMN lease_until REAL;
                ALTER TABLE outbox ADD COLUMN last_error TEXT;
                ALTER TABLE outbox ADD COLUMN delivered_at REAL;
                -- The e-mail's Message-ID, fixed at the first claim: a repeated delivery
                -- (the at-least-once window) carries the same one.
                ALTER TABLE outbox ADD COLUMN message_id TEXT;
                -- Whom the message is for, for the audit entries of its delivery (AU-1).
                ALTER TABLE outbox ADD COLUMN person_id INTEGER REFERENCES person(id) ON DELETE SET NULL;
                CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
                """)
        }
        migrator.registerMigration("v7-database-marks") { db in
            try db.execute(sql: """
                -- Facts about the database itself, written by operator commands only (issue 19
                -- finding 1): 'demo' is set by `monban demo` when it creates the demo database,
                -- and nothing a person at the screen or an invitation does writes this table.
                CREATE TABLE database_mark (
                    name TEXT PRIMARY KEY CHECK (name IN ('demo')),
                    set_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v8-remembered-terminal-since") { db in
            try db.execute(sql: """
                -- When a terminal was remembered (issue 19 finding 3): its overall lifetime runs
                -- from here and is not renewed by use. Rows from before this migration carry 0,
                -- so they are past any cap and two-step verification is asked again.
                ALTER TABLE remembered_terminal ADD COLUMN remembered_at REAL NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v9-rate-events") { db in
            try db.execute(sql: """
                -- The caps on what monban sends (RL-1, issue 19 finding 13): one row per SMS or
                -- reset/unlock mail counted, checked and written in one IMMEDIATE transaction so
                -- that processes at once never pass a cap. subject is a SHA-256 of what is
                -- counted (person, number, terminal, address); rows older than an hour are removed.
                CREATE TABLE rate_event (
                    id INTEGER PRIMARY KEY,
                    counter TEXT NOT NULL,
                    subject BLOB NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX rate_event_count ON rate_event(counter, subject, at);
                CREATE INDEX rate_event_age ON rate_event(at);
                """)
        }
        migrator.registerMigration("v10-ticket-address") { db in
            try db.execute(sql: """
                -- A ticket is bound to the address it was mailed for (TM-3, issue 19 finding 2):
                -- the SHA-256 of the person's address (lower case) when it was issued. A ticket
                -- whose person's address is no longer that one is refused; tickets issued before
                -- this migration have none and are refused too (fail closed).
                ALTER TABLE ticket ADD COLUMN address_hash BLOB;
                """)
        }
        migrator.registerMigration("v11-known-terminals") { db in
            try db.execute(sql: """
                -- The terminals each person has signed in from (NT-1): a sign-in from one not
                -- here mails the person. The hash of the terminal's identity (its device token,
                -- else its name), never the token itself.
                CREATE TABLE known_terminal (
                    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    terminal_hash BLOB NOT NULL,
                    first_seen REAL NOT NULL,
                    PRIMARY KEY (person_id, terminal_hash)
                );
                """)
        }
        migrator.registerMigration("v12-outbox-sealed") { db in
            try db.execute(sql: """
                -- The outbox's secrets sealed (issue 19 finding 4, TM-2): the links (tickets) and
                -- SMS codes of a message are kept only in `sealed`, AES-GCM with the key file beside
                -- the database, bound to the row; `body` keeps the text with a placeholder in their
                -- place and `links` stays '[]'. `secrets` says where they are: 'sealed', 'removed'
                -- (delivered, failed, or past its useful life: `sealed` is NULL) or 'legacy' (queued
                -- before this migration, in clear: the engine seals it when it next starts with the key).
                ALTER TABLE outbox ADD COLUMN sealed BLOB;
                ALTER TABLE outbox ADD COLUMN secrets TEXT NOT NULL DEFAULT 'legacy'
                    CHECK (secrets IN ('legacy', 'sealed', 'removed'));
                CREATE INDEX outbox_secrets ON outbox(secrets, kind, created_at);
                """)
            // A message already delivered or given up needs its links no more: removed here,
            // without the key. Those still waiting keep them until the engine seals them.
            let done = try Row.fetchAll(
                db, sql: "SELECT id, kind, body, links FROM outbox WHERE state IN ('sent', 'failed')")
            for row in done {
                let body = OutboxRedaction.redact(
                    body: row["body"] ?? "", links: OutboxRedaction.links(fromJSON: row["links"] ?? "[]"),
                    isSMS: (row["kind"] as String?) == "sms")
                try db.execute(sql: "UPDATE outbox SET body = ?, links = '[]', secrets = 'removed' WHERE id = ?",
                               arguments: [body, row["id"] as Int64])
            }
        }
        migrator.registerMigration("v13-people-count") { db in
            try db.execute(sql: """
                -- Each contract's number of people, kept as people are added (issue 21 item 7):
                -- the 管理コンソール's user list shows it on every key, and counting a million
                -- rows each time took longer than a frame. People are never removed.
                ALTER TABLE contract ADD COLUMN person_count INTEGER NOT NULL DEFAULT 0;
                UPDATE contract SET person_count = (SELECT count(*) FROM person WHERE person.contract_id = contract.id);
                """)
        }
        return migrator
    }
}
