-- The first answer to a POST that carried an Idempotency-Key, so that a retry with the
-- same key and body gets the same answer instead of doing the work twice. Keys are per
-- caller; request_hash is the SHA-256 of method, path and body. A row without a status
-- is a request still in progress. Rows older than a day may be deleted.
CREATE TABLE idempotency_keys (
    organization_id UUID         NOT NULL,
    caller_id       UUID         NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    status          INTEGER,
    content_type    VARCHAR(100),
    body            BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (organization_id, caller_id, idempotency_key),
    CONSTRAINT idempotency_keys_caller_fkey FOREIGN KEY (organization_id, caller_id)
        REFERENCES profiles (organization_id, id)
);

-- Expiry sweeps.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
