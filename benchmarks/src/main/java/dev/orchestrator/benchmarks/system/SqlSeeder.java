package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The suite's own set-based seeder (option {@code --seeder sql}): the same ratios as the product's
 * {@code seed synthetic} is asked for (about 70 % not started or underway, 10 % snoozed from 10 days
 * past to 30 days ahead, 20 % completed or skipped), in a handful of INSERT ... SELECT statements.
 * It is the baseline for the product's seeder time, and lets the suite run where the CLI is not built.
 */
final class SqlSeeder {

    /** Definitions per organization: enough that (customer, definition) pairs never repeat. */
    static long definitionsPerOrganization(DataShape shape) {
        return Math.max(20, (shape.executions() + shape.customers() - 1) / shape.customers());
    }

    private SqlSeeder() {
    }

    static void seed(Connection c, DataShape s, long seed) throws SQLException {
        long defs = definitionsPerOrganization(s);
        double setseed = ((seed % 1000) + 1000) % 1000 / 1000.0;
        Sql.execute(c, "SELECT setseed(" + setseed + ")");
        Sql.execute(c, "CREATE TEMP TABLE b_org AS SELECT n, gen_random_uuid() AS id FROM generate_series(0, "
                + (s.organizations() - 1) + ") n");
        Sql.execute(c, "INSERT INTO organizations (id, name) SELECT id, 'Bench organization ' || n FROM b_org");
        Sql.execute(c, "CREATE TEMP TABLE b_csm AS SELECT g.n, gen_random_uuid() AS id, o.id AS org, o.n AS org_n "
                + "FROM generate_series(0, " + (s.csms() - 1) + ") g(n) JOIN b_org o ON o.n = g.n % " + s.organizations());
        Sql.execute(c, "INSERT INTO profiles (id, organization_id, email, full_name, role) "
                + "SELECT id, org, 'csm' || n || '@bench.invalid', 'CSM ' || n, 'csm' FROM b_csm");
        Sql.execute(c, "CREATE TEMP TABLE b_cust AS SELECT g.n, gen_random_uuid() AS id, m.id AS csm, m.org, m.org_n "
                + "FROM generate_series(0, " + (s.customers() - 1) + ") g(n) JOIN b_csm m ON m.n = g.n % " + s.csms());
        Sql.execute(c, "CREATE UNIQUE INDEX ON b_cust (n)");
        Sql.execute(c, "INSERT INTO customers (id, organization_id, name, csm_id, arr, renewal_date) "
                + "SELECT id, org, 'Customer ' || n, csm, round((random() * 200000)::numeric, 2), "
                + "current_date + (random() * 365)::int FROM b_cust");
        // 90 % of customers have signals; every signal column filled.
        Sql.execute(c, "INSERT INTO customer_properties (customer_id, organization_id, revenue_impact_tier, churn_risk_score, "
                + "usage_score, health_score, utilization_percent, yoy_growth_percent, market_price_percentile, "
                + "adoption_rate_percent, usage_change_percent_last_month) "
                + "SELECT id, org, floor(random() * 6)::int, floor(random() * 11)::int, floor(random() * 101)::int, "
                + "floor(random() * 101)::int, round((random() * 150)::numeric, 2), round((random() * 200 - 50)::numeric, 2), "
                + "round((random() * 100)::numeric, 2), round((random() * 100)::numeric, 2), "
                + "round((random() * 60 - 30)::numeric, 2) FROM b_cust WHERE n % 10 <> 9");
        Sql.execute(c, "INSERT INTO contacts (organization_id, customer_id, name, relationship_strength, is_decision_maker) "
                + "SELECT org, id, 'Contact ' || n, (ARRAY['weak','moderate','strong'])[1 + floor(random() * 3)::int], "
                + "random() < 0.3 FROM b_cust");
        Sql.execute(c, "CREATE TEMP TABLE b_def AS SELECT o.n AS org_n, o.id AS org, g.d, gen_random_uuid() AS id, "
                + "(ARRAY['risk','opportunity','strategic','renewal','custom'])[g.d % 5 + 1] AS type "
                + "FROM b_org o CROSS JOIN generate_series(0, " + (defs - 1) + ") g(d)");
        Sql.execute(c, "CREATE UNIQUE INDEX ON b_def (org_n, d)");
        Sql.execute(c, "INSERT INTO workflow_definitions (id, organization_id, name, workflow_type, trigger_conditions, priority_weight) "
                + "SELECT id, org, initcap(type) || ' playbook ' || d, type, "
                + "CASE type WHEN 'risk' THEN jsonb_build_object('risk_score_min', 7 + d % 3) "
                + "WHEN 'opportunity' THEN jsonb_build_object('opportunity_score_min', 6 + d % 3) ELSE '{}'::jsonb END, "
                + "CASE type WHEN 'risk' THEN 900 WHEN 'opportunity' THEN 800 WHEN 'strategic' THEN 700 "
                + "WHEN 'renewal' THEN 600 ELSE 500 END FROM b_def");
        Sql.execute(c, "INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id, "
                + "status, snooze_until, snooze_days, snoozed_at, started_at, completed_at, skipped_at, skip_reason, "
                + "created_at, updated_at) "
                + "SELECT c.org, df.id, c.id, c.csm, x.status, "
                + "CASE WHEN x.status = 'snoozed' THEN now() + (g.r2 * 40 - 10) * interval '1 day' END, "
                + "CASE WHEN x.status = 'snoozed' THEN 7 END, "
                + "CASE WHEN x.status = 'snoozed' THEN now() + (g.r2 * 40 - 17) * interval '1 day' END, "
                + "CASE WHEN x.status IN ('underway', 'completed') THEN g.created + interval '1 day' END, "
                + "CASE WHEN x.status = 'completed' THEN g.created + interval '3 days' END, "
                + "CASE WHEN x.status = 'skipped' THEN g.created + interval '2 days' END, "
                + "CASE WHEN x.status = 'skipped' THEN 'not relevant any more' END, "
                + "g.created, g.created "
                + "FROM (SELECT i, random() AS r, random() AS r2, now() - random() * interval '180 days' AS created "
                + "      FROM generate_series(0, " + (s.executions() - 1) + ") i) g "
                + "JOIN b_cust c ON c.n = g.i % " + s.customers() + " "
                + "JOIN b_def df ON df.org_n = c.org_n AND df.d = (g.i / " + s.customers() + ") % " + defs + " "
                + "CROSS JOIN LATERAL (SELECT CASE WHEN g.r < 0.55 THEN 'not_started' WHEN g.r < 0.70 THEN 'underway' "
                + "WHEN g.r < 0.80 THEN 'snoozed' WHEN g.r < 0.95 THEN 'completed' ELSE 'skipped' END AS status) x");
        Sql.refreshBlockedMarkers(c);
        Baselines.handWrittenUpdate(c);
        for (String t : new String[] {"b_org", "b_csm", "b_cust", "b_def"}) {
            Sql.execute(c, "DROP TABLE " + t);
        }
        Sql.execute(c, "VACUUM (ANALYZE)");
    }
}
