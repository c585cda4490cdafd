-- The guard's pace (issue 11): a person reads a page, then asks for the next one; a script in
-- the victim's own browser asks for page after page, four a second, with the victim's session
-- and device key. The attack bench showed it read 127 people before any budget stopped it,
-- because one budget that low would stop an OF user's ordinary morning too. A pace limit does
-- not: no more than `per_second` people first read today within one second, counting this
-- request's. A read that would go over is refused and uncharged, and weighs a 'pace' signal
-- (50: a step-up at once; the script, which cannot answer it, is then suspended by its own
-- refused reads). NULL: no pace limit for that role and class. The OF roles' lists show ten
-- names a page (src/training/training.policy.ts), so a page is always within the pace.
ALTER TABLE guard_budgets ADD COLUMN per_second integer CHECK (per_second > 0);
UPDATE guard_budgets SET per_second = 10 WHERE role IN ('of_user', 'of_manager') AND class = 'list';
INSERT INTO guard_signal_weights (kind, weight) VALUES ('pace', 50);
INSERT INTO guard_settings (name, value) VALUES ('pace_seconds', 1);

-- The budgets and signals of migration 0018 stay as they are, under another name; guard_check
-- asks them first, then the pace.
ALTER FUNCTION guard_check(uuid, text, uuid[], uuid[], integer, timestamptz) RENAME TO guard_budget_check;

CREATE FUNCTION guard_check(actor uuid, purpose text, asked uuid[], allowed uuid[], breadth integer,
    now_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  verdict text := guard_budget_check(actor, purpose, asked, allowed, breadth, now_at);
  today date := (now_at AT TIME ZONE 'Europe/Paris')::date;
  acc record;
  cls text;
  cap integer;
  span numeric;
  recent integer;
  mine integer;
  score integer;
BEGIN
  IF verdict <> 'allow' OR actor IS NULL OR cardinality(allowed) = 0 THEN
    RETURN verdict;
  END IF;
  SELECT a.role INTO acc FROM accounts a WHERE a.id = actor;
  SELECT g.class INTO cls FROM guard_purposes g WHERE g.name = purpose;
  SELECT COALESCE(b.per_second, d.per_second) INTO cap
    FROM (SELECT 1) AS one
    LEFT JOIN guard_budgets b ON b.role = acc.role AND b.class = cls
    LEFT JOIN guard_budgets d ON d.role = '*' AND d.class = cls;
  span := (SELECT value FROM guard_settings WHERE name = 'pace_seconds');
  IF cap IS NULL OR span IS NULL THEN
    RETURN verdict;
  END IF;
  -- The people first read within the span, this request's included (their first_at is now_at);
  -- the index on (account_id, class, first_at) bounds it by what one span can hold.
  SELECT count(*)::int, (count(*) FILTER (WHERE r.first_at = now_at))::int INTO recent, mine
    FROM guard_reads r
    WHERE r.account_id = actor AND r.class = cls
      AND r.first_at > now_at - make_interval(secs => span::double precision) AND r.first_at <= now_at;
  IF recent <= cap OR mine = 0 THEN
    RETURN verdict;
  END IF;
  DELETE FROM guard_reads r WHERE r.account_id = actor AND r.day = today AND r.class = cls AND r.first_at = now_at;
  UPDATE guard_totals t SET total = t.total - mine WHERE t.account_id = actor AND t.day = today AND t.class = cls;
  PERFORM guard_signal(actor, now_at, 'pace',
    jsonb_build_object('finalite', purpose, 'classe', cls, 'personnes', recent, 'plafond', cap, 'secondes', span));
  score := guard_score(actor, now_at);
  IF score >= (SELECT value FROM guard_settings WHERE name = 'suspend_score') THEN
    UPDATE accounts SET status = 'suspended', suspended_at = now_at, suspended_by = NULL WHERE id = actor;
    RETURN 'suspend';
  END IF;
  INSERT INTO guard_step_ups (account_id, asked_at) VALUES (actor, now_at)
    ON CONFLICT (account_id) DO UPDATE SET asked_at = EXCLUDED.asked_at;
  RETURN 'step_up';
END $$;
