-- Sites, their allowed origins, community threads with answers and tags, and visitor feedback.

CREATE TABLE sites (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    color      TEXT NOT NULL DEFAULT '#0b63ce',
    greeting   TEXT NOT NULL DEFAULT 'Hi! Search answers from our community.',
    language   TEXT NOT NULL DEFAULT 'en',
    position   TEXT NOT NULL DEFAULT 'right' CHECK (position IN ('left', 'right')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE site_origins (
    site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    origin  TEXT NOT NULL,
    PRIMARY KEY (site_id, origin)
);

-- `revision` rises with every write to a thread (or its answers), so each server process can
-- bring its in-memory search index up to date by reading only what changed since it last looked,
-- whichever process (an import, another node) made the change.
CREATE TABLE threads (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    external_id TEXT,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'answered', 'escalated', 'resolved')),
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (site_id, external_id)
);
CREATE INDEX threads_by_revision ON threads (revision);

CREATE TABLE thread_tags (
    thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (thread_id, tag)
);

-- `imported` marks answers that came from a community file: re-importing a thread replaces
-- those and keeps answers written in PeerHelp itself.
CREATE TABLE answers (
    id         INTEGER PRIMARY KEY,
    thread_id  INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    author     TEXT,
    accepted   INTEGER NOT NULL DEFAULT 0,
    votes      INTEGER NOT NULL DEFAULT 0,
    imported   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX answers_by_thread ON answers (thread_id);

CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY,
    thread_id  INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    helped     INTEGER NOT NULL,
    query      TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX feedback_by_thread ON feedback (thread_id);

-- The one counter behind `threads.revision`. A write takes the next value first, which also
-- serialises writers, so revisions become visible in order and a reader never skips one.
CREATE TABLE revision_counter (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO revision_counter (id, value) VALUES (1, 0);
