package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code orchestrator report} on the demo organization with a few events: the table, CSV, JSON and errors. */
@WithPostgres
class ReportCommandTest {

    private static final String ORG = "d0000000-0000-0000-0000-000000000001";
    private static final String MANAGER = "d0000000-0000-0000-0001-000000000002";
    private static final String CSM = "d0000000-0000-0000-0001-000000000003";
    private static final String CUSTOMER = "550e8400-e29b-41d4-a716-446655440001";
    private static final String DEFINITION = "e0000000-0000-4000-8000-000000000001";
    private static final String DONE = "e0000000-0000-4000-8000-000000000011";
    private static final String NOISE = "e0000000-0000-4000-8000-000000000012";

    private final TestDatabase db;

    ReportCommandTest(TestDatabase db) {
        this.db = db;
    }

    /** Two executions of "Churn save", created 3 days ago: one completed a day later, one auto-closed. */
    private void seed() throws SQLException {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        if (TestDatabaseSql.value(db, "SELECT count(*) FROM workflow_definitions WHERE id = '" + DEFINITION + "'")
                .equals("1")) {
            return; // the class's tests share one database
        }
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO workflow_definitions (id, organization_id, name, workflow_type, priority_weight)"
                    + " VALUES ('" + DEFINITION + "', '" + ORG + "', 'Churn save', 'risk', 900)");
            s.execute("INSERT INTO workflow_executions (id, organization_id, workflow_definition_id, customer_id,"
                    + " assigned_csm_id, status, priority_score, created_at, started_at, completed_at) VALUES ('" + DONE
                    + "', '" + ORG + "', '" + DEFINITION + "', '" + CUSTOMER + "', '" + CSM + "', 'completed', 950,"
                    + " now() - interval '3 days', now() - interval '2 days', now() - interval '2 days')");
            s.execute("INSERT INTO workflow_executions (id, organization_id, workflow_definition_id, customer_id,"
                    + " assigned_csm_id, status, priority_score, created_at, skipped_at, skip_reason) VALUES ('" + NOISE
                    + "', '" + ORG + "', '" + DEFINITION + "', '" + CUSTOMER + "', '" + CSM + "', 'skipped', 950,"
                    + " now() - interval '3 days', now() - interval '1 day', 'condition cleared')");
            s.execute("INSERT INTO workflow_execution_events (organization_id, execution_id, actor_profile_id, action,"
                    + " from_status, to_status, occurred_at) VALUES"
                    + " ('" + ORG + "', '" + DONE + "', NULL, 'create', NULL, 'not_started', now() - interval '3 days'),"
                    + " ('" + ORG + "', '" + DONE + "', '" + CSM + "', 'start', 'not_started', 'underway', now() - interval '2 days'),"
                    + " ('" + ORG + "', '" + DONE + "', '" + CSM + "', 'complete', 'underway', 'completed', now() - interval '2 days'),"
                    + " ('" + ORG + "', '" + NOISE + "', NULL, 'create', NULL, 'not_started', now() - interval '3 days'),"
                    + " ('" + ORG + "', '" + NOISE + "', NULL, 'skip', 'not_started', 'skipped', now() - interval '1 day')");
        }
    }

    @Test
    void printsTheMetricsAsATableCsvOrJson() throws SQLException {
        seed();

        Cli.Run table = Cli.on(db).run("report", "--organization", ORG, "--group-by", "definition");

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("the organization").containsSubsequence("group", "created", "done", "overdue");
        String line = table.out().lines().filter(l -> l.startsWith("Churn save")).findFirst().orElseThrow();
        // created 2, done 1, skipped 0, auto-closed 1, snoozed 0, 50%, started and completed 24 h after creation
        assertThat(line.substring(24).trim().split("\\s+")).containsExactly("2", "1", "0", "1", "0", "50%", "24h", "24h",
                "24h", "24h", "0.00", "0", "-", "0");
        assertThat(table.out().lines().filter(l -> l.startsWith("total"))).hasSize(1);

        Cli.Run csv = Cli.on(db).run("report", "--profile", MANAGER, "--format", "csv");
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        assertThat(csv.out().lines().findFirst().orElseThrow()).startsWith("key,label,created,completed,skipped,auto_closed");
        assertThat(csv.out().lines().skip(1).findFirst().orElseThrow()).startsWith("total,total,2,1,0,1,0,0.5,86400,");

        Cli.Run quality = Cli.on(db).run("report", "--organization", ORG, "--rule-quality");
        assertThat(quality.exitCode()).as(quality.toString()).isZero();
        String ranked = quality.out().lines().filter(l -> l.startsWith("Churn save")).findFirst().orElseThrow();
        assertThat(ranked.substring(32).trim().split("\\s+")).containsExactly("2", "1", "50%", "2.0d");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Cli.Run json = Cli.on(db).run("report", "--profile", CSM, "--format", "json", "--to", today);
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"to\" : \"" + today + "\"").contains("\"auto_closed\" : 1")
                .contains("\"noise_share\" : 0.5");
    }

    @Test
    void badOptionsAreUsageErrors() throws SQLException {
        seed();
        Cli.Run neither = Cli.on(db).run("report");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--organization").contains("--profile");
        Cli.Run badDate = Cli.on(db).run("report", "--organization", ORG, "--from", "last week", "--group-by", "team");
        assertThat(badDate.exitCode()).as(badDate.toString()).isEqualTo(2);
        assertThat(badDate.err()).contains("--from").contains("--group-by").contains("csm, definition, workflow_type, week");
        Cli.Run tooLong = Cli.on(db).run("report", "--organization", ORG, "--from", "2024-01-01", "--to", "2025-12-31");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("366 days");
        assertThat(Cli.on(db).run("report", "--organization", ORG, "--format", "xml").exitCode()).isEqualTo(2);
        Cli.Run nobody = Cli.on(db).run("report", "--profile", "d0000000-0000-0000-0001-00000000ffff");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err()).contains("no profile");
    }
}
