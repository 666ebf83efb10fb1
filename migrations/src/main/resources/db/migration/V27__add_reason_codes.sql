-- Issue 12 part 5: an organization's catalog of skip and snooze reasons, and the code each skip or
-- snooze carries.
--
-- An organization with no rows here has the default set, which is defined once, in the core
-- (ReasonCatalog.DEFAULTS): nothing is seeded, so no creation path (import, demo, synthetic data,
-- the API) can forget it. An admin's PUT replaces the rows whole; 'other' (the prototype's free-text
-- skip reason) is always among them.
CREATE TABLE reason_codes (
    organization_id UUID         NOT NULL,
    code            VARCHAR(40)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    label           VARCHAR(100) NOT NULL,
    active          BOOLEAN      NOT NULL,
    CONSTRAINT reason_codes_pkey PRIMARY KEY (organization_id, code),
    -- ReasonKind's wire names (ClosedSetChecksTest ties them together).
    CONSTRAINT reason_codes_kind_check CHECK (kind IN ('skip', 'snooze')),
    CONSTRAINT reason_codes_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id)
);

-- The latest skip or snooze reason code of an execution, for lists and the detail route. Not a
-- foreign key: a code an admin later removes stays what the execution was skipped for.
ALTER TABLE workflow_executions ADD COLUMN reason_code VARCHAR(40);

-- Each skip and snooze event keeps its code and note (the table stays append-only: V10's triggers).
ALTER TABLE workflow_execution_events ADD COLUMN reason_code VARCHAR(40);
ALTER TABLE workflow_execution_events ADD COLUMN note VARCHAR(500);

-- [jooq ignore start]
-- The code's shape, as ReasonCatalog checks it (outside what jOOQ's DDL parser reads).
ALTER TABLE reason_codes ADD CONSTRAINT reason_codes_code_check CHECK (code ~ '^[a-z][a-z0-9_]*$');

-- Tenant isolation (V26), as for every table with an organization_id.
ALTER TABLE reason_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE reason_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reason_codes
    USING (organization_id = orchestrator_organization()) WITH CHECK (organization_id = orchestrator_organization());
-- [jooq ignore stop]
