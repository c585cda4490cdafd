-- Why a staff account is asked for (issue 8: the approver decides with the reason in view).
-- A closed list, like suspension reasons: the table sits outside the vault, and a sentence
-- about a person would lie there in clear. Requests made before this column say so.
ALTER TABLE account_requests ADD COLUMN reason text NOT NULL DEFAULT 'unrecorded'
  CHECK (reason IN ('arrival', 'replacement', 'new_duties', 'reinforcement', 'unrecorded'));
