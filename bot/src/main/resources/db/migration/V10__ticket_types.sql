-- Issue 12: ticket types (see docs/core.md, "Ticket types").
-- A type overrides only what it sets: every nullable column means "the guild's setting" from
-- guild_settings, read at the moment it is needed (so /setting changes still apply to a type
-- that does not set that value). staff_role_ids is a comma-separated list of role ids.
-- A deleted type keeps its row (deleted_at set): its tickets still point to it and keep its
-- channel and staff; only live types have unique names.
CREATE TABLE ticket_types (
    id                ${id_column},
    guild_id          BIGINT       NOT NULL,
    name              VARCHAR(40)  NOT NULL,
    name_key          VARCHAR(40)  NOT NULL,
    emoji             VARCHAR(64),
    description       VARCHAR(100),
    channel_id        BIGINT,
    staff_role_ids    VARCHAR(200),
    name_template     VARCHAR(100),
    max_open_per_user INTEGER,
    create_cooldown_s BIGINT,
    is_default        BOOLEAN      NOT NULL,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    deleted_at        BIGINT
);

CREATE UNIQUE INDEX ticket_types_live_name ON ticket_types (guild_id, name_key)
    WHERE deleted_at IS NULL;

-- The type a ticket was opened with; NULL = opened by the guild's own settings (no type).
ALTER TABLE tickets ADD COLUMN type_id BIGINT REFERENCES ticket_types (id);

-- Every guild configured so far gets one default type "Ticket" that inherits everything from
-- guild_settings, and its tickets become tickets of that type: nothing changes for them.
INSERT INTO ticket_types (guild_id, name, name_key, is_default, created_at, updated_at)
SELECT guild_id, 'Ticket', 'ticket', TRUE, updated_at, updated_at
FROM guild_settings WHERE ticket_channel_id IS NOT NULL;

UPDATE tickets SET type_id = (
    SELECT tt.id FROM ticket_types tt WHERE tt.guild_id = tickets.guild_id AND tt.is_default)
WHERE type_id IS NULL;
