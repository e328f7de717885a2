-- Close confirmations shown and not yet answered (the "Close / Cancel" buttons of /ticket close and
-- of the first message's Close button). Until now they lived in the process's memory, so after a
-- restart a confirmation closed the ticket without the reason typed with /ticket close and kept its
-- buttons. One row per confirmation shown: the requester, the reason typed (NULL: none; a later
-- confirmation of the same requester replaces the reason), the token of the interaction that
-- showed it (to take its buttons off once the ticket closes) and when that token expires (Discord:
-- 15 minutes). cancelled = the requester cancelled: no reason any more, the token is kept. Rows
-- are deleted when the ticket closes and once expired; times are epoch milliseconds.
CREATE TABLE close_confirmations (
    id           ${id_column},
    ticket_id    BIGINT  NOT NULL,
    requester_id BIGINT  NOT NULL,
    reason       TEXT,
    token        TEXT,
    cancelled    BOOLEAN NOT NULL,
    expires_at   BIGINT  NOT NULL
);

CREATE INDEX close_confirmations_ticket ON close_confirmations (ticket_id, requester_id);
CREATE INDEX close_confirmations_expiry ON close_confirmations (expires_at);
