package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@WithPostgres
class TeamCommandTest {

    private static final String ORG = "d0000000-0000-0000-0000-000000000001";
    private static final String MANAGER = "d0000000-0000-0000-0001-000000000002";
    private static final String CSM = "d0000000-0000-0000-0001-000000000003";
    private static final String CUSTOMER = "550e8400-e29b-41d4-a716-446655440001";

    private final TestDatabase db;

    TeamCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void printsOneLinePerReportWithTheirCounts() throws SQLException {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO workflow_definitions (id, organization_id, name, workflow_type, priority_weight)"
                    + " VALUES ('e0000000-0000-4000-8000-000000000001', '" + ORG + "', 'Churn save', 'risk', 900)");
            s.execute("INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id,"
                    + " assigned_csm_id, status, priority_score, started_at, escalation_user_id) VALUES ('" + ORG
                    + "', 'e0000000-0000-4000-8000-000000000001', '" + CUSTOMER + "', '" + CSM + "', 'underway', 950,"
                    + " now(), '" + MANAGER + "')");
        }
        String csmName = TestDatabaseSql.value(db, "SELECT full_name FROM profiles WHERE id = '" + CSM + "'");

        Cli.Run run = Cli.on(db).run("team", "--manager", MANAGER);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsSubsequence("csm", "crit", "underway", "skip30");
        String line = run.out().lines().filter(l -> l.startsWith(csmName)).findFirst().orElseThrow();
        // critical 1, high/medium/low 0, open 1, underway 1, resurfacing 0, escalations 1, waiting 0 hours
        assertThat(line.substring(28).trim().split("\\s+")).containsExactly("1", "0", "0", "0", "1", "1", "0", "1",
                "0", "0", "0", "0", "0", "-", "-");
        assertThat(run.out()).contains("1 CSM, as of");
        Cli.Run organization = Cli.on(db).run("team", "--organization", ORG);
        assertThat(organization.exitCode()).as(organization.toString()).isZero();
        assertThat(organization.out()).contains(csmName);
    }

    @Test
    void needsAManagerOrAnOrganizationThatExist() {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        Cli.Run neither = Cli.on(db).run("team");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--manager").contains("--organization");
        Cli.Run notAManager = Cli.on(db).run("team", "--manager", CSM);
        assertThat(notAManager.exitCode()).as(notAManager.toString()).isEqualTo(1);
        assertThat(notAManager.err()).contains("no manager");
        Cli.Run otherOrganization = Cli.on(db).run("team", "--manager", MANAGER, "--organization",
                "d0000000-0000-0000-0000-00000000ffff");
        assertThat(otherOrganization.exitCode()).isEqualTo(1);
        assertThat(Cli.on(db).run("team", "--manager", "42").exitCode()).isEqualTo(2);
    }

    @Test
    void rebalanceProposesThenAppliesMovesWithinTheManagersTeam() throws SQLException {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        // A team of its own (the other tests count the demo CSM's line): a manager, a full CSM, a roomy one.
        String manager = "e0000000-0000-4000-8000-0000000000b0";
        String full = "e0000000-0000-4000-8000-0000000000b1";
        String roomy = "e0000000-0000-4000-8000-0000000000b2";
        String customer = "e0000000-0000-4000-8000-0000000000b3";
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO profiles (id, organization_id, email, full_name, role, manager_id, capacity) VALUES"
                    + " ('" + manager + "', '" + ORG + "', 'boss@example.com', 'Boss', 'manager', NULL, NULL),"
                    + " ('" + full + "', '" + ORG + "', 'full@example.com', 'Full Csm', 'csm', '" + manager + "', 1),"
                    + " ('" + roomy + "', '" + ORG + "', 'roomy@example.com', 'Roomy Teammate', 'csm', '" + manager
                    + "', 10)");
            s.execute("INSERT INTO customers (id, organization_id, name, csm_id) VALUES ('" + customer + "', '" + ORG
                    + "', 'Initech', '" + full + "')");
            for (int i = 1; i <= 3; i++) {
                s.execute("INSERT INTO workflow_definitions (id, organization_id, name, workflow_type, priority_weight)"
                        + " VALUES ('e0000000-0000-4000-8000-0000000000c" + i + "', '" + ORG + "', 'Play " + i
                        + "', 'custom', 500)");
                s.execute("INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id,"
                        + " assigned_csm_id, status, priority_score) VALUES ('" + ORG
                        + "', 'e0000000-0000-4000-8000-0000000000c" + i + "', '" + customer + "', '" + full
                        + "', 'not_started', " + (400 + i) + ")");
            }
        }

        Cli.Run proposed = Cli.on(db).run("team", "rebalance", "--manager", manager);

        assertThat(proposed.exitCode()).as(proposed.toString()).isZero();
        assertThat(proposed.out()).contains("Full Csm -> Roomy Teammate  Initech", "3 moves proposed",
                "above capacity (3/1)");
        assertThat(TestDatabaseSql.value(db, "SELECT count(*) FROM workflow_executions WHERE assigned_csm_id = '"
                + roomy + "'")).isEqualTo("0");
        Cli.Run applied = Cli.on(db).run("team", "rebalance", "--manager", manager, "--apply");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("3 moves applied, 0 not moved");
        assertThat(TestDatabaseSql.value(db, "SELECT count(*) FROM workflow_execution_events WHERE action = 'reassign'"
                + " AND to_csm_id = '" + roomy + "'")).isEqualTo("3");
        Cli.Run team = Cli.on(db).run("team", "--manager", manager);
        assertThat(team.out().lines().filter(l -> l.startsWith("Roomy Teammate")).findFirst().orElseThrow())
                .endsWith("10  0.30");
        Cli.Run again = Cli.on(db).run("team", "rebalance", "--organization", ORG);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 moves proposed");
        assertThat(Cli.on(db).run("team", "rebalance").exitCode()).isEqualTo(2);
    }
}
