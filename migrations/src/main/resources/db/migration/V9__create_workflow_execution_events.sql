-- Append-only audit trail: one row per state change or data update of an execution.
-- actor_profile_id is null when a system job (e.g. the snooze waker) acted.
CREATE TABLE workflow_execution_events (
    id                 BIGINT       GENERATED ALWAYS AS IDENTITY,
    organization_id    UUID         NOT NULL,
    execution_id       UUID         NOT NULL,
    actor_profile_id   UUID,
    action             VARCHAR(16)  NOT NULL,
    from_status        VARCHAR(16),
    to_status          VARCHAR(16)  NOT NULL,
    days               INTEGER,
    reason             VARCHAR(500),
    escalation_user_id UUID,
    occurred_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT workflow_execution_events_pkey PRIMARY KEY (id),
    CONSTRAINT workflow_execution_events_action_check
        CHECK (action IN ('create', 'start', 'complete', 'snooze', 'skip', 'escalate', 'wake', 'update_data')),
    CONSTRAINT workflow_execution_events_from_status_check
        CHECK (from_status IN ('not_started', 'underway', 'completed', 'snoozed', 'skipped')),
    CONSTRAINT workflow_execution_events_to_status_check
        CHECK (to_status IN ('not_started', 'underway', 'completed', 'snoozed', 'skipped')),
    CONSTRAINT workflow_execution_events_days_check CHECK (days BETWEEN 1 AND 90),
    CONSTRAINT workflow_execution_events_execution_fkey FOREIGN KEY (organization_id, execution_id)
        REFERENCES workflow_executions (organization_id, id),
    CONSTRAINT workflow_execution_events_actor_fkey FOREIGN KEY (organization_id, actor_profile_id)
        REFERENCES profiles (organization_id, id),
    CONSTRAINT workflow_execution_events_escalation_user_fkey FOREIGN KEY (organization_id, escalation_user_id)
        REFERENCES profiles (organization_id, id)
);

-- History of one execution, in order.
CREATE INDEX workflow_execution_events_by_execution
    ON workflow_execution_events (organization_id, execution_id, occurred_at);
