-- "Why did it move?" (issue 13): the recompute remembers, for each row it re-scores, the score and
-- its parts by rule (the evaluator's contributions as {rule: points}) before the day's first change,
-- so that a queue item can say what its score was and which parts moved. Written only by the
-- set-based recompute (daily job, policy apply, signal writes), only for rows whose score changes;
-- the next day's run clears what it no longer applies to (score_changed_on before its date).
ALTER TABLE workflow_executions
    ADD COLUMN scored_parts     JSONB,
    ADD COLUMN previous_score   INTEGER,
    ADD COLUMN previous_parts   JSONB,
    ADD COLUMN score_changed_on DATE;
