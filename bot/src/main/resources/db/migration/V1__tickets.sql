-- One schema for SQLite and PostgreSQL. The only dialect-specific piece is the generated key,
-- supplied by Database as the ${id_column} placeholder.
-- Ids are Discord snowflakes (BIGINT); times are epoch milliseconds UTC (BIGINT), which both
-- databases compare and sort the same way.

-- One row per guild that ever opened a ticket; last_number is bumped by a single upsert.
CREATE TABLE ticket_counters (
    guild_id    BIGINT  NOT NULL PRIMARY KEY,
    last_number INTEGER NOT NULL CHECK (last_number > 0)
);

CREATE TABLE tickets (
    id               ${id_column},
    guild_id         BIGINT        NOT NULL,
    number           INTEGER       NOT NULL CHECK (number > 0),
    creator_id       BIGINT        NOT NULL,
    reason           VARCHAR(1000),
    state            VARCHAR(10)   NOT NULL CHECK (state IN ('OPEN', 'CLOSED', 'FAILED')),
    thread_id        BIGINT,
    first_message_id BIGINT,
    created_at       BIGINT        NOT NULL,
    closed_at        BIGINT,
    closed_by        BIGINT,
    close_reason     VARCHAR(1000),
    failure_reason   VARCHAR(500),
    CONSTRAINT tickets_guild_number_key UNIQUE (guild_id, number),
    CONSTRAINT tickets_thread_key UNIQUE (thread_id),
    CONSTRAINT tickets_closed_has_closer
        CHECK (state <> 'CLOSED' OR (closed_at IS NOT NULL AND closed_by IS NOT NULL))
);

CREATE INDEX tickets_by_creator ON tickets (guild_id, creator_id, state);
CREATE INDEX tickets_unattached ON tickets (created_at) WHERE thread_id IS NULL AND state = 'OPEN';
