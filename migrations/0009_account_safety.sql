-- Account safety (issue 11). Forward-only.
--
-- API tokens may expire: past expires_at a token is refused like a revoked one.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz
  CHECK (expires_at IS NULL OR expires_at > created_at);

-- Unlock links: when the login throttle trips on an account as a whole (many addresses guessing
-- one account's password), its owner is mailed a single-use link that lets them in anyway; it is
-- an email token like the verification and reset ones.
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
  CHECK (purpose IN ('verify_email', 'reset_password', 'unlock_login'));

-- A registration is finished by its confirmation link: the password chosen on the form waits
-- here, with the link that proves the mailbox, and becomes the account's only when it is followed.
-- Registering thus says nothing about whether the address already had an account, and nobody
-- signs in to an address they do not receive mail at.
ALTER TABLE email_tokens ADD COLUMN password_hash text
  CHECK (password_hash IS NULL OR purpose = 'verify_email');
