-- One row per guild that changed a setting. NULL means "default" (defaults live in
-- GuildSettings, so changing a default later applies to every guild that never chose).
CREATE TABLE guild_settings (
    guild_id              BIGINT  NOT NULL PRIMARY KEY,
    ticket_channel_id     BIGINT,
    staff_role_id         BIGINT,
    modlog_channel_id     BIGINT,
    transcript_channel_id BIGINT,
    require_reason        BOOLEAN,
    creator_can_close     BOOLEAN,
    name_template         VARCHAR(100),
    updated_at            BIGINT  NOT NULL
);
