-- Settings of the staff workflow (issue 11). NULL means "default", as for the others.
-- Durations are whole seconds; 0 means off.
ALTER TABLE guild_settings ADD COLUMN max_open_per_user   INTEGER;
ALTER TABLE guild_settings ADD COLUMN create_cooldown_s   BIGINT;
ALTER TABLE guild_settings ADD COLUMN autoclose_after_s   BIGINT;
ALTER TABLE guild_settings ADD COLUMN autoclose_warning_s BIGINT;
ALTER TABLE guild_settings ADD COLUMN creator_can_add     BOOLEAN;
ALTER TABLE guild_settings ADD COLUMN claim_notice        BOOLEAN;
