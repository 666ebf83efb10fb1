-- The signal-aware lifecycle (issue 10, part 4): cooldown, auto-close with hysteresis, early wake.
--
-- created_by_signals: the row was created by signal interpretation (only such rows are auto-closed).
--   Rows from before this migration are false: they are never auto-closed.
-- auto_close_runs / auto_close_counted_on: consecutive daily runs in which the definition's trigger
--   condition was cleared by at least auto_close.margin, and the UTC day last counted (a second run on
--   the same day counts nothing). Any transition resets them.
-- snooze_risk_score: the customer's risk score when the execution was snoozed (early wake compares
--   with it); woken_risk_score: the risk score at an early wake, until the next transition (the queue
--   explains why the execution is back).
ALTER TABLE workflow_executions ADD COLUMN created_by_signals BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE workflow_executions ADD COLUMN auto_close_runs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workflow_executions ADD COLUMN auto_close_counted_on DATE;
ALTER TABLE workflow_executions ADD COLUMN snooze_risk_score INTEGER;
ALTER TABLE workflow_executions ADD COLUMN woken_risk_score INTEGER;
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_auto_close_runs_check
    CHECK (auto_close_runs >= 0);

-- Cooldown: interpretation looks up the latest completed or skipped execution of each
-- (customer, definition). Holds only closed rows.
CREATE INDEX workflow_executions_closed_by_customer_definition
    ON workflow_executions (organization_id, customer_id, workflow_definition_id)
    WHERE status IN ('completed', 'skipped');

-- Auto-close candidates: signal-created work nobody started (one organization, or all).
CREATE INDEX workflow_executions_auto_close_candidates
    ON workflow_executions (organization_id, customer_id)
    WHERE status = 'not_started' AND created_by_signals = true AND is_demo = false;
