-- The guard (issue 11): read budgets per 10 minutes and per day, weighted signals, step-up then
-- suspension, the kill switch. Everything the guard decides from lives here, in the database,
-- so that every server process sharing it shares the budgets; guard_check() reads it inside
-- the door's own statement, so a guard that cannot reach its store makes the read fail.

-- Numbers the officers may tune:
CREATE TABLE guard_settings (
  name text PRIMARY KEY,
  value numeric NOT NULL CHECK (value >= 0)
);
-- step_up_score: a score this high asks for a step-up; suspend_score: this high suspends;
-- score_minutes: signals older than this no longer count; window_minutes: the short budget's
-- sliding window; history_days: the past days a daily budget learns from; history_factor: the
-- daily budget is this times the p99 of those days; broad_search_breadth: a search matching this
-- many records in scope is too broad; enumeration_probes: this many requests with ids out of
-- scope within a window look enumerated; usual_hour_days: an hour is usual once read at on this
-- many past days; off_hours_history_days: off-hours are judged once this many days are known;
-- account_burst_count accounts asked for by one person within account_burst_minutes is a burst.
INSERT INTO guard_settings (name, value) VALUES
  ('step_up_score', 50), ('suspend_score', 100), ('score_minutes', 60), ('window_minutes', 10),
  ('history_days', 30), ('history_factor', 1.5), ('broad_search_breadth', 200),
  ('enumeration_probes', 3), ('usual_hour_days', 2), ('off_hours_history_days', 10),
  ('account_burst_count', 2), ('account_burst_minutes', 60);

-- The weight of each kind of signal in the score (src/guard/signals.ts says what each means).
CREATE TABLE guard_signal_weights (
  kind text PRIMARY KEY,
  weight integer NOT NULL CHECK (weight >= 0)
);
INSERT INTO guard_signal_weights (kind, weight) VALUES
  ('out_of_scope', 10), ('enumeration', 40), ('broad_search', 50), ('new_context', 50),
  ('off_hours', 20), ('account_burst', 50), ('budget', 50), ('budget_again', 100),
  ('refused', 10), ('canary', 100);

-- Each signal, with its evidence: ids, counts and codes only, never personal data.
CREATE TABLE guard_signals (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  weight integer NOT NULL,
  evidence jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX guard_signals_recent ON guard_signals (account_id, at);

-- Budgets of distinct people, by role ('*' for any other) and by class: 'file' counts the
-- records opened one at a time (a file, a contact, a profile), 'list' those shown in lists and
-- search results. per_day is the cap; floor_day the budget of an account without history;
-- between them the account's history sets it (history_factor × its p99).
CREATE TABLE guard_budgets (
  role text NOT NULL,
  class text NOT NULL CHECK (class IN ('file', 'list')),
  per_window integer NOT NULL CHECK (per_window > 0),
  per_day integer NOT NULL CHECK (per_day > 0),
  floor_day integer NOT NULL CHECK (floor_day > 0),
  PRIMARY KEY (role, class),
  CHECK (floor_day <= per_day)
);
INSERT INTO guard_budgets (role, class, per_window, per_day, floor_day) VALUES
  ('*', 'file', 10, 60, 10), ('*', 'list', 200, 600, 200),
  ('of_user', 'file', 10, 60, 10), ('of_user', 'list', 200, 600, 150),
  ('of_manager', 'file', 10, 60, 10), ('of_manager', 'list', 200, 600, 150),
  ('advisor', 'file', 15, 120, 20), ('advisor', 'list', 300, 1000, 300),
  ('recruiter', 'file', 15, 100, 15), ('recruiter', 'list', 200, 600, 150),
  ('recruiter_manager', 'file', 10, 80, 10), ('recruiter_manager', 'list', 200, 600, 150),
  ('admin', 'file', 10, 50, 10), ('admin', 'list', 300, 1000, 300),
  ('security_officer', 'file', 10, 50, 10), ('security_officer', 'list', 300, 1000, 300);

-- An organisation's own caps, tighter or wider than its roles'.
CREATE TABLE guard_organisation_budgets (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  class text NOT NULL CHECK (class IN ('file', 'list')),
  per_window integer NOT NULL CHECK (per_window > 0),
  per_day integer NOT NULL CHECK (per_day > 0),
  PRIMARY KEY (organisation_id, class)
);

-- Every purpose the platform runs, with its class and its surface, written at each start from
-- the purposes the domains declared. A purpose missing here is denied (fail closed).
CREATE TABLE guard_purposes (
  name text PRIMARY KEY,
  class text NOT NULL CHECK (class IN ('file', 'list', 'self')),
  surface text
);

-- The people each account read, by day and class, with the moment of the first read: the
-- daily budget counts the rows of a day, the window budget those first read in its window.
DROP TABLE guard_daily_reads;
DROP TABLE guard_day_totals;
DROP FUNCTION guard_check(uuid, text, uuid[], uuid[], integer, timestamptz);
DROP TABLE guard_policy;
CREATE TABLE guard_reads (
  account_id uuid NOT NULL,
  day date NOT NULL,
  class text NOT NULL,
  person_id uuid NOT NULL,
  first_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, day, class, person_id)
);
CREATE INDEX guard_reads_recent ON guard_reads (account_id, class, first_at);
-- One counter per account, day and class, so that charging costs the same at the first read
-- of the day and at the thousandth; the daily budget's history is read from it.
CREATE TABLE guard_totals (
  account_id uuid NOT NULL,
  day date NOT NULL,
  class text NOT NULL,
  total integer NOT NULL,
  PRIMARY KEY (account_id, day, class)
);
-- The hours (in France) at which each account read people, day by day: its usual hours.
CREATE TABLE guard_hours (
  account_id uuid NOT NULL,
  day date NOT NULL,
  hour smallint NOT NULL,
  PRIMARY KEY (account_id, day, hour)
);
-- A step-up the guard asked of an account, until a passkey or TOTP check answers it.
CREATE TABLE guard_step_ups (
  account_id uuid PRIMARY KEY REFERENCES accounts (id),
  asked_at timestamptz NOT NULL
);

