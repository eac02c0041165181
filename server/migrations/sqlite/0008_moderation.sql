-- Moderation by staff: answers verified by staff (ranked higher, badged in the widget), flags
-- cleared when staff restore an answer (they no longer count towards hiding it), and banned
-- helpers (their sessions end and they cannot sign in again).
ALTER TABLE answers ADD COLUMN verified_at TEXT;
ALTER TABLE answers ADD COLUMN verified_by INTEGER REFERENCES staff (id) ON DELETE SET NULL;
ALTER TABLE answer_flags ADD COLUMN cleared_at TEXT;
ALTER TABLE helpers ADD COLUMN banned_at TEXT;
