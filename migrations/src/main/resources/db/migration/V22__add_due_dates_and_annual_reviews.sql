-- Phase 2D: a strategic customer's annual review date (importable like renewal_date), and
-- the date an execution is due by. An execution created by a renewal or annual-review
-- trigger carries that date as due_at; others have none.
ALTER TABLE customers ADD COLUMN annual_review_date DATE;
ALTER TABLE workflow_executions ADD COLUMN due_at TIMESTAMPTZ;
