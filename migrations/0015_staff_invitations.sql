-- Staff invitations (the back office's "invite a staff member", docs/admin.md): the account is
-- made with no password and its invitee is mailed a single-use link that lets them choose one.
-- Such a link lives a week, not an hour: an invitation waits for someone who may not read their
-- mail today. Every other purpose keeps the hour.
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
  CHECK (purpose IN ('verify_email', 'reset_password', 'unlock_login', 'invite'));
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_lifetime_check
  CHECK (expires_at <= created_at + CASE WHEN purpose = 'invite' THEN interval '7 days'
                                          ELSE interval '1 hour' END);
