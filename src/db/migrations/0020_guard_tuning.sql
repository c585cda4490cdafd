-- The guard's first figures against a simulated month of legitimate work (bench/attack/,
-- docs/BENCHMARKS.md): reads at an unusual hour were a step-up from the second one (20 each);
-- a burst outside the usual hours now takes five fresh files within the hour. A recruiter with
-- no history yet met the floor of 15 files on an ordinary heavy day; the floor is 30.
UPDATE guard_signal_weights SET weight = 10 WHERE kind = 'off_hours';
UPDATE guard_budgets SET floor_day = 30 WHERE role = 'recruiter' AND class = 'file';
