-- The audit trail is append-only in the database too, not only by convention:
-- UPDATE, DELETE and TRUNCATE are rejected for every role (table owners included,
-- which REVOKE alone would not achieve). PL/pgSQL is outside what jOOQ's DDL
-- parser reads, hence the ignore markers; PostgreSQL still runs it all.
-- [jooq ignore start]
CREATE FUNCTION reject_workflow_execution_event_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'workflow_execution_events is append-only (% rejected)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER workflow_execution_events_no_update_delete
    BEFORE UPDATE OR DELETE ON workflow_execution_events
    FOR EACH ROW EXECUTE FUNCTION reject_workflow_execution_event_change();

CREATE TRIGGER workflow_execution_events_no_truncate
    BEFORE TRUNCATE ON workflow_execution_events
    FOR EACH STATEMENT EXECUTE FUNCTION reject_workflow_execution_event_change();
-- [jooq ignore stop]
