-- The execution list's name search (issue 12, `q`): "the customer's or the definition's name contains
-- this text, case ignored" is lower(name) LIKE '%' || lower(q) || '%', and only a trigram index can
-- serve a LIKE with a leading wildcard. The list looks the matching customers up first, through this
-- index, and then reads the executions of those customers by id (JooqExecutionViews.nameMatch); without
-- it every row of the caller's scope was joined to its customer to compare names (docs/performance.md).
-- Definitions need no index: an organization has a few dozen.
--
-- pg_trgm is a contrib extension, trusted since PostgreSQL 13 (the database owner may create it), and
-- part of both the Debian packages and the embedded PostgreSQL the product falls back to. Where it is
-- not installed the migration still succeeds without the index: the search gives the same rows,
-- reading the organization's customers instead (a NOTICE says so).
-- jOOQ's DDL parser reads neither DO blocks nor operator classes; PostgreSQL still runs them.
-- [jooq ignore start]
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops);
    ELSE
        RAISE NOTICE 'pg_trgm is not available: customers_name_trgm not created; q= reads every customer of the organization';
    END IF;
END
$$;
-- [jooq ignore stop]

-- The pages in score order with a status filter (a CSM's open work, an admin's "critical, not
-- started"): V25's priority indexes hold no status, so every entry the page passes over cost a heap
-- fetch to be rejected (5,776 of them for an admin's first page at 1M). The same indexes, with the
-- status as an included column, let the page find its ids from the index alone (an index-only scan
-- that checks the status on the entry) and the bounded count of total be index-only. Same names, same
-- keys, same order: V25's comments and the plan tests hold as they were.
-- [jooq ignore start]
DROP INDEX workflow_executions_list_csm_priority;
CREATE INDEX workflow_executions_list_csm_priority
    ON workflow_executions (organization_id, assigned_csm_id, priority_score, id) INCLUDE (status) WHERE is_demo = false;
DROP INDEX workflow_executions_list_org_priority;
CREATE INDEX workflow_executions_list_org_priority
    ON workflow_executions (organization_id, priority_score, id) INCLUDE (status) WHERE is_demo = false;
-- [jooq ignore stop]
