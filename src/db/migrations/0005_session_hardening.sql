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
