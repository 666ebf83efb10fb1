-- The team view's open read again without the heap (V29 made it index-only; V28's escalation_state,
-- which SqlTeamViews.OPEN_ESCALATION then read, was not in the index, so every open row of the team,
-- 39,299 of them for a manager of 20 CSMs at 1M executions, was fetched from the table: about 3/4 of
-- the view's time, docs/performance.md "Bulk actions and the team view back under their targets").
-- TeamViewPlanTest now requires an index-only scan, so that a column the view reads without its
-- index is caught.
DROP INDEX workflow_executions_team_open;
CREATE INDEX workflow_executions_team_open
    ON workflow_executions (organization_id, assigned_csm_id)
    INCLUDE (status, priority_score, snooze_until, escalation_user_id, escalation_state)
    WHERE is_demo = false AND status IN ('not_started', 'underway', 'snoozed');

-- Open escalations follow SqlTeamViews.OPEN_ESCALATION (as V29 said they would once escalations had a
-- state): only those still waiting for an acknowledgement, with what the wait is read from.
DROP INDEX workflow_executions_team_escalated;
CREATE INDEX workflow_executions_team_escalated
    ON workflow_executions (organization_id, assigned_csm_id)
    INCLUDE (created_at, id)
    WHERE is_demo = false AND status IN ('not_started', 'underway', 'snoozed') AND escalation_user_id IS NOT NULL
      AND (escalation_state IS NULL OR escalation_state = 'open');
