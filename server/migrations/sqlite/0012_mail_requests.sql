-- Who asked for an email sent to an address a visitor typed (a ticket confirmation): such
-- emails are limited per recipient, per visitor and per client address, so nobody can use a
-- brand's help widget to flood a stranger's mailbox. The address is kept only as long as the
-- outbox row (pruned after two days).
ALTER TABLE mail_outbox ADD COLUMN recipient_key TEXT;
ALTER TABLE mail_outbox ADD COLUMN requested_by_visitor INTEGER;
ALTER TABLE mail_outbox ADD COLUMN requested_from_ip TEXT;
CREATE INDEX mail_outbox_by_recipient ON mail_outbox (recipient_key, created_at)
    WHERE recipient_key IS NOT NULL;
CREATE INDEX mail_outbox_by_visitor ON mail_outbox (requested_by_visitor, created_at)
    WHERE requested_by_visitor IS NOT NULL;
CREATE INDEX mail_outbox_by_ip ON mail_outbox (requested_from_ip, created_at)
    WHERE requested_from_ip IS NOT NULL;
