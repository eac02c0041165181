-- What visitors do in the widget, for insights: searches (with how many results), threads read,
-- questions asked and escalations, per widget session (a random id the widget makes for each
-- page view; nothing in it identifies the person). Written in batches off the request path.
CREATE TABLE activity (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    session    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('search', 'read', 'ask', 'escalate')),
    query      TEXT,
    results    INTEGER,
    thread_id  INTEGER,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX activity_by_site ON activity (site_id, created_at);
CREATE INDEX activity_by_session ON activity (session, id);
