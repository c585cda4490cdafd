-- Offers: the lifecycle, the mandatory fields of décret n° 2018-1351 art. 3, French full-text
-- search, and candidates' saved searches. Offers describe posts, not people: plain columns.

-- Lifecycle: draft → published → closed → archived. An archived offer leaves every list but the
-- employer's archive; it is kept, since applications point at it.
ALTER TABLE offers DROP CONSTRAINT offers_status_check;
ALTER TABLE offers ADD CONSTRAINT offers_status_check
  CHECK (status IN ('draft', 'published', 'closed', 'archived'));

-- Décret n° 2018-1351, art. 3 (as amended by décret n° 2022-598): what an offer must say that
-- the open-data columns of 0001 did not hold. Empty for older rows; publishing requires them
-- (src/offers/offers.policy.ts).
--   2° creation of a post or vacancy of an existing one
ALTER TABLE offers ADD COLUMN vacancy_kind text NOT NULL DEFAULT 'vacance'
  CHECK (vacancy_kind IN ('creation', 'vacance'));
--   3° corps or cadres d'emplois and, where relevant, grade expected
ALTER TABLE offers ADD COLUMN grades text NOT NULL DEFAULT '';
--   4° the recruiting authority
ALTER TABLE offers ADD COLUMN recruiting_authority text NOT NULL DEFAULT '';
--   5° the body or structure the post sits in (besides the employer: the open data's
--      « Organisme de rattachement », and the service itself)
ALTER TABLE offers ADD COLUMN parent_organisation text NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN service text NOT NULL DEFAULT '';
--   7° missions (description) and the profile expected: experience, skills
ALTER TABLE offers ADD COLUMN profile text NOT NULL DEFAULT '';
--   8° where relevant, specific conditions: clearances, diplomas, training required
ALTER TABLE offers ADD COLUMN conditions text;
--   11° the date the post falls vacant
ALTER TABLE offers ADD COLUMN vacant_from date;
--   12° who receives the applications (the deadline is `deadline`)
ALTER TABLE offers ADD COLUMN apply_to text NOT NULL DEFAULT '';
-- Optional mentions: remuneration elements.
ALTER TABLE offers ADD COLUMN remuneration text;
ALTER TABLE offers ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- French full-text search, the same SQL on PGlite and PostgreSQL: the `french` stemmer after
-- `unaccent`, so « hôpitaux » finds « hopital » and « infirmières » finds « infirmier ».
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION rempart_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION rempart_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- The parser splits words on punctuation by the database's locale: under a C locale (our
-- PostgreSQL tests) every non-ASCII character is a letter, so « l’hôpital » would be one word
-- there and two on PGlite. Typographic punctuation becomes a space first, on both sides of @@.
CREATE FUNCTION offer_words(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT translate(value, E'\u2019\u2018\u00ab\u00bb\u2014\u2013\u2026\u00a0\u202f', '         ') $$;

-- Snowball's French stemmer does not stem a word the same with and without its accents
-- (« infirmière » and « infirmier » share a stem; « infirmiere » does not). So each text is
-- stemmed twice: without accents first (what the person typed may have none), and with its
-- accents, then unaccented; a document holds both sets of stems and a query matches either.
-- unaccent() is STABLE only because its rules file could change; ours never does at run time,
-- which is what lets these wrappers be IMMUTABLE and feed a stored column.
CREATE FUNCTION offer_tsvector(value text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('public.rempart_fr'::regconfig, public.offer_words(value)) ||
    public.unaccent('public.unaccent'::regdictionary,
      to_tsvector('pg_catalog.french'::regconfig, public.offer_words(value))::text)::tsvector $$;
-- When both stemmings agree (most queries), the query is one branch, not the same one twice.
CREATE FUNCTION offer_tsquery(value text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN bare = accented THEN bare ELSE bare || accented END
    FROM (SELECT websearch_to_tsquery('public.rempart_fr'::regconfig, public.offer_words(value)) AS bare,
      public.unaccent('public.unaccent'::regdictionary,
        websearch_to_tsquery('pg_catalog.french'::regconfig, public.offer_words(value))::text)::tsquery AS accented) AS q $$;

-- Stored, so a search reads the index and never stems a row; weighted so that relevance puts a
-- word of the title before one of the métier, and both before the description.
ALTER TABLE offers ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(offer_tsvector(title), 'A') ||
  setweight(offer_tsvector(metier || ' ' || domaine), 'B') ||
  setweight(offer_tsvector(place || ' ' || grades || ' ' || service), 'C') ||
  setweight(offer_tsvector(description || ' ' || profile), 'D')
) STORED;
-- Relevance ranks by the title and the métier only: a small vector, so that ranking the
-- thousands of offers a common word matches stays cheap (a match in the description still
-- finds the offer, after those whose title or métier has the words).
ALTER TABLE offers ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (
  setweight(offer_tsvector(title), 'A') ||
  setweight(offer_tsvector(metier || ' ' || domaine), 'B')
) STORED;
-- No pending list: offers are written a few at a time, and a search must not scan a long one.
CREATE INDEX offers_search_vector ON offers USING gin (search_vector) WITH (fastupdate = off);

-- The public list is published offers, newest first: this index serves a page without a sort,
-- and a filter on a facet walks it. 0001's (status, departement, domaine) stays for the facets.
CREATE INDEX offers_published_recent ON offers (published_on DESC, id) WHERE status = 'published';
CREATE INDEX offers_published_versant ON offers (versant, published_on DESC) WHERE status = 'published';
CREATE INDEX offers_published_category ON offers (category, published_on DESC) WHERE status = 'published';
CREATE INDEX offers_published_metier ON offers (metier, published_on DESC) WHERE status = 'published';
CREATE INDEX offers_published_domaine ON offers (domaine, published_on DESC) WHERE status = 'published';
-- A recruiter's list: one employer's offers by status, newest first.
CREATE INDEX offers_employer_status ON offers (employer_id, status, created_at DESC);

-- Saved searches of candidates, with their e-mail alert. The criteria are the public filters of
-- /offres; `alerted_up_to` is the last publication moment an alert has covered, so the job sends
-- only what is new and never the same offer twice.
CREATE TABLE saved_searches (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  label text NOT NULL,
  criteria jsonb NOT NULL,
  alerted_up_to timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_searches_account ON saved_searches (account_id, created_at);

-- When an offer was published, to the second: the alert job's watermark compares with it.
ALTER TABLE offers ADD COLUMN published_at timestamptz;
UPDATE offers SET published_at = published_on::timestamptz WHERE published_on IS NOT NULL;
CREATE INDEX offers_published_at ON offers (published_at) WHERE status = 'published';
