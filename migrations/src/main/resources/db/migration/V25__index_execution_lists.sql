-- Work views (issue 12): the execution list and one execution's timeline. Every list page is
--   WHERE organization_id = ? AND <scope> AND is_demo = false AND <filters>
--   ORDER BY <key>, id (both ascending, or both descending for -priority) LIMIT n
-- continued after (key, id) of the previous page's last row. <scope> is one CSM's work
-- (assigned_csm_id = ?), a team's (assigned_csm_id IN (...)), the organization's (admins), or
-- the work escalated to the caller (escalation_user_id = ?). Each (scope, key) has an index whose
-- order is the ORDER BY, so a page reads about n entries and never sorts (a team's IN list is
-- merged by a sort of the team's matching rows). is_demo = false is written as a literal so that
-- the partial indexes apply. Dates sort with rows without one last: the indexes hold the same
-- COALESCE(x, 'infinity') expression the queries sort by.

CREATE INDEX workflow_executions_list_csm_priority
    ON workflow_executions (organization_id, assigned_csm_id, priority_score, id) WHERE is_demo = false;
CREATE INDEX workflow_executions_list_org_priority
    ON workflow_executions (organization_id, priority_score, id) WHERE is_demo = false;
CREATE INDEX workflow_executions_list_csm_created
    ON workflow_executions (organization_id, assigned_csm_id, created_at, id) WHERE is_demo = false;
CREATE INDEX workflow_executions_list_org_created
    ON workflow_executions (organization_id, created_at, id) WHERE is_demo = false;
CREATE INDEX workflow_executions_list_escalated_priority
    ON workflow_executions (organization_id, escalation_user_id, priority_score, id)
    WHERE is_demo = false AND escalation_user_id IS NOT NULL;

-- jOOQ's DDL parser does not read expression indexes; PostgreSQL still runs them.
-- [jooq ignore start]
CREATE INDEX workflow_executions_list_csm_due
    ON workflow_executions (organization_id, assigned_csm_id, (COALESCE(due_at, 'infinity'::timestamptz)), id)
    WHERE is_demo = false;
CREATE INDEX workflow_executions_list_org_due
    ON workflow_executions (organization_id, (COALESCE(due_at, 'infinity'::timestamptz)), id)
    WHERE is_demo = false;
CREATE INDEX workflow_executions_list_csm_snooze
    ON workflow_executions (organization_id, assigned_csm_id, (COALESCE(snooze_until, 'infinity'::timestamptz)), id)
    WHERE is_demo = false;
CREATE INDEX workflow_executions_list_org_snooze
    ON workflow_executions (organization_id, (COALESCE(snooze_until, 'infinity'::timestamptz)), id)
    WHERE is_demo = false;
-- [jooq ignore stop]

-- One execution's timeline needs no new index: workflow_execution_events_by_execution (V9) finds its
-- events, and sorting one execution's few dozen events by id costs nothing (ExecutionListPlanTest).
