-- rempart foundation schema.
-- Naming rule: a column ending in _enc holds an AEAD envelope (see src/crypto/envelope.ts);
-- a column ending in _bidx holds a truncated blind index. Only src/vault/ may name them.

-- Keys ----------------------------------------------------------------------------------------
-- Data and index keys, each wrapped (AES-256-GCM) by the master key, which never enters the
-- database. kind 'data' encrypts values; kind 'index' keys the blind indexes.
CREATE TABLE keyring (
  kind text NOT NULL CHECK (kind IN ('data', 'index')),
  version integer NOT NULL CHECK (version > 0),
  wrapped bytea NOT NULL,
  active boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, version)
);
CREATE UNIQUE INDEX keyring_one_active ON keyring (kind) WHERE active;

-- Progress of a re-encryption after a rotation, so that an interrupted run resumes.
CREATE TABLE key_rotation_progress (
  target_version integer NOT NULL,
  table_name text NOT NULL,
  last_id uuid,
  rows_done bigint NOT NULL DEFAULT 0,
  finished_at timestamptz,
  PRIMARY KEY (target_version, table_name)
);

-- Organisations and accounts ------------------------------------------------------------------
CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('employer', 'training', 'agency', 'platform')),
  name text NOT NULL,
  versant text CHECK (versant IN ('etat', 'territoriale', 'hospitaliere')),
  siret text CHECK (siret ~ '^[0-9]{14}$'),
  departement text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'employer' OR versant IS NOT NULL),
  CHECK (kind <> 'training' OR siret IS NOT NULL)
);
CREATE UNIQUE INDEX organisations_siret ON organisations (siret) WHERE siret IS NOT NULL;

-- People: job seekers (Kairos) and candidates (Choisir le service public). Every field that
-- identifies or describes a person is an envelope; exact-match search uses blind indexes.
CREATE TABLE people (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('job_seeker', 'candidate')),
  last_name_enc bytea NOT NULL,
  first_name_enc bytea NOT NULL,
  birth_date_enc bytea,
  address_enc bytea,
  email_enc bytea,
  phone_enc bytea,
  ft_id_enc bytea,
  registration_status_enc bytea,
  email_bidx bytea,
  phone_bidx bytea,
  ft_id_bidx bytea,
  name_bidx bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_email_bidx ON people (email_bidx);
CREATE INDEX people_phone_bidx ON people (phone_bidx);
CREATE INDEX people_ft_id_bidx ON people (ft_id_bidx);
CREATE INDEX people_name_bidx ON people (name_bidx);

-- Canary people look like everyone else in `people`. They are recorded apart, and only as a
-- keyed mark (HMAC of the id under the index key), so a database reader cannot list them.
CREATE TABLE canary_marks (
  mark bytea PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('candidate', 'job_seeker', 'recruiter', 'recruiter_manager',
    'of_user', 'of_manager', 'advisor', 'security_officer', 'admin')),
  organisation_id uuid REFERENCES organisations (id),
  person_id uuid REFERENCES people (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'suspended')),
  email_enc bytea NOT NULL,
  email_bidx bytea NOT NULL,
  display_name_enc bytea,
  password_hash text,
  read_ceiling_per_day integer CHECK (read_ceiling_per_day > 0),
  created_by uuid REFERENCES accounts (id),
  approved_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  approved_at timestamptz,
  CHECK (approved_by IS NULL OR approved_by <> created_by),
  CHECK ((role IN ('candidate', 'job_seeker')) = (organisation_id IS NULL))
);
CREATE UNIQUE INDEX accounts_email_bidx ON accounts (email_bidx);
CREATE UNIQUE INDEX accounts_person ON accounts (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX accounts_organisation ON accounts (organisation_id);

-- Choisir le service public ---------------------------------------------------------------------
-- Offers carry the fields of the official open data; they describe posts, not people.
CREATE TABLE offers (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  title text NOT NULL,
  employer_id uuid NOT NULL REFERENCES organisations (id),
  versant text NOT NULL CHECK (versant IN ('etat', 'territoriale', 'hospitaliere')),
  category text NOT NULL CHECK (category IN ('A+', 'A', 'B', 'C', 'hors_categorie')),
  nature text NOT NULL,
  metier text NOT NULL,
  domaine text NOT NULL,
  departement text NOT NULL,
  place text NOT NULL,
  study_level text NOT NULL,
  contract_months integer CHECK (contract_months > 0),
  full_time boolean NOT NULL DEFAULT true,
  description text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'closed')),
  published_on date,
  publication_ends_on date,
  deadline date,
  created_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offers_employer ON offers (employer_id);
