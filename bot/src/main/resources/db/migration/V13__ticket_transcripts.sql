-- Transcripts (issue 13): the HTML record of a ticket's thread, made by the TRANSCRIPT effect of
-- a close, gzip-compressed. One row per ticket: a retried effect and the close after a reopen
-- overwrite it (an upsert), so the stored transcript is always the latest close's, covering the
-- whole thread. ${blob_type} is BLOB on SQLite, BYTEA on PostgreSQL. Times are epoch milliseconds.
CREATE TABLE ticket_transcripts (
    ticket_id         BIGINT      NOT NULL PRIMARY KEY REFERENCES tickets (id),
    html_gz           ${blob_type} NOT NULL,
    -- the HTML's size in bytes before compression (what an upload to Discord weighs)
    html_bytes        INTEGER     NOT NULL,
    message_count     INTEGER     NOT NULL,
    -- false when the bot lacked the Message Content intent (members' text is missing)
    content_available BOOLEAN     NOT NULL,
    -- true when the thread had more messages than were read
    truncated         BOOLEAN     NOT NULL,
    created_at        BIGINT      NOT NULL
);

-- Whether the creator's DM at close carries the transcript (NULL: the default, on).
ALTER TABLE guild_settings ADD COLUMN transcript_dm BOOLEAN;
