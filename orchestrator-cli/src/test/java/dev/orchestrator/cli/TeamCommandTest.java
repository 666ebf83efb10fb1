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
                "0", "0", "0", "0", "0");
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
}
