-- The guard's cost on every read (issue 7's bench). With the guard, the door's throughput had
-- halved (docs/BENCHMARKS.md). Measured in one run, guard_check swapped for variants of itself
-- (bench, concurrency 32, the PostgreSQL processes' CPU per read): the guard cost about 215 µs
-- of the server's CPU per read, of which its first query, the account and everything the
-- decision needs, took 125 to 170 µs (a plan of a dozen nodes, started and torn down at every
-- call), and its writes about 50 µs.
--
-- A door statement carries several reads at once (src/vault/batcher.ts). Their accounts'
-- contexts are now looked up together, in one set-based query per statement
-- (guard_contexts), and each read's decision (guard_decide) takes its account's context instead
-- of looking it up again. The rules, their order and their evidence are migration 0021's:
--  - the context is the same query as 0021's first two (the account, its purpose's class, its
--    budgets, the kill switches, the settings, its last second-factor check in a live session,
--    its score, its answered step-up), run for many accounts at once;
--  - an account's own decision can change its context (a signal, a step-up, a suspension), so
--    the door hands the statement's context to an account's first read in it only; a second
--    read of the same account in the same statement looks its own context up, and sees what
--    the first one wrote, as before (src/guard/guard.test.ts, « decides one account's reads
--    merged into one statement one after the other »);
--  - the ids probed are counted only when some id asked is not allowed, which an array
--    comparison tells without a query;
--  - the charge and the day's counter are one statement (data-modifying CTEs; the counter is
--    added to only when someone was fresh, as before), after the hour worked;
--  - the contexts handed over are read in the statement's snapshot, taken when it began, where
--    0021 looked them up when each decision began: a suspension or a kill switch committed by
--    another transaction in between (the scope's run and the earlier decisions of the same
--    statement, a few milliseconds) reaches that account's first read in the statement only
--    from its next statement on. 0021 had the same gap, from the decision's start instead.
-- guard_check keeps its signature and its answers: it is guard_decide without a context (a
-- search's entry, the tests). Measured the same way, with the decision looking its context up
-- at every read against the statement's contexts: 377 against 250 µs of the server's CPU per
-- read (160 with a guard that only answers 'allow'), and 3,049 against 4,109 reads a second.

CREATE TYPE guard_context AS (
  actor uuid,
  role text,
  status text,
  read_ceiling_per_day integer,
  known boolean,
  cls text,
  paced boolean,
  cap_w integer,
  cap_d integer,
  floor_d integer,
  per_second integer,
  closed boolean,
  step_up numeric,
  suspend numeric,
  score_minutes numeric,
  window_minutes numeric,
  history_days numeric,
  history_factor numeric,
  broad numeric,
  broad_share numeric,
  probes numeric,
  usual_days numeric,
  known_days numeric,
  pace_seconds numeric,
  mfa timestamptz,
  score integer,
  answered boolean
);

-- What the guard needs to decide on each account's read of `purpose` at `now_at`, for many
-- accounts in one query. An account that does not exist has no row (its read is denied).
CREATE FUNCTION guard_contexts(actors uuid[], purpose text, now_at timestamptz) RETURNS SETOF guard_context
LANGUAGE sql STABLE AS $$
  SELECT a.id AS actor, a.role, a.status, a.read_ceiling_per_day,
         g.name IS NOT NULL AS known, g.class AS cls, g.paced,
         COALESCE(o.per_window, b.per_window, d.per_window) AS cap_w,
         COALESCE(o.per_day, b.per_day, d.per_day) AS cap_d,
         COALESCE(b.floor_day, d.floor_day) AS floor_d,
         COALESCE(b.per_second, d.per_second) AS per_second,
         EXISTS (SELECT 1 FROM guard_switches w WHERE w.lifted_at IS NULL AND (
           (w.level = 'account' AND w.target = a.id::text)
           OR (w.level = 'organisation' AND w.target = a.organisation_id::text)
           OR (w.level = 'surface' AND w.target = g.surface))) AS closed,
         st.*, m.mfa,
         CASE WHEN a.role NOT IN ('candidate', 'job_seeker') THEN
           (SELECT COALESCE(sum(s.weight), 0) FROM guard_signals s WHERE s.account_id = a.id
             AND s.at > guard_contexts.now_at - make_interval(mins => st.score_minutes::int) AND s.at >= m.mfa)::int END AS score,
         CASE WHEN a.role NOT IN ('candidate', 'job_seeker') THEN
           EXISTS (SELECT 1 FROM guard_step_ups u WHERE u.account_id = a.id
             AND (u.asked_at AT TIME ZONE 'Europe/Paris')::date = (guard_contexts.now_at AT TIME ZONE 'Europe/Paris')::date AND u.asked_at < m.mfa) END AS answered
    FROM accounts a
    LEFT JOIN guard_purposes g ON g.name = guard_contexts.purpose
    LEFT JOIN guard_organisation_budgets o ON o.organisation_id = a.organisation_id AND o.class = g.class
    LEFT JOIN guard_budgets b ON b.role = a.role AND b.class = g.class
    LEFT JOIN guard_budgets d ON d.role = '*' AND d.class = g.class
    CROSS JOIN (SELECT
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
    CROSS JOIN LATERAL (SELECT COALESCE(max(x.mfa_at), '-infinity'::timestamptz) AS mfa FROM sessions x
      WHERE x.account_id = a.id AND x.ended_at IS NULL) AS m
    WHERE a.id = ANY(guard_contexts.actors)
$$;

-- The guard's decision on one request through the door: 'allow', 'step_up', 'suspend', 'deny'
-- (no such account, suspended, or a guard without its configuration) or 'closed' (a kill
-- switch), migration 0021's rules in its order (see there). `ctx` is the account's context
-- from guard_contexts, or NULL for the function to look it up.
CREATE FUNCTION guard_decide(ctx guard_context, actor uuid, purpose text, asked uuid[], allowed uuid[],
    breadth integer, extent integer, now_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
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
  IF ctx.actor IS DISTINCT FROM actor THEN
    SELECT * INTO ctx FROM guard_contexts(ARRAY[actor], purpose, now_at);
  END IF;
  IF ctx.actor IS NULL OR ctx.status = 'suspended' THEN
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
  IF ctx.step_up IS NULL OR ctx.suspend IS NULL OR ctx.window_minutes IS NULL
     OR ctx.score_minutes IS NULL THEN
    RETURN 'deny';
  END IF;
  mfa := ctx.mfa;

  -- 2. This request's own signals.
  IF NOT (asked <@ COALESCE(allowed, '{}')) THEN
    probed := (SELECT count(*) FROM (SELECT unnest(asked) EXCEPT SELECT unnest(allowed)) AS x)::int;
    PERFORM guard_signal(actor, now_at, 'out_of_scope',
      jsonb_build_object('finalite', purpose, 'demandes', cardinality(asked), 'hors_perimetre', probed));
    flagged := true;
    IF (SELECT count(*) FROM guard_signals s WHERE s.account_id = actor AND s.kind = 'out_of_scope'
        AND s.at > now_at - make_interval(mins => ctx.window_minutes::int)) >= ctx.probes
       AND NOT EXISTS (SELECT 1 FROM guard_signals s WHERE s.account_id = actor AND s.kind = 'enumeration'
        AND s.at > now_at - make_interval(mins => ctx.window_minutes::int)) THEN
      PERFORM guard_signal(actor, now_at, 'enumeration', jsonb_build_object('finalite', purpose));
    END IF;
  END IF;
  -- Below its share of what its scope covers, a search is not broad, however many it matched.
  IF breadth IS NOT NULL AND breadth >= ctx.broad
     AND (extent IS NULL OR ctx.broad_share IS NULL OR breadth >= ceil(ctx.broad_share * extent)) THEN
    PERFORM guard_signal(actor, now_at, 'broad_search',
      jsonb_build_object('finalite', purpose, 'etendue', breadth, 'seuil', ctx.broad));
    flagged := true;
  END IF;
  IF ctx.cls = 'file' AND cardinality(allowed) > 0 THEN
    SELECT count(DISTINCT h.day), count(*) FILTER (WHERE h.hour = hr) INTO known_days, usual_days
      FROM guard_hours h WHERE h.account_id = actor AND h.day < today AND h.day >= today - ctx.history_days::int;
    IF known_days >= ctx.known_days AND usual_days < ctx.usual_days
       AND EXISTS (SELECT 1 FROM unnest(allowed) AS x(id) WHERE NOT EXISTS (
            SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.day = today AND r.class = ctx.cls
              AND r.person_id = x.id)) THEN
      PERFORM guard_signal(actor, now_at, 'off_hours', jsonb_build_object('finalite', purpose, 'heure', hr));
      flagged := true;
    END IF;
  END IF;

  -- 3. The score of the signals not yet answered.
  score := ctx.score;
  IF flagged THEN
    -- This request's own signals count too.
    score := (SELECT COALESCE(sum(s.weight), 0) FROM guard_signals s WHERE s.account_id = actor
      AND s.at > now_at - make_interval(mins => ctx.score_minutes::int) AND s.at >= mfa)::int;
  END IF;
  IF score >= ctx.step_up AND score < ctx.suspend THEN
    INSERT INTO guard_step_ups (account_id, asked_at) VALUES (actor, now_at) ON CONFLICT (account_id) DO UPDATE
      SET asked_at = EXCLUDED.asked_at WHERE guard_step_ups.asked_at < mfa;
    IF NOT flagged THEN
      score := score + guard_signal(actor, now_at, 'refused', jsonb_build_object('finalite', purpose));
    END IF;
  END IF;
  IF score >= ctx.suspend THEN
    UPDATE accounts SET status = 'suspended', suspended_at = now_at, suspended_by = NULL WHERE id = actor;
    RETURN 'suspend';
  END IF;
  IF score >= ctx.step_up THEN
    RETURN 'step_up';
  END IF;
  IF cardinality(allowed) = 0 THEN
    RETURN 'allow';
  END IF;

  -- 4. The budgets of fresh people.
  -- The hour worked first, on its own: the order of the data-modifying CTEs below is not
  -- PostgreSQL's to promise, and an hour's row taken after the counter's could deadlock with a
  -- read of the same account in another statement. Then one statement charges the fresh people
  -- and adds to the day's counter. The counter's row is this account's alone and stays locked
  -- until the read commits, so one account's concurrent reads count exactly, and the window is
  -- counted after it. No fresh person: no counter is touched, and the read is allowed.
  INSERT INTO guard_hours (account_id, day, hour) VALUES (actor, today, hr) ON CONFLICT DO NOTHING;
  WITH charged AS (
      INSERT INTO guard_reads (account_id, day, class, person_id, first_at)
        SELECT actor, today, ctx.cls, x, now_at FROM unnest(allowed) AS x ON CONFLICT DO NOTHING RETURNING person_id),
    counted AS (
      INSERT INTO guard_totals AS t (account_id, day, class, total)
        SELECT actor, today, ctx.cls, count(*) FROM charged HAVING count(*) > 0
        ON CONFLICT (account_id, day, class) DO UPDATE SET total = t.total + EXCLUDED.total
        RETURNING t.total)
  SELECT (SELECT array_agg(person_id) FROM charged), (SELECT c.total FROM counted c) INTO fresh, total;
  IF fresh IS NULL THEN
    RETURN 'allow';
  END IF;
  n_fresh := cardinality(fresh);
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
        WHERE t.account_id = actor AND t.class = ctx.cls AND t.day < today AND t.day >= today - ctx.history_days::int;
      cap_d := least(cap_d, greatest(floor_d, ceil(ctx.history_factor * COALESCE(p99, 0))::int));
    END IF;
    IF ctx.answered THEN
      mult := 2;
    END IF;
    -- Every person first read within the window was first read today (unless the window began
    -- before midnight), so a day's total within the window's budget needs no count; past it,
    -- the count stops one past the budget. Either way its cost is bounded by the budget, not by
    -- the day's reads.
    IF total <= ctx.cap_w * mult
       AND now_at - make_interval(mins => ctx.window_minutes::int) >= (today::timestamp AT TIME ZONE 'Europe/Paris') THEN
      win := total;
    ELSE
      win := (SELECT count(*) FROM (SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.class = ctx.cls
              AND r.first_at > now_at - make_interval(mins => ctx.window_minutes::int)
              LIMIT ctx.cap_w * mult + 1) AS w)::int;
    END IF;
    IF win > ctx.cap_w * mult OR total > cap_d * mult THEN
      IF win = total AND total <= ctx.cap_w * mult THEN
        -- Over the daily budget with the window's count skipped: its evidence counts it.
        win := (SELECT count(*) FROM (SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.class = ctx.cls
                AND r.first_at > now_at - make_interval(mins => ctx.window_minutes::int)
                LIMIT ctx.cap_w * mult + 1) AS w)::int;
      END IF;
      refusal := CASE WHEN mult = 2 THEN 'budget_again' ELSE 'budget' END;
      evidence := jsonb_build_object('finalite', purpose, 'classe', ctx.cls, 'fenetre', win,
        'plafond_fenetre', ctx.cap_w * mult, 'jour', total, 'plafond_jour', cap_d * mult);
    ELSIF ctx.paced AND ctx.per_second IS NOT NULL AND ctx.pace_seconds IS NOT NULL THEN
      -- 5. The pace: the people first read within the span, this request's included.
      recent := (SELECT count(*) FROM (SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.class = ctx.cls
        AND r.first_at > now_at - make_interval(secs => ctx.pace_seconds::double precision)
        AND r.first_at <= now_at LIMIT ctx.per_second + 1) AS p)::int;
      IF recent > ctx.per_second THEN
        refusal := 'pace';
        evidence := jsonb_build_object('finalite', purpose, 'classe', ctx.cls, 'personnes', recent,
          'plafond', ctx.per_second, 'secondes', ctx.pace_seconds);
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
  IF score >= ctx.suspend THEN
    UPDATE accounts SET status = 'suspended', suspended_at = now_at, suspended_by = NULL WHERE id = actor;
    RETURN 'suspend';
  END IF;
  INSERT INTO guard_step_ups (account_id, asked_at) VALUES (actor, now_at)
    ON CONFLICT (account_id) DO UPDATE SET asked_at = EXCLUDED.asked_at;
  RETURN 'step_up';
END $$;

-- One request, its context looked up: the door's searches, and the tests.
CREATE OR REPLACE FUNCTION guard_check(actor uuid, purpose text, asked uuid[], allowed uuid[], breadth integer,
    extent integer, now_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN guard_decide(NULL::guard_context, actor, purpose, asked, allowed, breadth, extent, now_at);
END $$;
