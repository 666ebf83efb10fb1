-- The team view (GET /api/orchestrator/team): per CSM, counts over open work and over work closed
-- in the last 30 days. Each of its four reads is an index(-only) range scan per CSM, never a scan
-- of a CSM's whole history (TeamViewPlanTest).

-- Open work: labels (score), underway, resurfacing (snooze_until) and escalated, without the heap.
CREATE INDEX workflow_executions_team_open
    ON workflow_executions (organization_id, assigned_csm_id)
    INCLUDE (status, priority_score, snooze_until, escalation_user_id)
    WHERE is_demo = false AND status IN ('not_started', 'underway', 'snoozed');

-- Open escalations and when they started waiting (the predicate is SqlTeamViews.OPEN_ESCALATION's:
-- when escalations get a state column, this index follows it).
CREATE INDEX workflow_executions_team_escalated
    ON workflow_executions (organization_id, assigned_csm_id)
    INCLUDE (created_at)
    WHERE is_demo = false AND status IN ('not_started', 'underway', 'snoozed') AND escalation_user_id IS NOT NULL;

-- Closed lately: a range of completion (skip) times per CSM.
CREATE INDEX workflow_executions_team_completed
    ON workflow_executions (organization_id, assigned_csm_id, completed_at)
    WHERE is_demo = false AND status = 'completed';
CREATE INDEX workflow_executions_team_skipped
    ON workflow_executions (organization_id, assigned_csm_id, skipped_at)
    WHERE is_demo = false AND status = 'skipped';
