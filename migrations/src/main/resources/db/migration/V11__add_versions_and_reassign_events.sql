-- Optimistic concurrency for the management API (ETag / If-Match): every write of a
-- customer or a workflow definition bumps its version.
ALTER TABLE customers ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE workflow_definitions ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- 'reassign': when a customer gets a new CSM, its open executions move with it, each
-- with an event naming the CSM before and after.
ALTER TABLE workflow_execution_events ADD COLUMN from_csm_id UUID;
ALTER TABLE workflow_execution_events ADD COLUMN to_csm_id UUID;
ALTER TABLE workflow_execution_events DROP CONSTRAINT workflow_execution_events_action_check;
ALTER TABLE workflow_execution_events ADD CONSTRAINT workflow_execution_events_action_check
    CHECK (action IN ('create', 'start', 'complete', 'snooze', 'skip', 'escalate', 'wake', 'update_data',
                      'reassign'));
ALTER TABLE workflow_execution_events ADD CONSTRAINT workflow_execution_events_from_csm_fkey
    FOREIGN KEY (organization_id, from_csm_id) REFERENCES profiles (organization_id, id);
ALTER TABLE workflow_execution_events ADD CONSTRAINT workflow_execution_events_to_csm_fkey
    FOREIGN KEY (organization_id, to_csm_id) REFERENCES profiles (organization_id, id);
