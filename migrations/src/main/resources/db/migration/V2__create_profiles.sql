-- People who work in the orchestrator: CSMs, their managers, admins.
CREATE TABLE profiles (
    id              UUID         NOT NULL DEFAULT gen_random_uuid(),
    organization_id UUID         NOT NULL,
    email           VARCHAR(320) NOT NULL,
    full_name       VARCHAR(200) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    manager_id      UUID,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT profiles_pkey PRIMARY KEY (id),
    -- Target of the tenant-consistent composite foreign keys; also serves
    -- "profile by id within organization".
    CONSTRAINT profiles_organization_id_id_key UNIQUE (organization_id, id),
    CONSTRAINT profiles_organization_id_email_key UNIQUE (organization_id, email),
    CONSTRAINT profiles_role_check CHECK (role IN ('csm', 'manager', 'admin')),
    CONSTRAINT profiles_organization_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id),
    -- Composite: a manager must belong to the same organization.
    CONSTRAINT profiles_manager_fkey FOREIGN KEY (organization_id, manager_id)
        REFERENCES profiles (organization_id, id)
);
