-- Emails waiting to be sent: a transactional outbox. A row is written in the same transaction
-- as what it tells of (a reply to a question whose asker left an email), so an acknowledged
-- reply is never left unannounced, even if the server dies before sending. The mailer claims
-- due rows, sends them over SMTP and retries failures with backoff; maintenance prunes rows
-- once they are old.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    sent_at         TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
