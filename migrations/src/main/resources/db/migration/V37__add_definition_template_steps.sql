-- Templates with dynamic steps (issue 14, part 4): a definition's checklist. Each element is
-- {key, title, when?, due_offset_days?, optional?} in the canonical form the core writes
-- (TemplateSteps.toJson; every write is checked by TemplateSteps.read). The signal interpretation
-- instantiates the steps whose `when` holds into a new execution's execution_data.steps.
ALTER TABLE workflow_definitions
    ADD COLUMN steps JSONB NOT NULL DEFAULT '[]',
    ADD CONSTRAINT workflow_definitions_steps_array CHECK (jsonb_typeof(steps) = 'array');
