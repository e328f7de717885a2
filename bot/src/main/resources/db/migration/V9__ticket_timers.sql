-- Timers of tickets (issue 11: close requests, auto-close on inactivity) and notices for admins.
-- Everything that must happen once is claimed with a conditional UPDATE (state or warned_at), so
-- any number of processes sweeping the same rows act once. Times are epoch milliseconds.

-- A staff member asked the creator whether the ticket can be closed. At most one PENDING request
-- per ticket (a new one replaces it). With due_at the ticket closes by itself at that time unless
-- the creator answered "keep open" or wrote in the ticket.
CREATE TABLE close_requests (
    id           ${id_column},
    ticket_id    BIGINT        NOT NULL REFERENCES tickets (id),
    guild_id     BIGINT        NOT NULL,
    requested_by BIGINT        NOT NULL,
    -- the staff member's reason (normalised user text), or NULL
    reason       VARCHAR(1000),
    due_at       BIGINT,
    state        VARCHAR(12)   NOT NULL CHECK (state IN ('PENDING', 'ACCEPTED', 'KEPT_OPEN',
                     'CANCELLED', 'REPLACED', 'EXPIRED', 'CLOSED')),
    -- the bot's message with the Accept / Keep open buttons, once posted
    message_id   BIGINT,
    created_at   BIGINT        NOT NULL,
    settled_at   BIGINT,
    settled_by   BIGINT,
    -- ACCEPTED / EXPIRED: whether the close it implies was carried out (a sweep finishes it if not)
    close_done   BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT close_requests_settled CHECK (state = 'PENDING' OR settled_at IS NOT NULL)
);

CREATE UNIQUE INDEX close_requests_one_pending ON close_requests (ticket_id) WHERE state = 'PENDING';
CREATE INDEX close_requests_due ON close_requests (due_at)
    WHERE state = 'PENDING' AND due_at IS NOT NULL;
CREATE INDEX close_requests_unfinished ON close_requests (settled_at)
    WHERE close_done = FALSE AND state IN ('ACCEPTED', 'EXPIRED');

-- The last message seen in a ticket's thread (written at most about once a minute per ticket) and
-- when the current idle period's auto-close warning was recorded.
CREATE TABLE ticket_activity (
    ticket_id        BIGINT NOT NULL PRIMARY KEY REFERENCES tickets (id),
    guild_id         BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    warned_at        BIGINT
);

-- Something an admin must hear about on their next /setting command (e.g. the ticket channel was
-- deleted); deleted once shown.
CREATE TABLE guild_notices (
    id         ${id_column},
    guild_id   BIGINT      NOT NULL,
    kind       VARCHAR(30) NOT NULL,
    channel_id BIGINT,
    count      INTEGER     NOT NULL DEFAULT 0,
    created_at BIGINT      NOT NULL
);

CREATE INDEX guild_notices_by_guild ON guild_notices (guild_id, id);
