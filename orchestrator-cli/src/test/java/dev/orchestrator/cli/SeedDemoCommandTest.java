package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import org.junit.jupiter.api.Test;

@WithPostgres
class SeedDemoCommandTest {

    private final TestDatabase db;

    SeedDemoCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void createsTheDemoDataOnceAndPrintsTheSameIdsEveryTime() {
        Cli cli = Cli.on(db);

        Cli.Run first = cli.run("seed", "demo");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).startsWith("Demo data created.")
                .contains("organization  d0000000-0000-0000-0000-000000000001")
                .contains("admin         d0000000-0000-0000-0001-000000000001")
                .contains("manager       d0000000-0000-0000-0001-000000000002")
                .contains("csm           d0000000-0000-0000-0001-000000000003")
                .contains("550e8400-e29b-41d4-a716-446655440001  Obsidian Black")
                .contains("00000000-0000-0000-0000-000000000001  Complete Strategic Account Plan (strategic, weight 700)")
                .contains("00000000-0000-0000-0000-000000000002  Expansion Opportunity (opportunity, weight 800)")
                .contains("00000000-0000-0000-0000-000000000003  Executive Engagement (risk, weight 900)");
        String checksum = TestDatabaseSql.checksum(db);

        Cli.Run second = cli.run("seed", "demo");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).startsWith("Demo data already present; nothing changed.");
        assertThat(second.out().lines().skip(1).toList()).isEqualTo(first.out().lines().skip(1).toList());
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(checksum);

        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM profiles WHERE organization_id = 'd0000000-0000-0000-0000-000000000001'"))
                .isEqualTo(3);
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM contacts WHERE customer_id = '550e8400-e29b-41d4-a716-446655440001'"))
                .isEqualTo(2);
        assertThat(TestDatabaseSql.value(db, "SELECT churn_risk_score FROM customer_properties WHERE customer_id = '550e8400-e29b-41d4-a716-446655440001'"))
                .isEqualTo("6");
        assertThat(TestDatabaseSql.value(db, """
                SELECT string_agg(workflow_type || ':' || priority_weight || ':' || name || ':' || (trigger_conditions->>'order')
                    || ':' || (trigger_conditions->>'workflow_id') || ':' || (trigger_conditions->>'trigger_type') || ':' || is_demo,
                    ', ' ORDER BY (trigger_conditions->>'order')::int)
                FROM workflow_definitions WHERE id::text LIKE '00000000-0000-0000-0000-00000000000%'"""))
                .isEqualTo("strategic:700:Complete Strategic Account Plan:1:obsblk-strategic-planning:demo_sequence:true, "
                        + "opportunity:800:Expansion Opportunity:2:obsblk-expansion-opportunity:demo_sequence:true, "
                        + "risk:900:Executive Engagement:3:obsblk-executive-engagement:demo_sequence:true");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_executions WHERE is_demo AND status = 'not_started'"))
                .isEqualTo(3);
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_execution_events WHERE action = 'create'")).isEqualTo(3);
    }
}
