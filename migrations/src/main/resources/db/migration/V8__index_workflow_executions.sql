-- Indexes for the queries the service runs on workflow_executions. The partial
-- indexes only help a query whose WHERE repeats the predicate with literals
-- (status IN ('not_started', ...), is_demo = false): do not bind those as parameters.

-- (a) Production queue of one CSM:
--   WHERE organization_id = ? AND assigned_csm_id = ? AND is_demo = false
--     AND status IN ('not_started', 'underway', 'snoozed')
--   ORDER BY priority_score DESC, created_at, id LIMIT n
-- The index order equals the ORDER BY, so the plan reads n entries and never sorts.
CREATE INDEX workflow_executions_production_queue
    ON workflow_executions (organization_id, assigned_csm_id, priority_score DESC, created_at, id)
    WHERE is_demo = false AND status IN ('not_started', 'underway', 'snoozed');

-- (b) Demo queue and demo sequence status of one CSM (all statuses; few rows).
CREATE INDEX workflow_executions_demo_by_csm
    ON workflow_executions (organization_id, assigned_csm_id, status)
    WHERE is_demo = true;

-- (c) At most one non-terminal execution per (customer, definition), as a database
-- guarantee. Named: INSERT ... ON CONFLICT (organization_id, customer_id,
-- workflow_definition_id) WHERE status IN (...) DO NOTHING infers this index.
CREATE UNIQUE INDEX workflow_executions_one_active_per_customer_definition
    ON workflow_executions (organization_id, customer_id, workflow_definition_id)
    WHERE status IN ('not_started', 'underway', 'snoozed');

-- (d) Snoozed executions by wake-up time (the job that wakes due snoozes and the
-- priority recalculation of snoozed work). Holds only snoozed rows.
CREATE INDEX workflow_executions_snoozed_until
    ON workflow_executions (organization_id, snooze_until)
    WHERE status = 'snoozed';

-- Executions of one customer (customer page; also keeps the customer FK cheap to check).
CREATE INDEX workflow_executions_by_customer
    ON workflow_executions (organization_id, customer_id, created_at);
