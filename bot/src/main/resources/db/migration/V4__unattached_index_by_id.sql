-- The unattached-tickets index is keyed by id instead of created_at.
--
-- Its predicate is exactly the guard of attachThread and markFailed
-- (WHERE id = ? AND state = 'OPEN' AND thread_id IS NULL), so the planner may answer those
-- updates from this index. Keyed by created_at, it could only do so by walking every unattached
-- ticket and filtering on id, and it chose that whenever the table had no statistics yet (a new
-- or freshly migrated database, or one that grew faster than autovacuum analyses it): a full
-- index walk per ticket opened. Keyed by id, every plan for those updates looks the id up.
-- findUnattached (a sweep, oldest first) now reads the unattached tickets and sorts them, which
-- is cheap: only tickets whose thread is still being created, or was never created, are in it.
DROP INDEX tickets_unattached;
CREATE INDEX tickets_unattached ON tickets (id) WHERE thread_id IS NULL AND state = 'OPEN';
