-- Failed sign-ins also name the client's address, so one address spraying a password over
-- many emails is stopped too (rows from before this migration have none and count per email
-- only).
ALTER TABLE staff_sign_in_failures ADD COLUMN ip TEXT;
CREATE INDEX staff_sign_in_failures_by_ip ON staff_sign_in_failures (ip, created_at);

-- A staff admin can disable an account: it can no longer sign in and its sessions end. NULL
-- while the account is enabled.
ALTER TABLE staff ADD COLUMN disabled_at TEXT;
