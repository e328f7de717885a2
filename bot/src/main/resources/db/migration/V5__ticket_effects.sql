-- Durable Discord side effects (see docs/core.md, "Durable side effects").
--
-- Every lifecycle step that implies Discord work inserts one row per effect here in the same
-- transaction as its state change (opening: tickets + counter; closing: the conditional update).
-- A worker performs a ticket's effects in id order, one at a time, and settles each row: DONE,
-- or FAILED with a recorded outcome when Discord refuses for good. Rows are kept as the ticket's
-- record of what was done on Discord (/ticket check shows them).
CREATE TABLE ticket_effects (
    id              ${id_column},
    ticket_id       BIGINT        NOT NULL REFERENCES tickets (id),
    guild_id        BIGINT        NOT NULL,
    kind            VARCHAR(30)   NOT NULL,
    -- what the effect needs beyond the ticket row, fixed when it was recorded (key=value lines)
    payload         VARCHAR(2000) NOT NULL,
    state           VARCHAR(10)   NOT NULL CHECK (state IN ('PENDING', 'DONE', 'FAILED')),
    -- attempts started; incremented (and committed) before each request, so a crash mid-request
    -- leaves attempts > 0 and the retry knows the request may have reached Discord
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL,
    settled_at      BIGINT,
    -- internal description of the last failure or of the settled outcome (never user text)
    outcome         VARCHAR(500),
    CONSTRAINT ticket_effects_settled CHECK (state = 'PENDING' OR settled_at IS NOT NULL)
);

CREATE INDEX ticket_effects_by_ticket ON ticket_effects (ticket_id, id);
CREATE INDEX ticket_effects_pending ON ticket_effects (next_attempt_at) WHERE state = 'PENDING';
