-- Every time is now written by the server's clock as fixed-width UTC text with milliseconds
-- ('2026-12-01T08:00:00.000Z'), so comparing texts compares times. Expiry times were written
-- to the second ('2026-12-01T08:00:00Z'), which sorts after every time within that second:
-- a session outlived its expiry by up to a second. Rewrite them in the one format.
UPDATE helper_invites SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at)
WHERE length(expires_at) = 20;
UPDATE staff_invites SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at)
WHERE length(expires_at) = 20;
UPDATE staff_sessions SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at)
WHERE length(expires_at) = 20;