CREATE INDEX offers_search ON offers (status, departement, domaine);

-- A candidate's profile. Facets used by the pool search are stored as blind-index tokens in
-- profile_facets, so the pool can be searched without decrypting or exposing profiles.
CREATE TABLE candidate_profiles (
  person_id uuid PRIMARY KEY REFERENCES people (id),
  career_enc bytea,
  posts_sought_enc bytea,
  zones_enc bytea,
  languages_enc bytea,
  aspirations_enc bytea,
  pool_opt_in boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX candidate_profiles_pool ON candidate_profiles (person_id) WHERE pool_opt_in;

CREATE TABLE profile_facets (
  person_id uuid NOT NULL REFERENCES candidate_profiles (person_id) ON DELETE CASCADE,
  facet_bidx bytea NOT NULL,
  PRIMARY KEY (facet_bidx, person_id)
);

CREATE TABLE applications (
  id uuid PRIMARY KEY,
  offer_id uuid NOT NULL REFERENCES offers (id),
  person_id uuid NOT NULL REFERENCES people (id),
  status text NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('submitted', 'reviewing', 'interview', 'rejected', 'accepted', 'withdrawn')),
  message_enc bytea,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (offer_id, person_id)
);
CREATE INDEX applications_person ON applications (person_id);

-- Kairos ---------------------------------------------------------------------------------------
CREATE TABLE training_sessions (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  title text NOT NULL,
  formacode text,
  departement text NOT NULL,
  place text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX training_sessions_organisation ON training_sessions (organisation_id);

CREATE TABLE referrals (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES training_sessions (id),
  person_id uuid NOT NULL REFERENCES people (id),
  referred_by uuid REFERENCES accounts (id),
  status text NOT NULL DEFAULT 'referred'
    CHECK (status IN ('referred', 'entered', 'interrupted', 'exited', 'declined')),
  referred_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, person_id)
);
CREATE INDEX referrals_person ON referrals (person_id);

-- Entry, attendance, interruption and exit, declared by the training organisation
-- (legally within 3 days). The free-text detail may describe the person: it is an envelope.
CREATE TABLE referral_events (
  id uuid PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referrals (id),
  kind text NOT NULL CHECK (kind IN ('entry', 'attendance', 'interruption', 'exit')),
  occurred_on date NOT NULL,
  detail_enc bytea,
  declared_by uuid REFERENCES accounts (id),
  declared_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_events_referral ON referral_events (referral_id);

-- An advisor's portfolio: the job seekers the advisor follows.
CREATE TABLE portfolios (
  advisor_id uuid NOT NULL REFERENCES accounts (id),
  person_id uuid NOT NULL REFERENCES people (id),
  since date NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (advisor_id, person_id)
);
CREATE INDEX portfolios_person ON portfolios (person_id);

-- Access log -----------------------------------------------------------------------------------
-- Append-only and hash-chained; see src/audit/. One row per read or write of personal data.
CREATE TABLE access_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  session_id text,
  action text NOT NULL,
  purpose text NOT NULL,
  people uuid[] NOT NULL,
  fields text[] NOT NULL,
  client_addr text,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL
);
-- "What did account X read between T1 and T2": a range scan on this index.
CREATE INDEX access_log_actor_at ON access_log (actor_id, at);
CREATE INDEX access_log_at ON access_log (at);

-- The head of the chain: one row, locked by each append, so entries chain in commit order.
CREATE TABLE access_log_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash bytea NOT NULL
);
INSERT INTO access_log_head (id, seq, hash) VALUES (true, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- Where the verifiable chain starts after a retention purge: the last purged entry's seq and
-- hash, signed with the checkpoint key so that nobody can move it without the master key.
CREATE TABLE access_log_anchor (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash bytea NOT NULL,
  signature bytea NOT NULL,
  purged_at timestamptz NOT NULL
);

-- Guard ----------------------------------------------------------------------------------------
-- Distinct people each account read each day, for the read ceiling.
CREATE TABLE guard_daily_reads (
  account_id uuid NOT NULL,
  day date NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (account_id, day, person_id)
);
