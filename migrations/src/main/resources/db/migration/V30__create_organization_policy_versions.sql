-- Each organization's priority and signal policies, as versions (issue 13). Append-only: a
-- version is never changed, and the current one is the highest; an organization with no row is
-- on the standard policies (version 0, which is never stored). The two policies are kept in the
-- core's wire format (PolicyWire; docs/priority-and-signals.md), validated by the core before they
-- are written: the database holds what an admin applied, and the core is the one reader of it.
CREATE TABLE organization_policy_versions (
    organization_id UUID        NOT NULL,
    version         BIGINT      NOT NULL,
    priority_policy JSONB       NOT NULL,
    signal_policy   JSONB       NOT NULL,
    author_id       UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT organization_policy_versions_pkey PRIMARY KEY (organization_id, version),
    CONSTRAINT organization_policy_versions_version_check CHECK (version >= 1),
    CONSTRAINT organization_policy_versions_organization_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id),
    CONSTRAINT organization_policy_versions_author_fkey FOREIGN KEY (organization_id, author_id)
        REFERENCES profiles (organization_id, id)
);

-- The primary key serves both reads: the current version (ORDER BY version DESC LIMIT 1) and
-- the history, newest first. Two admins applying at once both insert version n + 1: one wins,
-- the other's transaction fails on the key and writes nothing.

-- Append-only as the audit trail is (V10), and under row-level security as every tenant table
-- is (V26). PL/pgSQL and policies are outside what jOOQ's DDL parser reads.
-- [jooq ignore start]
CREATE FUNCTION reject_organization_policy_version_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'organization_policy_versions is append-only (% rejected)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER organization_policy_versions_no_update_delete
    BEFORE UPDATE OR DELETE ON organization_policy_versions
    FOR EACH ROW EXECUTE FUNCTION reject_organization_policy_version_change();

CREATE TRIGGER organization_policy_versions_no_truncate
    BEFORE TRUNCATE ON organization_policy_versions
    FOR EACH STATEMENT EXECUTE FUNCTION reject_organization_policy_version_change();

ALTER TABLE organization_policy_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_policy_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organization_policy_versions
    USING (organization_id = orchestrator_organization()) WITH CHECK (organization_id = orchestrator_organization());
-- [jooq ignore stop]
