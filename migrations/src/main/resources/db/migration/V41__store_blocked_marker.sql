-- Issue 14: the production queue reads a stored marker instead of evaluating the dependency rule per
-- entry (docs/performance.md, "The queue with workflow dependencies"). blocked is DependencyRule's
-- "is blocked" for the row, kept by the persistence adapter's BlockedMarker in the transaction of every
-- write that can change it (an execution created, a status changed, a definition's depends_on written);
-- nothing else: the rule's windows count back from the dependent's creation, so time alone never
-- changes it.
--
-- A constant default: PostgreSQL 11+ adds the column without rewriting the table (metadata only, at
-- any size); only the rows the backfill below marks are written.
ALTER TABLE workflow_executions ADD COLUMN blocked BOOLEAN NOT NULL DEFAULT false;

-- The rows blocked when this runs. The rule as DependencySql renders it (BLOCKABLE not_started and
-- snoozed; BLOCKING the open statuses; SATISFYING completed; the window in whole 24-hour days back
-- from created_at); BlockedBackfillTest compares this statement's result with DependencySql on random
-- data. Only organizations with dependencies have such rows. Under FORCE'd row-level security (V26) the
-- owner lifts it for this one statement, as V28 does. Outside what jOOQ's DDL parser reads.
-- [jooq ignore start]
ALTER TABLE workflow_executions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE workflow_definition_dependencies NO FORCE ROW LEVEL SECURITY;
UPDATE workflow_executions e SET blocked = true
WHERE e.status IN ('not_started', 'snoozed')
  AND EXISTS (
    SELECT 1 FROM workflow_definition_dependencies dd
    WHERE dd.organization_id = e.organization_id AND dd.definition_id = e.workflow_definition_id
      AND (EXISTS (SELECT 1 FROM workflow_executions pe
                   WHERE pe.organization_id = e.organization_id AND pe.customer_id = e.customer_id
                     AND pe.workflow_definition_id = dd.prerequisite_id
                     AND pe.status IN ('not_started', 'underway', 'snoozed'))
           OR (dd.completed_within_days IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM workflow_executions pc
                               WHERE pc.organization_id = e.organization_id AND pc.customer_id = e.customer_id
                                 AND pc.workflow_definition_id = dd.prerequisite_id
                                 AND pc.status = 'completed'
                                 AND pc.completed_at >= e.created_at - dd.completed_within_days * interval '24 hours'))));
ALTER TABLE workflow_executions FORCE ROW LEVEL SECURITY;
ALTER TABLE workflow_definition_dependencies FORCE ROW LEVEL SECURITY;
-- [jooq ignore stop]

-- The production queue leaves blocked work out of its index (V8's columns and predicate, plus NOT
-- blocked, which the queue repeats as a literal): a page reads its n entries and no blocked one in
-- between. JooqQueueReader's page is the only reader; the execution lists use their own indexes
-- (ExecutionListPlanTest).
DROP INDEX workflow_executions_production_queue;
CREATE INDEX workflow_executions_production_queue
    ON workflow_executions (organization_id, assigned_csm_id, priority_score DESC, created_at, id)
    WHERE is_demo = false AND status IN ('not_started', 'underway', 'snoozed') AND NOT blocked;
