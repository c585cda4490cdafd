-- A search is too broad for its share of what it searches, not for a fixed number alone. The
-- threshold of 200 matches (migration 0018) was measured on a pool of 366 profiles; the
-- recruiter managers' own searches of the attack bench's month matched up to 1.6 % of it, so in
-- a pool the size of Choisir le service public's in 2026 (377,418 profiles) three searches in
-- four would have passed 200 and asked for a step-up (docs/BENCHMARKS.md). A search whose
-- purpose declares its extent (how many records its scope covers in all) is now too broad when
-- it matches at least 200 records and at least `broad_search_share` of that extent; 5 % leaves
-- three times the month's widest ordinary search, and still flags « English, A1 or better »
-- (three profiles in four) at any size.
INSERT INTO guard_settings (name, value) VALUES ('broad_search_share', 0.05);

-- guard_check gains the extent; the pace (migration 0021) keeps its place under another name.
ALTER FUNCTION guard_check(uuid, text, uuid[], uuid[], integer, timestamptz) RENAME TO guard_paced_check;

CREATE FUNCTION guard_check(actor uuid, purpose text, asked uuid[], allowed uuid[], breadth integer,
    extent integer, now_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  share numeric := (SELECT value FROM guard_settings WHERE name = 'broad_search_share');
  judged integer := breadth;
BEGIN
  -- Below its share of the extent a search is not broad, however many it matched; without an
  -- extent or a share, the fixed threshold alone decides, as before.
  IF breadth IS NOT NULL AND extent IS NOT NULL AND share IS NOT NULL AND breadth < ceil(share * extent) THEN
    judged := NULL;
  END IF;
  RETURN guard_paced_check(actor, purpose, asked, allowed, judged, now_at);
END $$;
