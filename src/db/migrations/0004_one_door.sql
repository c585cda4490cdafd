-- The one door, second version (issue 7).
--
-- 1. The access log no longer serialises reads on a head row. A read inserts its entry, with a
--    number from a sequence, in the read's own statement; a sealer then links committed
--    entries into a chain keyed outside the database (see src/audit/sealer.ts), in batches
--    called seals. Entries and seals are written once and never changed.
-- 2. Checkpoints chain to each other; a copy of each sits here, the signed original outside.
-- 3. Triggers refuse UPDATE, DELETE and TRUNCATE of the log on both engines, except through
--    access_log_purge(), the retention purge's narrow path. On PostgreSQL the application's
--    role is also denied those privileges (src/db/roles.ts).
-- 4. The guard is a SQL function, called from the read's statement with the ids asked, the ids
--    allowed and the breadth of a search, so that it sees every request (src/guard/).

-- Access log, version 2 -----------------------------------------------------------------------
-- Entries of version 1 become unsealed entries; the sealer chains them at the first start.
DROP TABLE access_log_head;
DROP TABLE access_log_anchor;
ALTER TABLE access_log DROP COLUMN prev_hash;
ALTER TABLE access_log DROP COLUMN hash;
CREATE SEQUENCE access_log_seq OWNED BY access_log.seq;
SELECT setval('access_log_seq', GREATEST((SELECT max(seq) FROM access_log), 1), (SELECT max(seq) FROM access_log) IS NOT NULL);
ALTER TABLE access_log ALTER COLUMN seq SET DEFAULT nextval('access_log_seq');
-- What kind of record `people` names: a person, an account, or none (security events).
ALTER TABLE access_log ADD COLUMN record text NOT NULL DEFAULT 'person' CHECK (record IN ('person', 'account', 'none'));
-- Ids asked that the purpose's scope did not allow: probing leaves its trace even when nothing is read.
ALTER TABLE access_log ADD COLUMN probed uuid[] NOT NULL DEFAULT '{}';
-- The guard's verdict: only 'allow' entries were decrypted and returned.
ALTER TABLE access_log ADD COLUMN outcome text NOT NULL DEFAULT 'allow'
  CHECK (outcome IN ('allow', 'step_up', 'deny', 'suspend'));
-- For a search: how many records in scope its criteria matched, before the page cap.
ALTER TABLE access_log ADD COLUMN breadth integer;
UPDATE access_log SET record = 'none' WHERE action LIKE 'auth.%';

-- A seal links the entries numbered (from_seq, to_seq], in order: their numbers, the SHA-256 of
-- each entry's canonical form, and an HMAC under a key derived from the master key over all of
-- it and the previous seal's MAC. A number inside a sealed range with no entry was rolled back.
CREATE TABLE access_log_seals (
  n bigint PRIMARY KEY CHECK (n > 0),
  from_seq bigint NOT NULL,
  to_seq bigint NOT NULL,
  seqs bigint[] NOT NULL,
  digests bytea NOT NULL,
  sealed_at timestamptz NOT NULL,
  prev_mac bytea NOT NULL,
  mac bytea NOT NULL,
  CHECK (to_seq > from_seq)
);
CREATE UNIQUE INDEX access_log_seals_to ON access_log_seals (to_seq);

-- Copies of the signed checkpoints (the originals are files outside the database): the verifier
-- compares both, so deleting files, or rows, shows.
CREATE TABLE access_log_checkpoints (
  i bigint PRIMARY KEY CHECK (i >= 0),
  seal_n bigint NOT NULL,
  to_seq bigint NOT NULL,
  seal_mac bytea NOT NULL,
  at timestamptz NOT NULL,
  prev_sig bytea NOT NULL,
  sig bytea NOT NULL
);

-- Where the verifiable chain starts after a retention purge: the last purged seal, signed with
-- the checkpoint key, so that nobody can move it without the master key.
CREATE TABLE access_log_anchor (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seal_n bigint NOT NULL,
  to_seq bigint NOT NULL,
  seal_mac bytea NOT NULL,
  purged_at timestamptz NOT NULL,
  signature bytea NOT NULL
);

-- Append only, on both engines. The purge alone lifts the refusal, for its own transaction.
CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('rempart.purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'journal des accès en ajout seul : % refusé sur %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_seals_append_only BEFORE UPDATE OR DELETE ON access_log_seals
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_seals_no_truncate BEFORE TRUNCATE ON access_log_seals
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_checkpoints_append_only BEFORE UPDATE OR DELETE ON access_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_checkpoints_no_truncate BEFORE TRUNCATE ON access_log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();

-- The retention purge's narrow path: deletes a prefix of the chain (every seal up to `cut_n`
-- and the entries they cover) and moves the signed anchor there, nothing else. SECURITY
-- DEFINER: on PostgreSQL it runs with its owner's rights, which the application's role lacks.
-- The signature is computed outside the database (the key never enters it); a wrong one makes
-- the verifier fail on the anchor.
CREATE FUNCTION access_log_purge(cut_n bigint, purged_at timestamptz, signature bytea) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cut record;
  deleted bigint;
