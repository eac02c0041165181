-- Free tokens buy nothing: flags, votes and feedback weigh by the visitor's standing (see
-- `store::standing`). A visitor's `origin` is a keyed hash of the network they were created
-- from (never the address itself); `origin_key` is that key, made here once per database.
ALTER TABLE visitors ADD COLUMN origin TEXT;
CREATE TABLE origin_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key TEXT NOT NULL
);
INSERT INTO origin_key (id, key) VALUES (1, lower(hex(randomblob(32))));

-- A fresh visitor's flag or upvote keeps their origin, so fresh ones from one network count as
-- one; an established visitor's (and a helper's) keeps none and counts in full.
ALTER TABLE answer_flags ADD COLUMN fresh_origin TEXT;
ALTER TABLE answer_votes ADD COLUMN fresh_origin TEXT;
CREATE INDEX answer_votes_by_origin ON answer_votes (answer_id, fresh_origin);

-- Feedback is one per visitor and thread: a second one replaces the first. Rows from before
-- feedback needed a visitor keep none.
ALTER TABLE feedback ADD COLUMN visitor_id INTEGER REFERENCES visitors (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX feedback_once_per_visitor ON feedback (thread_id, visitor_id);

-- Whether a visitor took part before is asked on every flag and vote.
CREATE INDEX answer_votes_by_visitor ON answer_votes (visitor_id);
CREATE INDEX answer_flags_by_visitor ON answer_flags (visitor_id);
CREATE INDEX feedback_by_visitor ON feedback (visitor_id);
