-- Canaries planted where an attacker goes and no legitimate task leads (issue 11,
-- src/seed/canaries/): one per holder of each space (a training organisation, a broad pool
-- search, an advisor, an employer). Which person is a canary stays a keyed mark
-- (canary_marks, migration 0001): neither table below names a person.

-- Which holders have their canary, so that planting again adds nothing. `holder` is the
-- organisation, advisor or employer id, or the pool search's language.
CREATE TABLE canary_plantings (
  space text NOT NULL CHECK (space IN ('training', 'pool', 'advising', 'recruiting')),
  holder text NOT NULL,
  planted_at timestamptz NOT NULL,
  PRIMARY KEY (space, holder)
);

-- The canaries' own e-mail addresses and phone numbers, recorded apart and only as keyed
-- digests (HMAC-SHA256 under a key derived from the master key, never stored), so that a leaked
-- file can be checked for them (`rempart canaries check`) while a copy of the database cannot
-- list them, nor test a guessed value.
CREATE TABLE canary_contacts (
  digest bytea PRIMARY KEY CHECK (octet_length(digest) = 32),
  kind text NOT NULL CHECK (kind IN ('email', 'phone')),
  space text NOT NULL,
  holder text NOT NULL,
  FOREIGN KEY (space, holder) REFERENCES canary_plantings (space, holder)
);