-- The kill switch: one action, with a reason, stops an account, a whole organisation or a
-- whole surface; lifting it takes two people at the platform's level (one asks, another
-- confirms).
CREATE TABLE guard_switches (
  id uuid PRIMARY KEY,
  level text NOT NULL CHECK (level IN ('account', 'organisation', 'surface')),
  target text NOT NULL,
  reason text NOT NULL,
  set_by uuid REFERENCES accounts (id),
  set_at timestamptz NOT NULL,
  lift_requested_by uuid REFERENCES accounts (id),
  lift_requested_at timestamptz,
  lifted_by uuid REFERENCES accounts (id),
  lifted_at timestamptz
);
CREATE UNIQUE INDEX guard_switches_open ON guard_switches (level, target) WHERE lifted_at IS NULL;

-- A security alert may name the account it is about, for the console's lists.
ALTER TABLE security_alerts ADD COLUMN account_id uuid REFERENCES accounts (id);
ALTER TABLE security_alerts ADD COLUMN decided_by uuid REFERENCES accounts (id);
ALTER TABLE security_alerts ADD COLUMN decided_at timestamptz;
CREATE INDEX security_alerts_account ON security_alerts (account_id, raised_at);

-- A read refused because a kill switch is on.
ALTER TABLE access_log DROP CONSTRAINT IF EXISTS access_log_outcome_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_outcome_check
  CHECK (outcome IN ('allow', 'step_up', 'deny', 'suspend', 'closed'));

