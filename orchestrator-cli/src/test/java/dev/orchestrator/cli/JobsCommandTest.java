package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.persistence.PostgresStore;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import org.junit.jupiter.api.Test;

@WithPostgres
class JobsCommandTest {

    private final TestDatabase db;

    JobsCommandTest(TestDatabase db) {
        this.db = db;
    }

    private Cli.Run seed() {
        return Cli.on(db).run("seed", "synthetic", "--organizations", "2", "--csms", "4", "--customers", "200",
                "--executions", "300", "--seed", "3");
    }

    @Test
    void runDailyRunsTheStepsInOrderOnceAndASecondRunCreatesNothing() {
        assertThat(seed().exitCode()).isZero();
        long executionsBefore = TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_executions");

        Cli.Run first = Cli.on(db).env("ORCHESTRATOR_INSTANCE", "test-a").run("jobs", "run", "daily");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).containsSubsequence("interpret_signals", "created", "recompute_priorities", "examined")
                .containsPattern("Daily job succeeded in [0-9.]+ s \\(run [0-9a-f-]{36}\\)\\.");
        long created = TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_executions") - executionsBefore;
        assertThat(created).isPositive();
        assertThat(first.out()).contains("created " + String.format("%,d", created));

        long events = TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_execution_events");
        Cli.Run second = Cli.on(db).run("jobs", "run", "daily", "--instance", "test-b");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("created 0").contains("changed 0");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_executions")).isEqualTo(executionsBefore + created);
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_execution_events")).isEqualTo(events);

        Cli.Run list = Cli.on(db).run("jobs", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("daily: daily at 00:05 UTC; next run not planned yet")
                .containsSubsequence("succeeded  manual    test-b", "succeeded  manual    test-a");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM job_runs WHERE status = 'succeeded' AND trigger = 'manual'"
                + " AND instance IN ('test-a', 'test-b')")).isEqualTo(2);
    }

    @Test
    void aRunInProgressElsewhereIsReportedWithExit1AndNothingRuns() {
        long runs = TestDatabaseSql.count(db, "SELECT count(*) FROM job_runs");
        try (JobLock.Held elsewhere = PostgresStore.create(db.dataSource()).jobLock().tryLock("daily").orElseThrow()) {
            Cli.Run busy = Cli.on(db).run("jobs", "run", "daily");
            assertThat(busy.exitCode()).as(busy.toString()).isEqualTo(1);
            assertThat(busy.err()).contains("The daily job is already running").contains("not started a second time");
        }
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM job_runs")).isEqualTo(runs);
        Cli.Run after = Cli.on(db).run("jobs", "run", "daily");
        assertThat(after.exitCode()).as(after.toString()).isZero();
    }

    @Test
    void oneOrganizationOnlyAndBadArgumentsAreUsageErrors() {
        Cli.on(db).run("import", ImportCommandTest.EXAMPLE.toString()); // an organization to scope to (idempotent)
        String org = RecomputeAndInterpretTest.ORG;
        Cli.Run scoped = Cli.on(db).run("jobs", "run", "daily", "--organization", org);
        assertThat(scoped.exitCode()).as(scoped.toString()).isZero();
        assertThat(scoped.out()).contains("Daily job of organization " + org + " succeeded");
        assertThat(TestDatabaseSql.value(db, "SELECT organization_id FROM job_runs ORDER BY started_at DESC LIMIT 1")).isEqualTo(org);

        Cli.Run unknown = Cli.on(db).run("jobs", "run", "weekly");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown job 'weekly'; the jobs are: daily");
        Cli.Run badLimit = Cli.on(db).run("jobs", "list", "--limit", "0");
        assertThat(badLimit.exitCode()).isEqualTo(2);
        assertThat(badLimit.err()).contains("--limit: must be from 1 to 10");
    }

    @Test
    void serveValidatesTheJobOptionsBeforeStarting() {
        Cli cli = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET);
        Cli.Run lateHour = cli.run("serve", "--port", "0", "--daily-at", "25:00");
        assertThat(lateHour.exitCode()).isEqualTo(2);
        assertThat(lateHour.err()).contains("--daily-at (ORCHESTRATOR_DAILY_AT): must be a UTC time of day HH:MM")
                .contains("'25:00'");
        Cli.Run badMinute = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .env("ORCHESTRATOR_DAILY_AT", "7:5").run("serve", "--port", "0");
        assertThat(badMinute.exitCode()).isEqualTo(2);
        assertThat(badMinute.err()).contains("--daily-at (ORCHESTRATOR_DAILY_AT)").contains("'7:5'");
        Cli.Run badSwitch = Cli.on(db).env("ORCHESTRATOR_JWT_SECRET", TokenCommandTest.SECRET)
                .env("ORCHESTRATOR_JOBS", "maybe").run("serve", "--port", "0");
        assertThat(badSwitch.exitCode()).isEqualTo(2);
        assertThat(badSwitch.err()).contains("ORCHESTRATOR_JOBS: must be on or off, got 'maybe'");
        Cli.Run badHeartbeat = cli.run("serve", "--port", "0", "--jobs-heartbeat", "0s");
        assertThat(badHeartbeat.exitCode()).isEqualTo(2);
        assertThat(badHeartbeat.err()).contains("--jobs-heartbeat (ORCHESTRATOR_JOBS_HEARTBEAT): must be longer than zero");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM scheduled_tasks")).isZero();
    }
}
