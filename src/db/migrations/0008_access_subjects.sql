-- « Mes accès » (issues 9 and 10): who read a person's data. The sealer, as it seals entries,
-- files each record an allowed entry names here, so that a person's accesses are a range scan
-- on their id, not a search through the whole log, and nothing is added to the read's own
-- statement. Derived from sealed entries: the log stays the truth, and the purge trims both.
CREATE TABLE access_log_subjects (
  subject_id uuid NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (subject_id, seq)
);

CREATE TRIGGER access_log_subjects_append_only BEFORE UPDATE OR DELETE ON access_log_subjects
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_subjects_no_truncate BEFORE TRUNCATE ON access_log_subjects
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();

-- The purge trims the index with the entries it deletes.
CREATE OR REPLACE FUNCTION access_log_purge(cut_n bigint, purged_at timestamptz, signature bytea) RETURNS bigint
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
  DELETE FROM access_log_subjects WHERE seq <= cut.to_seq;
  PERFORM set_config('rempart.purge', 'off', true);
  INSERT INTO access_log_anchor (id, seal_n, to_seq, seal_mac, purged_at, signature)
    VALUES (true, cut.n, cut.to_seq, cut.mac, purged_at, signature)
    ON CONFLICT (id) DO UPDATE SET seal_n = EXCLUDED.seal_n, to_seq = EXCLUDED.to_seq,
      seal_mac = EXCLUDED.seal_mac, purged_at = EXCLUDED.purged_at, signature = EXCLUDED.signature;
  RETURN deleted;
END $$;

-- Entries sealed before this migration are filed here, once, from the log itself.
INSERT INTO access_log_subjects (subject_id, seq)
  SELECT DISTINCT unnest(l.people), l.seq FROM access_log l
  WHERE l.outcome = 'allow' AND l.record <> 'none' AND l.seq <= COALESCE((SELECT max(to_seq) FROM access_log_seals), 0);
