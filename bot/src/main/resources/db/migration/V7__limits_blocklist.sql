-- Issue 11, limits and blocklist (see docs/core.md, "Limits and blocklist").

-- One row per member who ever tried to open a ticket in a guild. Every create that checks the
-- guild's limits (max_open_per_user, create_cooldown) first upserts this row, which locks it
-- (PostgreSQL: row lock until commit; SQLite: the write lock of BEGIN IMMEDIATE), then counts the
-- member's OPEN tickets and reads their last creation, then allocates the number and inserts the
-- ticket, all in one transaction: two creates by one member, from any number of processes, are
-- serialised, so the limit can never be passed. Creates by different members do not wait for
-- each other here. created_count counts the tickets the member opened through this check.
CREATE TABLE ticket_creators (
    guild_id      BIGINT  NOT NULL,
    creator_id    BIGINT  NOT NULL,
    created_count INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT ticket_creators_key PRIMARY KEY (guild_id, creator_id)
);

-- Users and roles that may not open tickets in a guild (/blocklist add|remove|list).
CREATE TABLE ticket_blocklist (
    guild_id  BIGINT      NOT NULL,
    kind      VARCHAR(10) NOT NULL CHECK (kind IN ('USER', 'ROLE')),
    target_id BIGINT      NOT NULL,
    added_by  BIGINT      NOT NULL,
    added_at  BIGINT      NOT NULL,
    CONSTRAINT ticket_blocklist_key PRIMARY KEY (guild_id, kind, target_id)
);

-- The member's name a ticket's thread was named with when name_template contains {user}, so a
-- close or reopen renames the thread consistently even after the member changed their name.
CREATE TABLE ticket_names (
    ticket_id BIGINT       NOT NULL PRIMARY KEY REFERENCES tickets (id),
    user_name VARCHAR(100) NOT NULL
);
