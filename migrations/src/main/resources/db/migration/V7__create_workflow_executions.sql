-- One run of a workflow definition for one customer, assigned to one CSM.
-- Escalation adds a second person (escalation_user_id); it never reassigns.
CREATE TABLE workflow_executions (
    id                     UUID         NOT NULL DEFAULT gen_random_uuid(),
    organization_id        UUID         NOT NULL,
    workflow_definition_id UUID         NOT NULL,
    customer_id            UUID         NOT NULL,
    assigned_csm_id        UUID         NOT NULL,
    escalation_user_id     UUID,
    status                 VARCHAR(16)  NOT NULL DEFAULT 'not_started',
    snooze_until           TIMESTAMPTZ,
    snooze_days            INTEGER,
    snoozed_at             TIMESTAMPTZ,
    priority_score         INTEGER      NOT NULL DEFAULT 0,
    started_at             TIMESTAMPTZ,
    completed_at           TIMESTAMPTZ,
    skipped_at             TIMESTAMPTZ,
    skip_reason            VARCHAR(500),
    execution_data         JSONB        NOT NULL DEFAULT '{}',
    is_demo                BOOLEAN      NOT NULL DEFAULT false,
    -- Optimistic locking: UPDATE ... WHERE version = ? and bump it.
    version                BIGINT       NOT NULL DEFAULT 0,
    created_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT workflow_executions_pkey PRIMARY KEY (id),
    -- "Execution by id within organization"; target of the events' composite FK.
    CONSTRAINT workflow_executions_organization_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT workflow_executions_status_check
        CHECK (status IN ('not_started', 'underway', 'completed', 'snoozed', 'skipped')),
    CONSTRAINT workflow_executions_snooze_days_check CHECK (snooze_days BETWEEN 1 AND 90),
    CONSTRAINT workflow_executions_snoozed_has_until_check
        CHECK (status <> 'snoozed' OR snooze_until IS NOT NULL),
    CONSTRAINT workflow_executions_skipped_has_reason_check
        CHECK (status <> 'skipped' OR skip_reason IS NOT NULL),
    -- All four references are composite so a row can never point into another tenant.
    CONSTRAINT workflow_executions_definition_fkey FOREIGN KEY (organization_id, workflow_definition_id)
        REFERENCES workflow_definitions (organization_id, id),
    CONSTRAINT workflow_executions_customer_fkey FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id),
    CONSTRAINT workflow_executions_assigned_csm_fkey FOREIGN KEY (organization_id, assigned_csm_id)
        REFERENCES profiles (organization_id, id),
    CONSTRAINT workflow_executions_escalation_user_fkey FOREIGN KEY (organization_id, escalation_user_id)
        REFERENCES profiles (organization_id, id)
);
