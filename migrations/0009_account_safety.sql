-- Account safety (issue 11). Forward-only.
--
-- API tokens may expire: past expires_at a token is refused like a revoked one.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz
  CHECK (expires_at IS NULL OR expires_at > created_at);
