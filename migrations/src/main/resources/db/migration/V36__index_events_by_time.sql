-- Issue 14 part 3, analytics (GET /api/orchestrator/analytics, SqlAnalytics): one organization's events
-- of a period, read as a range of this index; what the facts need of each event is in the index, so
-- only the executions' rows are visited (AnalyticsPlanTest). A first start and the escalation an
-- acknowledgement answers are looked up through workflow_execution_events_by_execution (V9); work due
-- in the period through V25's due-date index.
CREATE INDEX workflow_execution_events_by_time
    ON workflow_execution_events (organization_id, occurred_at)
    INCLUDE (action, execution_id, actor_profile_id, reason_code);