BEGIN
  SELECT n, to_seq, mac INTO cut FROM access_log_seals WHERE n = cut_n;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'purge du journal : sceau % introuvable', cut_n;
  END IF;
  PERFORM set_config('rempart.purge', 'on', true);
  DELETE FROM access_log WHERE seq <= cut.to_seq;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  DELETE FROM access_log_seals WHERE n <= cut_n;
  PERFORM set_config('rempart.purge', 'off', true);
  INSERT INTO access_log_anchor (id, seal_n, to_seq, seal_mac, purged_at, signature)
    VALUES (true, cut.n, cut.to_seq, cut.mac, purged_at, signature)
    ON CONFLICT (id) DO UPDATE SET seal_n = EXCLUDED.seal_n, to_seq = EXCLUDED.to_seq,
      seal_mac = EXCLUDED.seal_mac, purged_at = EXCLUDED.purged_at, signature = EXCLUDED.signature;
  RETURN deleted;
END $$;

-- Security alerts (the guard issue builds the officers' console on this table) ---------------
CREATE TABLE security_alerts (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  raised_at timestamptz NOT NULL,
  -- Ids and counts only, never personal data.
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed'))
);
CREATE INDEX security_alerts_open ON security_alerts (raised_at) WHERE status = 'open';

-- Guard ----------------------------------------------------------------------------------------
-- Ceilings of distinct records read per day, by role ('*' is the default), written at start from
-- the configuration; accounts.read_ceiling_per_day overrides them for one account.
CREATE TABLE guard_policy (
  role text PRIMARY KEY,
  per_day integer NOT NULL CHECK (per_day > 0)
);

-- One counter per account and day, so that charging a read costs the same at the first read of
-- the day and at the ten-thousandth; guard_daily_reads keeps the records already counted.
CREATE TABLE guard_day_totals (
  account_id uuid NOT NULL,
  day date NOT NULL,
  total integer NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, day)
);
INSERT INTO guard_day_totals (account_id, day, total)
  SELECT account_id, day, count(*) FROM guard_daily_reads GROUP BY account_id, day;

-- The guard's decision on one request through the door: 'allow', 'step_up', 'deny' or 'suspend'.
-- It sees the ids asked (`asked`), the ids the scope allowed (`allowed`), the purpose, and for a
-- search its breadth, even when nothing is in scope. Today: a daily ceiling of distinct records.
-- Only an 'allow' charges the budget. The counter row is locked only when new records are
-- charged, and only that account's: one account's reads queue on it, nobody else's.
CREATE FUNCTION guard_check(actor uuid, purpose text, asked uuid[], allowed uuid[], breadth integer,
    at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  today date := (at AT TIME ZONE 'UTC')::date;
  fresh integer;
  used integer;
  ceiling integer;
BEGIN
  IF actor IS NULL OR cardinality(allowed) = 0 THEN
    RETURN 'allow';
  END IF;
  SELECT count(*) INTO fresh FROM (SELECT DISTINCT x FROM unnest(allowed) AS x) AS wanted
    WHERE NOT EXISTS (SELECT 1 FROM guard_daily_reads r
                      WHERE r.account_id = actor AND r.day = today AND r.person_id = wanted.x);
  IF fresh = 0 THEN
    RETURN 'allow';
  END IF;
  INSERT INTO guard_day_totals (account_id, day) VALUES (actor, today) ON CONFLICT DO NOTHING;
  SELECT total INTO used FROM guard_day_totals WHERE account_id = actor AND day = today FOR UPDATE;
  -- Counted again under the lock: a concurrent read of the same account may have charged some.
  SELECT count(*) INTO fresh FROM (SELECT DISTINCT x FROM unnest(allowed) AS x) AS wanted
    WHERE NOT EXISTS (SELECT 1 FROM guard_daily_reads r
                      WHERE r.account_id = actor AND r.day = today AND r.person_id = wanted.x);
  SELECT COALESCE(a.read_ceiling_per_day, p.per_day, d.per_day) INTO ceiling
    FROM accounts a
    LEFT JOIN guard_policy p ON p.role = a.role
    LEFT JOIN guard_policy d ON d.role = '*'
    WHERE a.id = actor;
  -- No account, or no ceiling configured: fail closed.
  IF ceiling IS NULL OR used + fresh > ceiling THEN
    RETURN 'deny';
  END IF;
  INSERT INTO guard_daily_reads (account_id, day, person_id)
    SELECT actor, today, x FROM unnest(allowed) AS x ON CONFLICT DO NOTHING;
  UPDATE guard_day_totals SET total = total + fresh WHERE account_id = actor AND day = today;
  RETURN 'allow';
END $$;
