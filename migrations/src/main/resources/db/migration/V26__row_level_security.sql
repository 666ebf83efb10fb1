-- Tenant isolation in the database, under the application's own WHERE organization_id = ?
-- (defense in depth; docs/operations.md#roles-and-row-level-security).
--
-- Every table with an organization_id column, and organizations by its id, gets row-level
-- security, FORCE'd so that the tables' owner is bound by it too (only a role with BYPASSRLS, or a
-- superuser, is not). Its one policy admits the rows of the organization named by the setting
-- orchestrator.organization_id, which the persistence adapter sets per transaction
-- (set_config(..., true)); with no setting a query sees no row and may write none.
--
-- The service (serve's API pool) connects as a member of orchestrator_service: it owns nothing, may
-- read and write the tenant tables, and cannot bypass the policies. The role is created here when it
-- does not exist yet (roles are cluster-wide: a concurrent migration of another database may create
-- it first, hence the exception handler); an operator whose migrating role may not create roles
-- creates it beforehand.
--
-- A table added later with an organization_id needs the same three statements in its migration
-- (RowLevelSecurityTest fails otherwise); its privileges follow from the default privileges below.
-- PL/pgSQL and policies are outside what jOOQ's DDL parser reads, hence the ignore markers.
-- [jooq ignore start]
CREATE FUNCTION orchestrator_organization() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('orchestrator.organization_id', true), '')::uuid $$;

-- Authentication reads the caller's own profile by id before its organization is known.
CREATE FUNCTION orchestrator_caller() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('orchestrator.caller_id', true), '')::uuid $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'orchestrator_service') THEN
        CREATE ROLE orchestrator_service NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created at the same moment by another database's migration
END
$$;

DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT c.oid::regclass
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (organization_id = orchestrator_organization())'
                       ' WITH CHECK (organization_id = orchestrator_organization())', t);
    END LOOP;
END
$$;

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organizations
    USING (id = orchestrator_organization()) WITH CHECK (id = orchestrator_organization());

-- Read-only, and only the one row whose id is the verified token's subject.
CREATE POLICY caller_reads_own_profile ON profiles FOR SELECT USING (id = orchestrator_caller());

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO orchestrator_service', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO orchestrator_service',
                   current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO orchestrator_service', current_schema());
    -- Tables later migrations create (as this same migrating role) get the same privileges.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES'
                   ' TO orchestrator_service', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO orchestrator_service',
                   current_schema());
END
$$;

-- Not the service's business: the migrations' history and the job scheduler's table (serve's
-- other pool, as the owner, works on both).
REVOKE ALL ON scheduled_tasks FROM orchestrator_service;
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE ALL ON flyway_schema_history FROM orchestrator_service;
    END IF;
END
$$;
-- [jooq ignore stop]
