-- Issue 8, item 3: until now the outbox kept each reset, verification and invitation link in
-- clear, token included, after sending. Links are now minted when their message is delivered
-- and never stored. For a database made before, every token whose link sat in the outbox is
-- marked used (it may already be in a copy of the files or a backup), then the links are
-- erased. A message still waiting gets a fresh link when it is delivered; a person whose
-- earlier link stops working asks for a new one. Old row versions stay in the files until
-- VACUUM, which is why the tokens are spent and not only erased.
UPDATE account_tokens SET used_at = now()
WHERE used_at IS NULL
  AND token_hash IN (
    SELECT sha256(convert_to(substring(params ->> 'link' FROM '[A-Za-z0-9_-]{43}$'), 'UTF8'))
    FROM mail_outbox
    WHERE params ? 'link'
  );

UPDATE mail_outbox SET params = params - 'link' WHERE params ? 'link';

-- Issue 8, item 5: public forms that send mail (password reset, registration) are throttled per
-- client address and per target address, in the database so that every process counts the
-- same requests. A bucket is an HMAC, under a key derived from the master key and never
-- stored, of what is counted (a client address or an e-mail address): a copy of the database
-- cannot tell whose requests were counted. Rows live one window, then housekeeping deletes them.
CREATE TABLE request_counts (
  bucket bytea NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