-- Records a signal against an account with its configured weight (0 for an unknown kind).
CREATE FUNCTION guard_signal(actor uuid, now_at timestamptz, signal_kind text, evidence jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  w integer := COALESCE((SELECT g.weight FROM guard_signal_weights g WHERE g.kind = signal_kind), 0);
BEGIN
  INSERT INTO guard_signals (account_id, at, kind, weight, evidence) VALUES (actor, now_at, signal_kind, w, evidence);
  RETURN w;
END $$;

-- The signals that count now: recent, and not answered by a later second-factor check (a
-- step-up or a login) in one of the account's live sessions.
CREATE FUNCTION guard_score(actor uuid, now_at timestamptz) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT COALESCE(sum(s.weight), 0)::int FROM guard_signals s
  WHERE s.account_id = actor
    AND s.at > now_at - make_interval(mins => (SELECT value FROM guard_settings WHERE name = 'score_minutes')::int)
    AND s.at >= COALESCE((SELECT max(x.mfa_at) FROM sessions x WHERE x.account_id = actor AND x.ended_at IS NULL),
                         '-infinity'::timestamptz)
$$;

-- The guard's decision on one request through the door: 'allow', 'step_up', 'suspend', 'deny'
-- (no such account, suspended, or a guard without its configuration) or 'closed' (a kill
-- switch). It sees the ids asked, the ids the scope allowed, the purpose and a search's breadth,
-- even when nothing is in scope, and records what it saw as signals. In order:
--  1. the account is active, and no kill switch covers it, its organisation or the surface;
--  2. this request's signals: ids out of scope, runs of them (enumeration), a search too broad,
--     fresh files read at an hour the account never works;
--  3. the score of recent unanswered signals: suspend, or ask for a step-up (a read while one
--     is asked is a signal of its own, so an attacker who cannot answer it is soon suspended);
--  4. the budgets of fresh people (first read today) of the purpose's class, per sliding window
--     and per day; the daily one learns from the account's history; a step-up answered today
--     doubles both once, and going over again suspends.
-- Nothing here grows with the reads already made that day: the day's counter is one row, and
-- the window's count is bounded by the window's budget.
CREATE FUNCTION guard_check(actor uuid, purpose text, asked uuid[], allowed uuid[], breadth integer,
    now_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  acc record;
  cls text;
  surf text;
  local timestamp := now_at AT TIME ZONE 'Europe/Paris';
  today date := local::date;
  hr smallint := extract(hour FROM local)::smallint;
  probed integer;
  flagged boolean := false;
  score integer;
  step_score integer;
  stop_score integer;
  fresh uuid[];
  n_fresh integer;
  win integer;
  total integer;
  cap_w integer;
  cap_d integer;
  floor_d integer;
  p99 numeric;
  mult integer := 1;
  setting record;
BEGIN
  IF actor IS NULL THEN
    RETURN 'allow'; -- the platform's own work, never a person's session
  END IF;
  SELECT a.role, a.organisation_id, a.status, a.read_ceiling_per_day INTO acc FROM accounts a WHERE a.id = actor;
  IF NOT FOUND OR acc.status = 'suspended' THEN
    RETURN 'deny';
  END IF;
  IF acc.role IN ('candidate', 'job_seeker') THEN
    RETURN 'allow'; -- citizens reach only their own data
  END IF;
  SELECT g.class, g.surface INTO cls, surf FROM guard_purposes g WHERE g.name = purpose;
  IF NOT FOUND THEN
    RETURN 'deny';
  END IF;
  IF EXISTS (SELECT 1 FROM guard_switches w WHERE w.lifted_at IS NULL AND (
      (w.level = 'account' AND w.target = actor::text)
      OR (w.level = 'organisation' AND w.target = acc.organisation_id::text)
      OR (w.level = 'surface' AND w.target = surf))) THEN
    RETURN 'closed';
  END IF;
  IF cls = 'self' THEN
    RETURN 'allow'; -- one's own account: the page that answers a step-up reads it too
  END IF;
  SELECT
    max(value) FILTER (WHERE name = 'step_up_score') AS step_up,
    max(value) FILTER (WHERE name = 'suspend_score') AS suspend,
    max(value) FILTER (WHERE name = 'window_minutes') AS window_minutes,
    max(value) FILTER (WHERE name = 'history_days') AS history_days,
    max(value) FILTER (WHERE name = 'history_factor') AS history_factor,
    max(value) FILTER (WHERE name = 'broad_search_breadth') AS broad,
    max(value) FILTER (WHERE name = 'enumeration_probes') AS probes,
    max(value) FILTER (WHERE name = 'usual_hour_days') AS usual_days,
    max(value) FILTER (WHERE name = 'off_hours_history_days') AS known_days
  INTO setting FROM guard_settings;
  IF setting.step_up IS NULL OR setting.suspend IS NULL OR setting.window_minutes IS NULL THEN
    RETURN 'deny';
  END IF;
  step_score := setting.step_up;
  stop_score := setting.suspend;

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
  IF breadth IS NOT NULL AND breadth >= setting.broad THEN
    PERFORM guard_signal(actor, now_at, 'broad_search',
      jsonb_build_object('finalite', purpose, 'etendue', breadth, 'seuil', setting.broad));
    flagged := true;
  END IF;
  IF cls = 'file' AND cardinality(allowed) > 0
     AND (SELECT count(DISTINCT h.day) FROM guard_hours h WHERE h.account_id = actor AND h.day < today
          AND h.day >= today - setting.history_days::int) >= setting.known_days
     AND (SELECT count(*) FROM guard_hours h WHERE h.account_id = actor AND h.hour = hr AND h.day < today
          AND h.day >= today - setting.history_days::int) < setting.usual_days
     AND EXISTS (SELECT 1 FROM unnest(allowed) AS x(id) WHERE NOT EXISTS (
          SELECT 1 FROM guard_reads r WHERE r.account_id = actor AND r.day = today AND r.class = cls
            AND r.person_id = x.id)) THEN
    PERFORM guard_signal(actor, now_at, 'off_hours', jsonb_build_object('finalite', purpose, 'heure', hr));
    flagged := true;
  END IF;

  -- 3. The score of the signals not yet answered.
  score := guard_score(actor, now_at);
  IF score >= step_score AND score < stop_score THEN
    INSERT INTO guard_step_ups (account_id, asked_at) VALUES (actor, now_at) ON CONFLICT (account_id) DO UPDATE
      SET asked_at = EXCLUDED.asked_at
      WHERE guard_step_ups.asked_at < COALESCE((SELECT max(x.mfa_at) FROM sessions x
        WHERE x.account_id = actor AND x.ended_at IS NULL), '-infinity'::timestamptz);
    IF NOT flagged THEN
      score := score + guard_signal(actor, now_at, 'refused', jsonb_build_object('finalite', purpose));
    END IF;
  END IF;
  IF score >= stop_score THEN
    UPDATE accounts SET status = 'suspended', suspended_at = now_at, suspended_by = NULL WHERE id = actor;
    RETURN 'suspend';
  END IF;
  IF score >= step_score THEN
    RETURN 'step_up';
  END IF;
  IF cardinality(allowed) = 0 THEN
    RETURN 'allow';
  END IF;

  -- 4. The budgets of fresh people.
  WITH charged AS (
    INSERT INTO guard_reads (account_id, day, class, person_id, first_at)
      SELECT actor, today, cls, x, now_at FROM unnest(allowed) AS x ON CONFLICT DO NOTHING RETURNING person_id)
  SELECT array_agg(person_id) INTO fresh FROM charged;
  INSERT INTO guard_hours (account_id, day, hour) VALUES (actor, today, hr) ON CONFLICT DO NOTHING;
  IF fresh IS NULL THEN
    RETURN 'allow';
  END IF;
  n_fresh := cardinality(fresh);
  -- The counter's row is this account's alone and stays locked until the read commits, so one
  -- account's concurrent reads count exactly, and the window is counted after it.
  INSERT INTO guard_totals AS t (account_id, day, class, total) VALUES (actor, today, cls, n_fresh)
    ON CONFLICT (account_id, day, class) DO UPDATE SET total = t.total + EXCLUDED.total
    RETURNING t.total INTO total;
  SELECT COALESCE(o.per_window, b.per_window, d.per_window), COALESCE(o.per_day, b.per_day, d.per_day),
         COALESCE(b.floor_day, d.floor_day)
    INTO cap_w, cap_d, floor_d
    FROM (SELECT 1) AS one
    LEFT JOIN guard_organisation_budgets o ON o.organisation_id = acc.organisation_id AND o.class = cls
    LEFT JOIN guard_budgets b ON b.role = acc.role AND b.class = cls
    LEFT JOIN guard_budgets d ON d.role = '*' AND d.class = cls;
  IF cap_w IS NULL OR cap_d IS NULL THEN
    -- No budget configured: nothing is allowed (fail closed).
    DELETE FROM guard_reads r WHERE r.account_id = actor AND r.day = today AND r.class = cls AND r.person_id = ANY(fresh);
    UPDATE guard_totals t SET total = t.total - n_fresh WHERE t.account_id = actor AND t.day = today AND t.class = cls;
    RETURN 'deny';
  END IF;
  IF acc.read_ceiling_per_day IS NOT NULL THEN
    cap_d := least(cap_d, acc.read_ceiling_per_day);
  END IF;
  floor_d := least(floor_d, cap_d);
  IF total > floor_d THEN
    -- Only past the floor is the history read: most reads never get here.
    SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY t.total) INTO p99 FROM guard_totals t
      WHERE t.account_id = actor AND t.class = cls AND t.day < today AND t.day >= today - setting.history_days::int;
    cap_d := least(cap_d, greatest(floor_d, ceil(setting.history_factor * COALESCE(p99, 0))::int));
  END IF;
  IF EXISTS (SELECT 1 FROM guard_step_ups u WHERE u.account_id = actor AND (u.asked_at AT TIME ZONE 'Europe/Paris')::date = today
      AND u.asked_at < (SELECT max(x.mfa_at) FROM sessions x WHERE x.account_id = actor AND x.ended_at IS NULL)) THEN
    mult := 2;
  END IF;
  win := (SELECT count(*) FROM guard_reads r WHERE r.account_id = actor AND r.class = cls
          AND r.first_at > now_at - make_interval(mins => setting.window_minutes::int))::int;
  IF win <= cap_w * mult AND total <= cap_d * mult THEN
    RETURN 'allow';
  END IF;
  DELETE FROM guard_reads r WHERE r.account_id = actor AND r.day = today AND r.class = cls AND r.person_id = ANY(fresh);
  UPDATE guard_totals t SET total = t.total - n_fresh WHERE t.account_id = actor AND t.day = today AND t.class = cls;
  score := score + guard_signal(actor, now_at, CASE WHEN mult = 2 THEN 'budget_again' ELSE 'budget' END,
    jsonb_build_object('finalite', purpose, 'classe', cls, 'fenetre', win, 'plafond_fenetre', cap_w * mult,
      'jour', total, 'plafond_jour', cap_d * mult));
  IF score >= stop_score THEN
    UPDATE accounts SET status = 'suspended', suspended_at = now_at, suspended_by = NULL WHERE id = actor;
    RETURN 'suspend';
  END IF;
  INSERT INTO guard_step_ups (account_id, asked_at) VALUES (actor, now_at)
    ON CONFLICT (account_id) DO UPDATE SET asked_at = EXCLUDED.asked_at;
  RETURN 'step_up';
END $$;
