-- Issue 12: panels (/panel create|list|delete; see docs/core.md, "Panels").
-- A panel is saved before its message is posted: state POSTING until the message id is known,
-- then POSTED; a POSTING row left by a crash is finished at the next start (the message is looked
-- for among the channel's latest ones first, by the panel id in its components, so it is posted
-- once). DELETED keeps the row for the record; GONE = its message was deleted on Discord.
-- colour is a 24-bit RGB value; times are epoch milliseconds.
CREATE TABLE panels (
    id          ${id_column},
    guild_id    BIGINT        NOT NULL,
    channel_id  BIGINT        NOT NULL,
    message_id  BIGINT,
    title       VARCHAR(256)  NOT NULL,
    description VARCHAR(2000),
    colour      INTEGER       NOT NULL,
    created_by  BIGINT        NOT NULL,
    created_at  BIGINT        NOT NULL,
    state       VARCHAR(10)   NOT NULL CHECK (state IN ('POSTING', 'POSTED', 'DELETED', 'GONE')),
    CONSTRAINT panels_posted_has_message CHECK (state <> 'POSTED' OR message_id IS NOT NULL)
);

CREATE INDEX panels_guild ON panels (guild_id, id);
CREATE INDEX panels_posting ON panels (state) WHERE state = 'POSTING';

-- The types a panel offers, in the order shown. A deleted type keeps its row here (the panel is
-- edited to leave it out; a click on an old button is answered as "no longer offered").
CREATE TABLE panel_types (
    panel_id BIGINT  NOT NULL REFERENCES panels (id),
    type_id  BIGINT  NOT NULL REFERENCES ticket_types (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (panel_id, type_id)
);

CREATE INDEX panel_types_type ON panel_types (type_id);
