-- Session hardening (issue 8, security items 1, 2, 6 and 7).

-- Each device-proof nonce serves one proof (RFC 9449 §11.1): the nonces already spent, kept
-- until they could no longer be fresh (a minute). A spent nonce makes a proof id redundant.
DROP TABLE proof_replays;
CREATE TABLE spent_nonces (
  nonce text PRIMARY KEY,
  session_id text NOT NULL,
  spent_at timestamptz NOT NULL
);
CREATE INDEX spent_nonces_spent ON spent_nonces (spent_at);

-- Client addresses are no longer stored in clear (issue 8 item 7): sessions and the login
-- throttle keep an HMAC of the client's network under a key derived from the master key, which
-- the database never holds. Changing the column's type rewrites each table, so the old
-- addresses leave the table files; the key cannot be applied here, so live sessions end (their
-- holders log in again) and the throttle starts afresh (it only looks back 15 minutes).
UPDATE sessions SET ended_at = now(), end_reason = 'address_sealed' WHERE ended_at IS NULL;
ALTER TABLE sessions ALTER COLUMN proven_addr TYPE bytea USING '\x'::bytea;
ALTER TABLE sessions RENAME COLUMN proven_addr TO proven_net;
DELETE FROM login_failures;
ALTER TABLE login_failures ALTER COLUMN addr TYPE bytea USING '\x'::bytea;
ALTER TABLE login_failures RENAME COLUMN addr TO addr_tag;

-- A valid device proof from another network or browser no longer moves a staff session's
-- binding by itself (issue 8 item 1): it is held here until the second factor is checked
-- there. moved_notice_at paces the e-mails that tell a citizen their session moved.
ALTER TABLE sessions
  ADD COLUMN pending_net bytea,
  ADD COLUMN pending_agent bytea,
  ADD COLUMN pending_at timestamptz,
  ADD COLUMN moved_notice_at timestamptz;

-- Suspensions (issue 8 item 6): who suspended, at what level and why; a platform-level
-- suspension (admin or security officer) is lifted only at that level, by two people: one asks,
-- another confirms, and the database refuses the same person doing both. The reason is a code
-- from a closed list, so no free text about anyone sits in clear outside the vault.
CREATE TABLE account_suspensions (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  level text NOT NULL CHECK (level IN ('platform', 'organisation')),
  -- NULL: the platform itself (the guard), which only people at the platform level undo.
  suspended_by uuid REFERENCES accounts (id),
  reason text NOT NULL CHECK (reason IN ('compromise_suspected', 'misuse', 'departure', 'investigation', 'holder_request', 'unrecorded')),
  suspended_at timestamptz NOT NULL,
  lift_requested_by uuid REFERENCES accounts (id),
  lift_requested_at timestamptz,
  lifted_by uuid REFERENCES accounts (id),
  lifted_at timestamptz,
  CHECK (level = 'organisation' OR lifted_by IS NULL OR (lift_requested_by IS NOT NULL AND lifted_by <> lift_requested_by))
);
CREATE UNIQUE INDEX account_suspensions_open ON account_suspensions (account_id) WHERE lifted_at IS NULL;

-- Accounts suspended before levels existed: the level of whoever suspended them, at the
-- platform level when nobody is recorded.
INSERT INTO account_suspensions (id, account_id, level, suspended_by, reason, suspended_at)
SELECT gen_random_uuid(), a.id,
  CASE WHEN s.role = 'of_manager' THEN 'organisation' ELSE 'platform' END,
  a.suspended_by, 'unrecorded', COALESCE(a.suspended_at, now())
FROM accounts a LEFT JOIN accounts s ON s.id = a.suspended_by
WHERE a.status = 'suspended';
