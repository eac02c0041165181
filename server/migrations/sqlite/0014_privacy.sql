-- Privacy: how long each site keeps personal data before maintenance prunes it, and the ids of
-- threads erased at a visitor's request, so every process's search index drops them too (the
-- index follows the revision feed, which a deleted row would otherwise leave silently).
ALTER TABLE sites ADD COLUMN activity_retention_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE sites ADD COLUMN feedback_retention_days INTEGER NOT NULL DEFAULT 365;
ALTER TABLE sites ADD COLUMN anonymous_visitor_retention_days INTEGER NOT NULL DEFAULT 180;

CREATE TABLE erased_threads (
    thread_id  INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX erased_threads_by_revision ON erased_threads (revision);

-- Pruning deletes visitors in bulk: each delete cascades to these tables by visitor, which
-- without an index would scan them whole once per visitor (votes and flags have theirs from
-- 0010).
CREATE INDEX visitor_tokens_by_visitor ON visitor_tokens (visitor_id, created_at);
CREATE INDEX reputation_by_visitor ON reputation (visitor_id);
