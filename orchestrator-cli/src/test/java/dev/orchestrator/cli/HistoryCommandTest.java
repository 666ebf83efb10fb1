package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@WithPostgres
class HistoryCommandTest {

    private static final String ORG = "d0000000-0000-0000-0000-000000000001";
    private static final String EXECUTION = "d0000000-0000-0000-0003-000000000002";
    private static final String CSM = "d0000000-0000-0000-0001-000000000003";
    private static final String MANAGER = "d0000000-0000-0000-0001-000000000002";

    private final TestDatabase db;

    HistoryCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void printsTheTimelineOldestFirstWithNamesAndTheSystem() throws SQLException {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        long before = TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_execution_events WHERE execution_id = '"
                + EXECUTION + "'");
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO workflow_execution_events (organization_id, execution_id, actor_profile_id, action,"
                    + " from_status, to_status, escalation_user_id, occurred_at) VALUES ('" + ORG + "', '" + EXECUTION
                    + "', '" + CSM + "', 'escalate', 'not_started', 'not_started', '" + MANAGER
                    + "', '2030-01-01T10:00:00Z')");
            s.execute("INSERT INTO workflow_execution_events (organization_id, execution_id, actor_profile_id, action,"
                    + " from_status, to_status, days, occurred_at) VALUES ('" + ORG + "', '" + EXECUTION + "', '" + MANAGER
                    + "', 'snooze', 'not_started', 'snoozed', 3, '2030-01-01T11:00:00Z')");
            s.execute("INSERT INTO workflow_execution_events (organization_id, execution_id, action, from_status,"
                    + " to_status, occurred_at) VALUES ('" + ORG + "', '" + EXECUTION
                    + "', 'wake', 'snoozed', 'not_started', '2030-01-04T00:05:00Z')");
            s.execute("INSERT INTO workflow_execution_events (organization_id, execution_id, actor_profile_id, action,"
                    + " from_status, to_status, days, reason_code, note, occurred_at) VALUES ('" + ORG + "', '"
                    + EXECUTION + "', '" + CSM + "', 'snooze', 'not_started', 'snoozed', 2, 'waiting_on_customer',"
                    + " 'back on the 9th', '2030-01-05T09:00:00Z')");
        }
        String csmName = TestDatabaseSql.value(db, "SELECT full_name FROM profiles WHERE id = '" + CSM + "'");
        String managerName = TestDatabaseSql.value(db, "SELECT full_name FROM profiles WHERE id = '" + MANAGER + "'");

        Cli.Run run = Cli.on(db).run("history", "--execution", EXECUTION);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsSubsequence(
                "2030-01-01T10:00:00Z  " + csmName, "escalate", "not_started -> not_started", "to " + managerName,
                "2030-01-01T11:00:00Z  " + managerName, "snooze", "not_started -> snoozed", "3 days",
                "2030-01-04T00:05:00Z  system", "wake", "snoozed -> not_started",
                "2030-01-05T09:00:00Z  " + csmName, "snooze", "2 days; code: waiting_on_customer; note: back on the 9th",
                (before + 4) + " events of execution " + EXECUTION + ".");
        Cli.Run scoped = Cli.on(db).run("history", "--execution", EXECUTION, "--organization", ORG);
        assertThat(scoped.out()).isEqualTo(run.out());
    }

    @Test
    void anUnknownExecutionOrAnotherOrganizationIsAFailureAndABadIdAUsageError() {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        Cli.Run unknown = Cli.on(db).run("history", "--execution", "d0000000-0000-0000-0003-00000000ffff");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err()).contains("not found");
        Cli.Run elsewhere = Cli.on(db).run("history", "--execution", EXECUTION, "--organization",
                "d0000000-0000-0000-0000-00000000ffff");
        assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("not found in organization");
        Cli.Run bad = Cli.on(db).run("history", "--execution", "42");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--execution").contains("not a UUID");
        assertThat(Cli.on(db).run("history").exitCode()).isEqualTo(2);
    }
}
