-- Claims (issue 11): the staff member who holds a ticket. At most one per ticket (the primary
-- key): claiming is an INSERT that does nothing when a row exists, so of two staff claiming at
-- once exactly one holds it; releasing and transferring are conditional on the current holder.
-- Each change is one transaction with the Discord effects it implies (ticket_effects).
CREATE TABLE ticket_claims (
    ticket_id  BIGINT NOT NULL PRIMARY KEY REFERENCES tickets (id),
    claimed_by BIGINT NOT NULL,
    claimed_at BIGINT NOT NULL
);
