-- Leases for timed jobs that must run in one process at a time (see JobLeases).
CREATE TABLE job_leases (
    name       VARCHAR(200) NOT NULL PRIMARY KEY,
    owner      VARCHAR(200) NOT NULL,
    expires_at BIGINT       NOT NULL
);
