-- Identity: credentials, sessions bound to a device key, single-use tokens, approvals,
-- throttling and the mail outbox. Secrets are stored as hashes; TOTP secrets as envelopes.

ALTER TABLE accounts
  ADD COLUMN email_verified_at timestamptz,
  ADD COLUMN password_changed_at timestamptz,
  ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
  ADD COLUMN last_failed_login_at timestamptz,
  ADD COLUMN locked_until timestamptz,
  ADD COLUMN suspended_at timestamptz,
  ADD COLUMN suspended_by uuid REFERENCES accounts (id);

-- Per-organisation MFA policy: role → 'passkey' or 'passkey_or_totp'. Staff always need MFA.
ALTER TABLE organisations ADD COLUMN mfa_policy jsonb NOT NULL DEFAULT '{}'::jsonb;

CREATE TABLE totp_credentials (
  account_id uuid PRIMARY KEY REFERENCES accounts (id),
  secret_enc bytea NOT NULL,
  confirmed_at timestamptz,
  -- RFC 6238 §5.2: a code may be accepted once; later codes must be from a later time step.
  last_used_step bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recovery_codes (
  account_id uuid NOT NULL REFERENCES accounts (id),
  code_hash bytea NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE passkeys (
  id text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  public_key bytea NOT NULL,
  counter bigint NOT NULL DEFAULT 0,
  transports text[] NOT NULL DEFAULT '{}',
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX passkeys_account ON passkeys (account_id);

-- Single-use links (e-mail verification, invitation, password reset): only a hash is kept.
CREATE TABLE account_tokens (
  token_hash bytea PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'invitation', 'reset_password')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);

-- A login between its password step and its MFA step, and WebAuthn challenges in flight.
CREATE TABLE login_flows (
  id text PRIMARY KEY,
  secret_hash bytea NOT NULL,
  account_id uuid REFERENCES accounts (id),
  kind text NOT NULL CHECK (kind IN ('mfa', 'passkey_login', 'passkey_register', 'step_up', 'enrol')),
  challenge text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Sessions: the cookie holds id.secret, the row only a hash of the secret. The device key's
-- public half is registered at login; the cookie is trusted only from where it was last proven.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  secret_hash bytea NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id),
  device_key jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  proven_at timestamptz NOT NULL,
  proven_addr text NOT NULL,
  proven_agent bytea NOT NULL,
  mfa_at timestamptz,
  user_agent_label text NOT NULL DEFAULT '',
  ended_at timestamptz,
  end_reason text
);
CREATE INDEX sessions_account ON sessions (account_id) WHERE ended_at IS NULL;

-- Proof ids already seen (RFC 9449 §11.1 replay): kept until they could no longer be fresh.
CREATE TABLE proof_replays (
  jti text PRIMARY KEY,
  session_id text NOT NULL,
  seen_at timestamptz NOT NULL
);
CREATE INDEX proof_replays_seen ON proof_replays (seen_at);

-- Failed logins per client address, for throttling independent of the account.
CREATE TABLE login_failures (
  addr text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_failures_addr_at ON login_failures (addr, at);

-- Approvals of staff and partner accounts: the creator can never approve their own request.
CREATE TABLE account_requests (
  account_id uuid PRIMARY KEY REFERENCES accounts (id),
  requested_by uuid NOT NULL REFERENCES accounts (id),
  decided_by uuid REFERENCES accounts (id),
  decision text CHECK (decision IN ('approved', 'rejected')),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
);

-- Outgoing mail: recipients are accounts, rendered and addressed at delivery, so the outbox
-- itself holds no address and no personal text.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  template text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  last_error text
);
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
