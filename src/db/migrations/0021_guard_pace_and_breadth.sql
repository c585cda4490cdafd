-- The guard's pace and the breadth of a search by its share (issue 11), on migration 0018's
-- guard. One function still decides every read, inside the door's statement.
--
-- The pace. A person reads a page, then asks for the next one; a script in the victim's own
-- browser asks for page after page, four a second, with the victim's session and device key.
-- The attack bench showed it read 127 people before any budget stopped it, because one budget
-- that low would stop an OF user's ordinary morning too. A pace limit does not: no more than
-- `per_second` people first read today within `pace_seconds`, counting this request's. A read
-- that would go over is refused and uncharged, and weighs a 'pace' signal (50: a step-up at
-- once; the script, which cannot answer it, is then suspended by its own refused reads). NULL:
-- no pace for that role and class. It counts only where a purpose is paced, where a page names
-- ten people at most: the OF portal's lists of trainees (src/guard/policy.ts sets `paced` from
-- the purpose's surface at each start; src/training/training.policy.ts caps those pages). An
-- RGC's page of its organisation's accounts names more, at once, and is not paced.
ALTER TABLE guard_budgets ADD COLUMN per_second integer CHECK (per_second > 0);
UPDATE guard_budgets SET per_second = 10 WHERE role IN ('of_user', 'of_manager') AND class = 'list';
ALTER TABLE guard_purposes ADD COLUMN paced boolean NOT NULL DEFAULT false;
INSERT INTO guard_signal_weights (kind, weight) VALUES ('pace', 50);
INSERT INTO guard_settings (name, value) VALUES ('pace_seconds', 1);

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

-- guard_check gains the extent, and is written whole again with fewer queries than 0018's: the
-- account, its purpose's class, its budgets and the kill switches come in one query; the
-- settings, its last second-factor check, its score and its answered step-up in another; its
-- usual hours in one. Same rules, same order, same evidence as 0018, with two differences on
-- purpose: a missing score_minutes refuses, as the other settings do, where it made the score
-- 0; and the window's count is bounded by its budget (see below).
DROP FUNCTION guard_check(uuid, text, uuid[], uuid[], integer, timestamptz);

