-- Issue 12, forms: up to 5 questions per ticket type, and the answers given when a ticket opens.
-- A question is a text input (style SHORT or PARAGRAPH; min_count/max_count = characters) or a
-- string select (style SELECT; options = its choices, one per line; min_count/max_count = how many
-- may be chosen). Questions are ordered by position (1-based order shown to admins is the rank;
-- positions only grow, so removing one never renumbers rows). A deleted question is deleted.
CREATE TABLE ticket_type_questions (
    id          ${id_column},
    type_id     BIGINT        NOT NULL REFERENCES ticket_types (id),
    position    INTEGER       NOT NULL,
    label       VARCHAR(45)   NOT NULL,
    style       VARCHAR(10)   NOT NULL,
    required    BOOLEAN       NOT NULL,
    min_count   INTEGER,
    max_count   INTEGER,
    placeholder VARCHAR(100),
    options     TEXT,
    created_at  BIGINT        NOT NULL
);

CREATE INDEX ticket_type_questions_by_type ON ticket_type_questions (type_id, position);

-- The answers of a ticket, saved in the transaction that creates it. The question's label is
-- copied (a snapshot), so editing or removing the type's questions later never changes what an
-- old ticket shows. Only answered questions have a row; a select's answer is its chosen labels.
CREATE TABLE ticket_answers (
    ticket_id BIGINT       NOT NULL REFERENCES tickets (id),
    position  INTEGER      NOT NULL,
    label     VARCHAR(45)  NOT NULL,
    answer    TEXT         NOT NULL,
    PRIMARY KEY (ticket_id, position)
);
