-- Issue 14 part 1: workflow dependencies. A definition may depend on other definitions of its
-- organization (the core's Dependency): its executions are blocked while the same customer has an
-- open execution of a prerequisite, or, with completed_within_days, until one was completed no more
-- than that many days before the dependent was created (DependencyRule; docs/dependencies.md).
-- while_open says whether the signal interpreter creates a dependent while it would be blocked
-- ('create': visible, blocked) or holds it back ('wait'). The core validates a definition's
-- dependencies (its organization's, no cycle) before they are written; the keys below keep them
-- inside one organization whatever writes them.
CREATE TABLE workflow_definition_dependencies (
    organization_id       UUID       NOT NULL,
    definition_id         UUID       NOT NULL,
    prerequisite_id       UUID       NOT NULL,
    position              INTEGER    NOT NULL,
    completed_within_days INTEGER,
    while_open            VARCHAR(8) NOT NULL DEFAULT 'create',
    CONSTRAINT workflow_definition_dependencies_pkey PRIMARY KEY (organization_id, definition_id, prerequisite_id),
    CONSTRAINT workflow_definition_dependencies_not_itself_check CHECK (prerequisite_id <> definition_id),
    -- Dependency.MIN_DAYS .. MAX_DAYS
    CONSTRAINT workflow_definition_dependencies_completed_within_days_check
        CHECK (completed_within_days BETWEEN 1 AND 3650),
    -- WhileOpen's wire names (ClosedSetChecksTest ties them together).
    CONSTRAINT workflow_definition_dependencies_while_open_check CHECK (while_open IN ('create', 'wait')),
    CONSTRAINT workflow_definition_dependencies_definition_fkey FOREIGN KEY (organization_id, definition_id)
        REFERENCES workflow_definitions (organization_id, id) ON DELETE CASCADE,
    -- Checked at commit: an import may name a prerequisite that a later batch of the same load writes.
    CONSTRAINT workflow_definition_dependencies_prerequisite_fkey FOREIGN KEY (organization_id, prerequisite_id)
        REFERENCES workflow_definitions (organization_id, id) DEFERRABLE INITIALLY DEFERRED
);

-- The primary key serves "the dependencies of this definition" (the queue's anti-join probes it per
-- candidate row: organization_id, definition_id); this serves the release of dependents when a
-- prerequisite closes ("which definitions depend on this one").
CREATE INDEX workflow_definition_dependencies_by_prerequisite
    ON workflow_definition_dependencies (organization_id, prerequisite_id);

-- A dependent that becomes available again gets an 'unblocked' event (no actor: the system).
ALTER TABLE workflow_execution_events DROP CONSTRAINT workflow_execution_events_action_check;
ALTER TABLE workflow_execution_events ADD CONSTRAINT workflow_execution_events_action_check
    CHECK (action IN ('create', 'start', 'complete', 'snooze', 'skip', 'escalate', 'wake', 'update_data',
                      'reassign', 'acknowledge', 'resolve', 'unblocked'));

-- Under row-level security as every tenant table is (V26). Outside what jOOQ's DDL parser reads.
-- [jooq ignore start]
ALTER TABLE workflow_definition_dependencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_definition_dependencies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_definition_dependencies
    USING (organization_id = orchestrator_organization()) WITH CHECK (organization_id = orchestrator_organization());
-- [jooq ignore stop]
