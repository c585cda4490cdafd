-- Kairos, the training organisations' side (issue 10). Nothing here is personal: sessions,
-- information meetings and their slots describe courses; statuses, reasons and outcomes are
-- codes. The only free text about a person stays the envelope `referral_events.detail_enc`.

-- How a session is paid for (France Travail's usual schemes), who created it, and whether it
-- came from a CSV import.
ALTER TABLE training_sessions
  ADD COLUMN funding text NOT NULL DEFAULT 'afc'
    CHECK (funding IN ('afc', 'aif', 'poe', 'region', 'cpf', 'other')),
  ADD COLUMN created_by uuid REFERENCES accounts (id),
  ADD COLUMN imported boolean NOT NULL DEFAULT false;
CREATE INDEX training_sessions_organisation_start ON training_sessions (organisation_id, starts_on DESC, id);

-- Information meetings (« réunions d'information collective ») before a session, each with its
-- slots: a time, a length and a number of seats.
CREATE TABLE information_sessions (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES training_sessions (id),
  place text NOT NULL,
  created_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX information_sessions_session ON information_sessions (session_id);

CREATE TABLE information_slots (
  id uuid PRIMARY KEY,
  information_session_id uuid NOT NULL REFERENCES information_sessions (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 15 AND 480),
  seats integer NOT NULL CHECK (seats BETWEEN 1 AND 500)
);
CREATE INDEX information_slots_session ON information_slots (information_session_id, starts_at);

-- The organisation answers a referral: accepted (then entry, attendance, exit) or refused.
ALTER TABLE referrals DROP CONSTRAINT referrals_status_check;
ALTER TABLE referrals ADD CONSTRAINT referrals_status_check
  CHECK (status IN ('referred', 'accepted', 'refused', 'entered', 'interrupted', 'exited', 'declined'));
ALTER TABLE referrals
  ADD COLUMN answered_by uuid REFERENCES accounts (id),
  ADD COLUMN answered_at timestamptz;
-- An organisation's trainee list, session by session, page by page.
CREATE INDEX referrals_session ON referrals (session_id, referred_at, id);
-- Open referrals, for the declarations due (entry, attendance, exit).
CREATE INDEX referrals_open ON referrals (session_id) WHERE status IN ('referred', 'accepted', 'entered');

-- What a declaration says, as codes: the reason of an interruption, the outcome of an exit, and
-- the days attended in a month (the month is `occurred_on`, its first day).
ALTER TABLE referral_events
  ADD COLUMN reason text CHECK (reason IN ('abandonment', 'of_postponed', 'of_cancelled', 'force_majeure')),
  ADD COLUMN outcome text CHECK (outcome IN ('certified', 'partially_certified', 'not_certified', 'completed', 'employment')),
  ADD COLUMN days_present integer CHECK (days_present BETWEEN 0 AND 31),
  ADD CONSTRAINT referral_events_reason CHECK (kind = 'interruption' OR reason IS NULL),
  ADD CONSTRAINT referral_events_outcome CHECK (kind = 'exit' OR outcome IS NULL);
CREATE INDEX referral_events_kind ON referral_events (referral_id, kind, occurred_on);

-- One reminder digest per organisation and day: the 3-day rule of the décret of December 2019
-- makes each declaration due within three days (src/training/training.policy.ts); the job
-- (src/training/reminders.ts) mails the organisation's users once a day while some are due.
CREATE TABLE declaration_reminders (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  day date NOT NULL,
  due integer NOT NULL,
  overdue integer NOT NULL,
  sent_to integer NOT NULL,
  PRIMARY KEY (organisation_id, day)
);

-- Who last set the organisation's MFA policy (`organisations.mfa_policy`, read at login and
-- step-up by src/identity/login/account-state.ts), and when.
ALTER TABLE organisations
  ADD COLUMN mfa_policy_set_by uuid REFERENCES accounts (id),
  ADD COLUMN mfa_policy_set_at timestamptz;
