-- Peers: visitors and their tokens, peer helpers with invitations, presence and a reputation
-- ledger, answers written in PeerHelp (votes, flags, acceptance), and the live event log.
-- Every token and invite code is stored as the hex SHA-256 of what the client holds.

-- The identity secret keys the HMAC a brand's server signs visitors with, so it is kept as is;
-- the admin token authorises inviting helpers and is only stored hashed. Existing sites get a
-- fresh secret here and an admin token from `peerhelp site rotate-admin-token`.
ALTER TABLE sites ADD COLUMN identity_secret TEXT;
ALTER TABLE sites ADD COLUMN admin_token_hash TEXT;
-- The page an invite link opens when the invite names none (the demo sets its own page).
ALTER TABLE sites ADD COLUMN invite_page TEXT;
UPDATE sites SET identity_secret = lower(hex(randomblob(32)));

-- `external_id` is the brand's id for an identified visitor; anonymous visitors have none.
CREATE TABLE visitors (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    external_id TEXT,
    name        TEXT,
    email       TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (site_id, external_id)
);

CREATE TABLE visitor_tokens (
    token_hash TEXT PRIMARY KEY,
    visitor_id INTEGER NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Questions asked in PeerHelp belong to a visitor. `asker_seen_answer_id` is the newest answer
-- the asker has read, so unread counts travel with the thread when an anonymous visitor is
-- identified and their threads move.
ALTER TABLE threads ADD COLUMN visitor_id INTEGER REFERENCES visitors (id) ON DELETE SET NULL;
ALTER TABLE threads ADD COLUMN email TEXT;
ALTER TABLE threads ADD COLUMN page_url TEXT;
ALTER TABLE threads ADD COLUMN asker_seen_answer_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX threads_by_visitor ON threads (visitor_id);

-- A retried `POST /threads` finds its thread here. The key stays with the visitor who sent it,
-- even after the thread moves to an identified visitor, so a late retry still matches.
CREATE TABLE question_keys (
    visitor_id      INTEGER NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    thread_id       INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    PRIMARY KEY (visitor_id, idempotency_key)
);

-- `last_seen_at` is the last heartbeat; a background task turns silent helpers offline.
CREATE TABLE helpers (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
    last_seen_at TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX helpers_by_site ON helpers (site_id, status);

CREATE TABLE helper_tokens (
    token_hash TEXT PRIMARY KEY,
    helper_id  INTEGER NOT NULL REFERENCES helpers (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE helper_invites (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    helper_id  INTEGER REFERENCES helpers (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Answers written in PeerHelp: `html` is the sanitized rendering of the author's Markdown
-- (imported answers have none; theirs is derived from the text when read). `hidden_at` is set
-- when enough people flag the answer, until staff review it.
ALTER TABLE answers ADD COLUMN helper_id INTEGER REFERENCES helpers (id) ON DELETE SET NULL;
ALTER TABLE answers ADD COLUMN html TEXT;
ALTER TABLE answers ADD COLUMN hidden_at TEXT;
ALTER TABLE answers ADD COLUMN updated_at TEXT;
CREATE INDEX answers_by_helper ON answers (helper_id, created_at);

CREATE TABLE answer_votes (
    answer_id  INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    visitor_id INTEGER NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (answer_id, visitor_id)
);

-- Exactly one of visitor_id / helper_id names who flagged.
CREATE TABLE answer_flags (
    id         INTEGER PRIMARY KEY,
    answer_id  INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    visitor_id INTEGER REFERENCES visitors (id) ON DELETE CASCADE,
    helper_id  INTEGER REFERENCES helpers (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL CHECK (reason IN ('spam', 'rude', 'wrong')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((visitor_id IS NULL) <> (helper_id IS NULL)),
    UNIQUE (answer_id, visitor_id),
    UNIQUE (answer_id, helper_id)
);

-- The reputation ledger: a helper's points are the sum of their rows, and every award says
-- why, for which answer and from which visitor. An upvote pays once per visitor and answer.
CREATE TABLE reputation (
    id         INTEGER PRIMARY KEY,
    helper_id  INTEGER NOT NULL REFERENCES helpers (id) ON DELETE CASCADE,
    points     INTEGER NOT NULL,
    reason     TEXT NOT NULL
               CHECK (reason IN ('upvote', 'accepted', 'acceptance_moved', 'demo_seed')),
    answer_id  INTEGER REFERENCES answers (id) ON DELETE SET NULL,
    visitor_id INTEGER REFERENCES visitors (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX reputation_by_helper ON reputation (helper_id);
CREATE UNIQUE INDEX reputation_one_upvote ON reputation (answer_id, visitor_id)
    WHERE reason = 'upvote';

-- Live events, written in the transaction of the change they announce. The id is the SSE
-- event id: AUTOINCREMENT never reuses one, so `Last-Event-ID` always means the same event.
-- `audience` is `everyone`, `helpers`, `visitor:ID` or `helper:ID`.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    audience   TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX events_by_audience ON events (site_id, audience, id);
CREATE INDEX events_by_age ON events (created_at);
