-- Issue 14: a create is answered with its link in the interaction's one response when the thread
-- is made quickly, so the ticket is saved before the interaction is acknowledged. Discord's
-- refusal of a second acknowledgement (40060) can then no longer stop a second delivery of the
-- same interaction (two processes running one shard during a hand-over) from opening a second
-- ticket: the interaction's id is stored with the ticket it opened, unique, and a second
-- delivery's save finds it and stops. NULL for tickets opened before, by timers or by imports.
ALTER TABLE tickets ADD COLUMN opened_by BIGINT;
CREATE UNIQUE INDEX tickets_opened_by ON tickets (opened_by);