-- The guard's decision on one request through the door: 'allow', 'step_up', 'suspend', 'deny'
-- (no such account, suspended, or a guard without its configuration) or 'closed' (a kill
-- switch). It sees the ids asked, the ids the scope allowed, the purpose, a search's breadth and
-- what the search's scope covers in all (its extent), even when nothing is in scope. In order:
--  1. the account is active, and no kill switch covers it, its organisation or the surface;
--  2. this request's signals: ids out of scope, runs of them (enumeration), a search too broad
--     (at least broad_search_breadth matches, and broad_search_share of its extent if it has
--     one), fresh files read at an hour the account never works;
--  3. the score of recent unanswered signals: suspend, or ask for a step-up (a read while one
--     is asked is a signal of its own, so an attacker who cannot answer it is soon suspended);
--  4. the budgets of fresh people (first read today) of the purpose's class, per sliding window
--     and per day; the daily one learns from the account's history; a step-up answered today
--     doubles both once, and going over again suspends;
--  5. the pace, for the purposes it covers (guard_purposes.paced): no more than per_second
--     fresh people within pace_seconds, this request's included.
-- A refused request is not charged. Nothing here grows with the reads already made that day:
-- the day's counter is one row, and the window's and the pace's counts stop one past their
-- budgets (so the evidence of a refusal says « budget + 1 » at most).
CREATE FUNCTION guard_check(actor uuid, purpose text, asked uuid[], allowed uuid[], breadth integer,
    extent integer, now_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  ctx record;
  setting record;
  local timestamp := now_at AT TIME ZONE 'Europe/Paris';
  today date := local::date;
  hr smallint := extract(hour FROM local)::smallint;
  mfa timestamptz;
  probed integer;
  known_days integer;
  usual_days integer;
  flagged boolean := false;
  score integer;
  fresh uuid[];
  n_fresh integer;
  win integer;
  total integer;
  cap_d integer;
  floor_d integer;
  p99 numeric;
  mult integer := 1;
  recent integer;
  refusal text;
  evidence jsonb;
BEGIN
  IF actor IS NULL THEN
    RETURN 'allow'; -- the platform's own work, never a person's session
  END IF;
  SELECT a.role, a.organisation_id, a.status, a.read_ceiling_per_day,
         g.name IS NOT NULL AS known, g.class AS cls, g.surface AS surf, g.paced,
         COALESCE(o.per_window, b.per_window, d.per_window) AS cap_w,
         COALESCE(o.per_day, b.per_day, d.per_day) AS cap_d,
         COALESCE(b.floor_day, d.floor_day) AS floor_d,
         COALESCE(b.per_second, d.per_second) AS per_second,
         EXISTS (SELECT 1 FROM guard_switches w WHERE w.lifted_at IS NULL AND (
           (w.level = 'account' AND w.target = actor::text)
           OR (w.level = 'organisation' AND w.target = a.organisation_id::text)
           OR (w.level = 'surface' AND w.target = g.surface))) AS closed
    INTO ctx
    FROM accounts a
    LEFT JOIN guard_purposes g ON g.name = purpose
    LEFT JOIN guard_organisation_budgets o ON o.organisation_id = a.organisation_id AND o.class = g.class
    LEFT JOIN guard_budgets b ON b.role = a.role AND b.class = g.class
    LEFT JOIN guard_budgets d ON d.role = '*' AND d.class = g.class
    WHERE a.id = actor;
  IF NOT FOUND OR ctx.status = 'suspended' THEN
    RETURN 'deny';
  END IF;
  IF ctx.role IN ('candidate', 'job_seeker') THEN
    RETURN 'allow'; -- citizens reach only their own data
  END IF;
  IF NOT ctx.known THEN
    RETURN 'deny';
  END IF;
  IF ctx.closed THEN
    RETURN 'closed';
  END IF;
  IF ctx.cls = 'self' THEN
    RETURN 'allow'; -- one's own account: the page that answers a step-up reads it too
  END IF;
  -- The settings, the account's last second-factor check in a live session (it answers the
  -- signals before it), the score of its unanswered signals, and whether a step-up it was asked
  -- today has been answered since: one query.
  SELECT st.*, m.mfa,
    (SELECT COALESCE(sum(s.weight), 0) FROM guard_signals s WHERE s.account_id = actor
      AND s.at > now_at - make_interval(mins => st.score_minutes::int) AND s.at >= m.mfa)::int AS score,
    EXISTS (SELECT 1 FROM guard_step_ups u WHERE u.account_id = actor
      AND (u.asked_at AT TIME ZONE 'Europe/Paris')::date = today AND u.asked_at < m.mfa) AS answered
  INTO setting
  FROM (SELECT
      max(value) FILTER (WHERE name = 'step_up_score') AS step_up,
      max(value) FILTER (WHERE name = 'suspend_score') AS suspend,
      max(value) FILTER (WHERE name = 'score_minutes') AS score_minutes,
      max(value) FILTER (WHERE name = 'window_minutes') AS window_minutes,
      max(value) FILTER (WHERE name = 'history_days') AS history_days,
      max(value) FILTER (WHERE name = 'history_factor') AS history_factor,
      max(value) FILTER (WHERE name = 'broad_search_breadth') AS broad,
      max(value) FILTER (WHERE name = 'broad_search_share') AS broad_share,
      max(value) FILTER (WHERE name = 'enumeration_probes') AS probes,
      max(value) FILTER (WHERE name = 'usual_hour_days') AS usual_days,
      max(value) FILTER (WHERE name = 'off_hours_history_days') AS known_days,
      max(value) FILTER (WHERE name = 'pace_seconds') AS pace_seconds
    FROM guard_settings) AS st
  CROSS JOIN (SELECT COALESCE(max(x.mfa_at), '-infinity'::timestamptz) AS mfa FROM sessions x
    WHERE x.account_id = actor AND x.ended_at IS NULL) AS m;
  IF setting.step_up IS NULL OR setting.suspend IS NULL OR setting.window_minutes IS NULL
     OR setting.score_minutes IS NULL THEN
    RETURN 'deny';
  END IF;
  mfa := setting.mfa;

  -- 2. This request's own signals.
  probed := (SELECT count(*) FROM (SELECT unnest(asked) EXCEPT SELECT unnest(allowed)) AS x)::int;
  IF probed > 0 THEN
    PERFORM guard_signal(actor, now_at, 'out_of_scope',
      jsonb_build_object('finalite', purpose, 'demandes', cardinality(asked), 'hors_perimetre', probed));
    flagged := true;
    IF (SELECT count(*) FROM guard_signals s WHERE s.account_id = actor AND s.kind = 'out_of_scope'
        AND s.at > now_at - make_interval(mins => setting.window_minutes::int)) >= setting.probes
       AND NOT EXISTS (SELECT 1 FROM guard_signals s WHERE s.account_id = actor AND s.kind = 'enumeration'
        AND s.at > now_at - make_interval(mins => setting.window_minutes::int)) THEN
      PERFORM guard_signal(actor, now_at, 'enumeration', jsonb_build_object('finalite', purpose));
    END IF;
  END IF;
  -- Below its share of what its scope covers, a search is not broad, however many it matched.
  IF breadth IS NOT NULL AND breadth >= setting.broad
     AND (extent IS NULL OR setting.broad_share IS NULL OR breadth >= ceil(setting.broad_share * extent)) THEN
    PERFORM guard_signal(actor, now_at, 'broad_search',
      jsonb_build_object('finalite', purpose, 'etendue', breadth, 'seuil', setting.broad));
    flagged := true;
  END IF;
  IF ctx.cls = 'file' AND cardinality(allowed) > 0 THEN
    SELECT count(DISTINCT h.day), count(*) FILTER (WHERE h.hour = hr) INTO known_days, usual_days
      FROM guard_hours h WHERE h.account_id = actor AND h.day < today AND h.day >= today - setting.history_days::int;
    IF known_days >= setting.known_days AND usual_days < setting.usual_days
       AND EXISTS (SELECT 1 FROM unnest(allowed) AS x(id) WHERE NOT EXISTS (
            SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.day = today AND r.class = ctx.cls
              AND r.person_id = x.id)) THEN
      PERFORM guard_signal(actor, now_at, 'off_hours', jsonb_build_object('finalite', purpose, 'heure', hr));
      flagged := true;
    END IF;
  END IF;

  -- 3. The score of the signals not yet answered.
  score := setting.score;
  IF flagged THEN
    -- This request's own signals count too.
    score := (SELECT COALESCE(sum(s.weight), 0) FROM guard_signals s WHERE s.account_id = actor
      AND s.at > now_at - make_interval(mins => setting.score_minutes::int) AND s.at >= mfa)::int;
  END IF;
  IF score >= setting.step_up AND score < setting.suspend THEN
    INSERT INTO guard_step_ups (account_id, asked_at) VALUES (actor, now_at) ON CONFLICT (account_id) DO UPDATE
      SET asked_at = EXCLUDED.asked_at WHERE guard_step_ups.asked_at < mfa;
    IF NOT flagged THEN
      score := score + guard_signal(actor, now_at, 'refused', jsonb_build_object('finalite', purpose));
    END IF;
  END IF;
  IF score >= setting.suspend THEN
    UPDATE accounts SET status = 'suspended', suspended_at = now_at, suspended_by = NULL WHERE id = actor;
    RETURN 'suspend';
  END IF;
  IF score >= setting.step_up THEN
    RETURN 'step_up';
  END IF;
  IF cardinality(allowed) = 0 THEN
    RETURN 'allow';
  END IF;

  -- 4. The budgets of fresh people.
  WITH charged AS (
    INSERT INTO guard_reads (account_id, day, class, person_id, first_at)
      SELECT actor, today, ctx.cls, x, now_at FROM unnest(allowed) AS x ON CONFLICT DO NOTHING RETURNING person_id)
  SELECT array_agg(person_id) INTO fresh FROM charged;
  INSERT INTO guard_hours (account_id, day, hour) VALUES (actor, today, hr) ON CONFLICT DO NOTHING;
  IF fresh IS NULL THEN
    RETURN 'allow';
  END IF;
  n_fresh := cardinality(fresh);
  -- The counter's row is this account's alone and stays locked until the read commits, so one
  -- account's concurrent reads count exactly, and the window is counted after it.
  INSERT INTO guard_totals AS t (account_id, day, class, total) VALUES (actor, today, ctx.cls, n_fresh)
    ON CONFLICT (account_id, day, class) DO UPDATE SET total = t.total + EXCLUDED.total
    RETURNING t.total INTO total;
  IF ctx.cap_w IS NULL OR ctx.cap_d IS NULL THEN
    refusal := 'deny'; -- no budget configured: nothing is allowed (fail closed)
  ELSE
    cap_d := ctx.cap_d;
    IF ctx.read_ceiling_per_day IS NOT NULL THEN
      cap_d := least(cap_d, ctx.read_ceiling_per_day);
    END IF;
    floor_d := least(ctx.floor_d, cap_d);
    IF total > floor_d THEN
      -- Only past the floor is the history read: most reads never get here.
      SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY t.total) INTO p99 FROM guard_totals t
        WHERE t.account_id = actor AND t.class = ctx.cls AND t.day < today AND t.day >= today - setting.history_days::int;
      cap_d := least(cap_d, greatest(floor_d, ceil(setting.history_factor * COALESCE(p99, 0))::int));
    END IF;
    IF setting.answered THEN
      mult := 2;
    END IF;
    -- Every person first read within the window was first read today (unless the window began
    -- before midnight), so a day's total within the window's budget needs no count; past it,
    -- the count stops one past the budget. Either way its cost is bounded by the budget, not by
    -- the day's reads.
    IF total <= ctx.cap_w * mult
       AND now_at - make_interval(mins => setting.window_minutes::int) >= (today::timestamp AT TIME ZONE 'Europe/Paris') THEN
      win := total;
    ELSE
      win := (SELECT count(*) FROM (SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.class = ctx.cls
              AND r.first_at > now_at - make_interval(mins => setting.window_minutes::int)
              LIMIT ctx.cap_w * mult + 1) AS w)::int;
    END IF;
    IF win > ctx.cap_w * mult OR total > cap_d * mult THEN
      IF win = total AND total <= ctx.cap_w * mult THEN
        -- Over the daily budget with the window's count skipped: its evidence counts it.
        win := (SELECT count(*) FROM (SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.class = ctx.cls
                AND r.first_at > now_at - make_interval(mins => setting.window_minutes::int)
                LIMIT ctx.cap_w * mult + 1) AS w)::int;
      END IF;
      refusal := CASE WHEN mult = 2 THEN 'budget_again' ELSE 'budget' END;
      evidence := jsonb_build_object('finalite', purpose, 'classe', ctx.cls, 'fenetre', win,
        'plafond_fenetre', ctx.cap_w * mult, 'jour', total, 'plafond_jour', cap_d * mult);
    ELSIF ctx.paced AND ctx.per_second IS NOT NULL AND setting.pace_seconds IS NOT NULL THEN
      -- 5. The pace: the people first read within the span, this request's included.
      recent := (SELECT count(*) FROM (SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.class = ctx.cls
        AND r.first_at > now_at - make_interval(secs => setting.pace_seconds::double precision)
        AND r.first_at <= now_at LIMIT ctx.per_second + 1) AS p)::int;
      IF recent > ctx.per_second THEN
        refusal := 'pace';
        evidence := jsonb_build_object('finalite', purpose, 'classe', ctx.cls, 'personnes', recent,
          'plafond', ctx.per_second, 'secondes', setting.pace_seconds);
      END IF;
    END IF;
  END IF;
  IF refusal IS NULL THEN
    RETURN 'allow';
  END IF;
  -- Refused: the fresh people of this request are not charged.
  DELETE FROM guard_reads r WHERE r.account_id = actor AND r.day = today AND r.class = ctx.cls AND r.person_id = ANY(fresh);
  UPDATE guard_totals t SET total = t.total - n_fresh WHERE t.account_id = actor AND t.day = today AND t.class = ctx.cls;
  IF refusal = 'deny' THEN
    RETURN 'deny';
  END IF;
  score := score + guard_signal(actor, now_at, refusal, evidence);
  IF score >= setting.suspend THEN
    UPDATE accounts SET status = 'suspended', suspended_at = now_at, suspended_by = NULL WHERE id = actor;
    RETURN 'suspend';
  END IF;
  INSERT INTO guard_step_ups (account_id, asked_at) VALUES (actor, now_at)
    ON CONFLICT (account_id) DO UPDATE SET asked_at = EXCLUDED.asked_at;
  RETURN 'step_up';
END $$;
