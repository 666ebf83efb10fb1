-- Workflow templates. trigger_conditions holds thresholds (production) or the
-- fixed sequence position (demo); priority_weight is the base priority.
CREATE TABLE workflow_definitions (
    id                 UUID         NOT NULL DEFAULT gen_random_uuid(),
    organization_id    UUID         NOT NULL,
    name               VARCHAR(200) NOT NULL,
    workflow_type      VARCHAR(16)  NOT NULL,
    description        TEXT,
    trigger_conditions JSONB        NOT NULL DEFAULT '{}',
    priority_weight    INTEGER      NOT NULL,
    is_active          BOOLEAN      NOT NULL DEFAULT true,
    is_demo            BOOLEAN      NOT NULL DEFAULT false,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT workflow_definitions_pkey PRIMARY KEY (id),
    CONSTRAINT workflow_definitions_organization_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT workflow_definitions_workflow_type_check
        CHECK (workflow_type IN ('risk', 'opportunity', 'strategic', 'renewal', 'custom')),
    CONSTRAINT workflow_definitions_organization_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id)
);

-- "Active definitions of this organization" (signal interpreter, demo sequencer).
CREATE INDEX workflow_definitions_active ON workflow_definitions (organization_id, is_demo)
    WHERE is_active;
