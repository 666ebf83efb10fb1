-- Issue 12 part 6: the escalation loop. An execution escalated to someone (escalation_user_id, V7)
-- now carries the state of that escalation, open -> acknowledged -> resolved, with who and when
-- (the core's Escalation), and the latest note of those steps. Escalating again opens a new one.
ALTER TABLE workflow_executions ADD COLUMN escalation_state VARCHAR(16);
ALTER TABLE workflow_executions ADD COLUMN escalated_by UUID;
ALTER TABLE workflow_executions ADD COLUMN escalated_at TIMESTAMPTZ;
ALTER TABLE workflow_executions ADD COLUMN escalation_acknowledged_by UUID;
ALTER TABLE workflow_executions ADD COLUMN escalation_acknowledged_at TIMESTAMPTZ;
ALTER TABLE workflow_executions ADD COLUMN escalation_resolved_by UUID;
ALTER TABLE workflow_executions ADD COLUMN escalation_resolved_at TIMESTAMPTZ;
ALTER TABLE workflow_executions ADD COLUMN escalation_note VARCHAR(500);
-- EscalationState's wire names (ClosedSetChecksTest ties them together).
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_escalation_state_check
    CHECK (escalation_state IN ('open', 'acknowledged', 'resolved'));
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_escalation_has_user_check
    CHECK (escalation_state IS NULL OR (escalation_user_id IS NOT NULL AND escalated_at IS NOT NULL));
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_escalated_by_fkey
    FOREIGN KEY (organization_id, escalated_by) REFERENCES profiles (organization_id, id);
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_escalation_acknowledged_by_fkey
    FOREIGN KEY (organization_id, escalation_acknowledged_by) REFERENCES profiles (organization_id, id);
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_escalation_resolved_by_fkey
    FOREIGN KEY (organization_id, escalation_resolved_by) REFERENCES profiles (organization_id, id);

-- Each step is an event: 'acknowledge' and 'resolve' (with the note in V27's note column).
ALTER TABLE workflow_execution_events DROP CONSTRAINT workflow_execution_events_action_check;
ALTER TABLE workflow_execution_events ADD CONSTRAINT workflow_execution_events_action_check
    CHECK (action IN ('create', 'start', 'complete', 'snooze', 'skip', 'escalate', 'wake', 'update_data',
                      'reassign', 'acknowledge', 'resolve'));

-- The organization's acknowledgement target (OrganizationSettings: default 24, 1..720 hours).
ALTER TABLE organizations ADD COLUMN escalation_ack_target_hours INTEGER NOT NULL DEFAULT 24;
ALTER TABLE organizations ADD CONSTRAINT organizations_escalation_ack_target_hours_check
    CHECK (escalation_ack_target_hours BETWEEN 1 AND 720);

-- Unresolved escalations of a team's CSMs (the team view counts them; an 'open' only count is served
-- too): WHERE organization_id = ? AND assigned_csm_id IN (...) AND escalation_state = 'open'.
CREATE INDEX workflow_executions_unresolved_escalations
    ON workflow_executions (organization_id, assigned_csm_id, escalation_state)
    WHERE escalation_state IN ('open', 'acknowledged');

-- Executions escalated before this migration: an open escalation by whoever escalated them last, at
-- that time (their latest 'escalate' event). The tables are FORCE'd under row-level security (V26),
-- so the owner lifts that for this one statement. Outside what jOOQ's DDL parser reads.
-- [jooq ignore start]
ALTER TABLE workflow_executions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE workflow_execution_events NO FORCE ROW LEVEL SECURITY;
UPDATE workflow_executions w
SET escalation_state = 'open',
    escalated_by = last.actor_profile_id,
    escalated_at = COALESCE(last.occurred_at, w.updated_at)
FROM workflow_executions x
LEFT JOIN LATERAL (
    SELECT e.actor_profile_id, e.occurred_at
    FROM workflow_execution_events e
    WHERE e.organization_id = x.organization_id AND e.execution_id = x.id AND e.action = 'escalate'
    ORDER BY e.id DESC
    LIMIT 1) last ON true
WHERE x.id = w.id AND w.escalation_user_id IS NOT NULL;
ALTER TABLE workflow_executions FORCE ROW LEVEL SECURITY;
ALTER TABLE workflow_execution_events FORCE ROW LEVEL SECURITY;
-- [jooq ignore stop]
