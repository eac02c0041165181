-- Escalations: a visitor hands a question to staff as a ticket; staff reply on its thread
-- (answers with `staff_id`), and every staff action is kept in the audit log.

-- How long an unanswered question waits before the widget offers staff, and the first-reply
-- target the console measures tickets against.
ALTER TABLE sites ADD COLUMN escalate_after_minutes INTEGER NOT NULL DEFAULT 10;
ALTER TABLE sites ADD COLUMN first_reply_target_minutes INTEGER NOT NULL DEFAULT 60;

-- A private thread is a request written straight to staff: it is never searchable, never in
-- the helpers' queue, and only its asker and staff can read it.
ALTER TABLE threads ADD COLUMN private INTEGER NOT NULL DEFAULT 0;

ALTER TABLE answers ADD COLUMN staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL;

-- One ticket per thread; the visitor who escalated is the thread's asker, so the ticket
-- follows them when the brand identifies them. `source_thread_id` is the thread the visitor
-- was reading when they escalated, when that was someone else's; `searches` is a JSON array
-- of strings.
CREATE TABLE escalations (
    id                   INTEGER PRIMARY KEY,
    site_id              INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    reference            TEXT NOT NULL UNIQUE,
    thread_id            INTEGER NOT NULL UNIQUE REFERENCES threads (id) ON DELETE CASCADE,
    source_thread_id     INTEGER REFERENCES threads (id) ON DELETE SET NULL,
    message              TEXT NOT NULL DEFAULT '',
    contact_email        TEXT,
    page_url             TEXT,
    searches             TEXT NOT NULL DEFAULT '[]',
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    assignee_id          INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    first_staff_reply_at TEXT,
    resolved_at          TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX escalations_queue ON escalations (site_id, status, created_at);

-- `staff_id` is absent for actions taken with the site's admin token.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX audit_log_by_site ON audit_log (site_id, id);
