-- The candidate's space (issue 9): the categories of post sought (A, B, C), sealed like the rest
-- of the profile, and the candidate's CVs. A CV's content and its file name are envelopes (a name
-- such as CV_Jean_Dupont.pdf says who it is); only its size and dates are plain, for the lists.
ALTER TABLE candidate_profiles ADD COLUMN categories_sought_enc bytea;

CREATE TABLE cvs (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES people (id),
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 2097152),
  uploaded_at timestamptz NOT NULL,
  file_name_enc bytea NOT NULL,
  content_enc bytea NOT NULL
);
CREATE INDEX cvs_person ON cvs (person_id, uploaded_at);
