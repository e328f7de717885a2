-- Issue 13, feedback and statistics (see docs/core.md, "Feedback and statistics").

-- One rating per ticket, by its creator (the close DM's 1-5 buttons). The primary key decides
-- between two clicks racing: the rating is an INSERT that does nothing when a row exists, so the
-- first click wins and the second is told the ticket is already rated. The optional comment is
-- set once, by a conditional UPDATE (... WHERE comment IS NULL). Each change is one transaction
-- with its log effect (ticket_effects, LOG_RATING).
CREATE TABLE ticket_ratings (
    ticket_id    BIGINT        NOT NULL PRIMARY KEY REFERENCES tickets (id),
    rating       INTEGER       NOT NULL CHECK (rating BETWEEN 1 AND 5),
    -- the creator's comment (user text, at most 1000 characters), or NULL
    comment      VARCHAR(1000),
    rated_by     BIGINT        NOT NULL,
    rated_at     BIGINT        NOT NULL,
    commented_at BIGINT
);

-- For the statistics: the ratings of a period.
CREATE INDEX ticket_ratings_by_time ON ticket_ratings (rated_at);

-- When a member who is staff for the ticket first wrote in its thread (set once, from
-- MESSAGE_CREATE, by UPDATE ... WHERE first_staff_reply_at IS NULL).
ALTER TABLE tickets ADD COLUMN first_staff_reply_at BIGINT;

-- For the statistics: tickets opened and closed in a period, per guild.
CREATE INDEX tickets_by_created ON tickets (guild_id, created_at);
CREATE INDEX tickets_by_closed ON tickets (guild_id, closed_at) WHERE closed_at IS NOT NULL;

-- The feedback setting: rating buttons in the close DM (NULL = default, on).
ALTER TABLE guild_settings ADD COLUMN feedback BOOLEAN;
