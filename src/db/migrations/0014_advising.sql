-- Advisors' back office and the job seeker's space (issue 10).

-- The advisor's note on a referral, written for the training organisation: free text about the
-- person, so an envelope like every other (field catalogue: referral.note). The referral itself
-- is created through the vault as the advisor (purpose advising.refer), so the note and the
-- referral are one logged write.
ALTER TABLE referrals ADD COLUMN note_enc bytea;

-- « Suivi des orientations »: the referrals of an advisor's portfolio, newest first, a page at a
-- time. The portfolio's primary key (advisor_id, person_id) leads the join; referrals are then
-- reached by person (referrals_person), and sorted by when they were made.
CREATE INDEX referrals_person_referred_at ON referrals (person_id, referred_at DESC);

-- The advisor's portfolio, newest first, a page at a time.
CREATE INDEX portfolios_advisor_since ON portfolios (advisor_id, since DESC, person_id);

-- Choosing a session for a referral: sessions not yet over, soonest first.
CREATE INDEX training_sessions_ends_on ON training_sessions (ends_on, starts_on);
