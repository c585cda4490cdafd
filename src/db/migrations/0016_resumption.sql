-- A trainee whose training the organisation interrupted with a postponement (« interruption par
-- l'organisme avec report ») comes back: the organisation declares the resumption, with its date,
-- and the referral is in training again. The kind joins the list the foundation set.
ALTER TABLE referral_events DROP CONSTRAINT referral_events_kind_check;
ALTER TABLE referral_events ADD CONSTRAINT referral_events_kind_check
  CHECK (kind IN ('entry', 'attendance', 'interruption', 'resumption', 'exit'));
