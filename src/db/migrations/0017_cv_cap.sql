-- At most five CVs per candidate, even for uploads at the same moment. The write's scope counts
-- the CVs already kept, but two transactions that start together each count four and both pass.
-- This trigger first locks the person's row, so a second upload waits for the first to commit,
-- then counts again (each statement of a function sees what was committed before it) and refuses
-- a sixth as a check violation.
CREATE FUNCTION cvs_keep_five() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM people WHERE id = NEW.person_id FOR UPDATE;
  IF (SELECT count(*) FROM cvs WHERE person_id = NEW.person_id) >= 5 THEN
    RAISE EXCEPTION 'five CVs already kept' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cvs_keep_five BEFORE INSERT ON cvs FOR EACH ROW EXECUTE FUNCTION cvs_keep_five();
