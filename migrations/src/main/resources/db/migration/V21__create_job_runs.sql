-- The history of the orchestrator's own jobs (the daily run): one row per run, scheduled or started by hand.
-- A run is inserted as 'running' and finished as 'succeeded' or 'failed'; a 'running' row whose instance
-- died is marked 'abandoned' by the next run (which holds the job's lock, so nobody else is running it).
-- organization_id is null for a run over every organization. steps is the ordered list of what the run
-- did: [{"name": "interpret_signals", "counts": {"created": 3}, "seconds": 0.412}, ...].
CREATE TABLE job_runs (
    id              UUID          NOT NULL,
    job             VARCHAR(64)   NOT NULL,
    instance        VARCHAR(200)  NOT NULL,
    organization_id UUID,
    trigger         VARCHAR(16)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    started_at      TIMESTAMPTZ   NOT NULL,
    finished_at     TIMESTAMPTZ,
    steps           JSONB         NOT NULL DEFAULT '[]',
    error           VARCHAR(2000),
    CONSTRAINT job_runs_pkey PRIMARY KEY (id),
    CONSTRAINT job_runs_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),
    CONSTRAINT job_runs_trigger_check CHECK (trigger IN ('schedule', 'manual')),
    CONSTRAINT job_runs_finished_check CHECK ((status = 'running') = (finished_at IS NULL))
);

-- The latest runs of a job, newest first.
CREATE INDEX job_runs_by_job ON job_runs (job, started_at);
