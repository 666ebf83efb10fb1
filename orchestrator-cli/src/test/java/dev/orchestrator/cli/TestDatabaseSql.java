package dev.orchestrator.cli;

import dev.orchestrator.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-value queries for assertions. */
final class TestDatabaseSql {

    private TestDatabaseSql() {}

    static long count(TestDatabase db, String sql) {
        return Long.parseLong(value(db, sql));
    }

    static String value(TestDatabase db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(TestDatabase db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fingerprint of the whole business content (everything but timestamps), to compare databases. */
    static String checksum(TestDatabase db) {
        return value(db, """
                SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
                  SELECT 'o' || id || name AS t FROM organizations
                  UNION ALL SELECT 'p' || id || organization_id || email || full_name || role || coalesce(manager_id::text, '') FROM profiles
                  UNION ALL SELECT 'c' || id || organization_id || name || csm_id || coalesce(arr::text, '') || coalesce(renewal_date::text, '') || coalesce(annual_review_date::text, '') FROM customers
                  UNION ALL SELECT 'cp' || (p.*)::text FROM (SELECT customer_id, revenue_impact_tier, churn_risk_score, usage_score, health_score,
                      utilization_percent, yoy_growth_percent, market_price_percentile, adoption_rate_percent, usage_change_percent_last_month
                      FROM customer_properties) p
                  UNION ALL SELECT 'k' || (k.*)::text FROM contacts k
                  UNION ALL SELECT 'd' || id || name || workflow_type || trigger_conditions::text || priority_weight || is_active || is_demo FROM workflow_definitions
                  UNION ALL SELECT 'e' || id || workflow_definition_id || customer_id || assigned_csm_id || status
                      || coalesce(snooze_until::text, '') || coalesce(due_at::text, '') || priority_score || execution_data::text || is_demo FROM workflow_executions
                ) rows""");
    }
}
