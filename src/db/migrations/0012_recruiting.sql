-- Recruiting (issue 9): the pipeline of an application and what the recruiter tells the candidate.
--
-- The statuses stay those of 0001 (submitted = « reçue », reviewing = « en cours d'examen »,
-- interview = « entretien », accepted = « retenue », rejected = « non retenue », withdrawn = « retirée »
-- by the candidate). A refusal gives its reason as a code from a fixed list, never as free text
-- about the person (GDPR art. 5(1)(c)); the words the candidate reads come from the code.
ALTER TABLE applications
  ADD COLUMN refusal_reason text CHECK (refusal_reason IN
    ('profil_inadapte', 'experience_insuffisante', 'poste_pourvu', 'offre_retiree', 'autre_candidature')),
  -- The CV the candidate chose (h7's cv table, 0011): no foreign key, since both land apart.
  ADD COLUMN cv_id uuid,
  ADD COLUMN status_changed_at timestamptz;
ALTER TABLE applications ADD CONSTRAINT applications_reason_only_when_refused
  CHECK (refusal_reason IS NULL OR status = 'rejected');
CREATE INDEX applications_offer ON applications (offer_id, submitted_at DESC);

-- Every change of status and every message, oldest first: the history both sides read. A
-- message's body is personal and sealed (body_enc, through the vault's catalogue); the rest is
-- codes and dates. The author is the account that acted (the recruiter, or the candidate who
-- withdrew); null for the platform's own seeding.
CREATE TABLE application_events (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('status', 'message')),
  status text CHECK (status IN ('submitted', 'reviewing', 'interview', 'rejected', 'accepted', 'withdrawn')),
  refusal_reason text CHECK (refusal_reason IN
    ('profil_inadapte', 'experience_insuffisante', 'poste_pourvu', 'offre_retiree', 'autre_candidature')),
  body_enc bytea,
  author_id uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'status') = (status IS NOT NULL)),
  CHECK (kind = 'message' OR body_enc IS NULL),
  CHECK (refusal_reason IS NULL OR status = 'rejected')
);
CREATE INDEX application_events_application ON application_events (application_id, created_at);
