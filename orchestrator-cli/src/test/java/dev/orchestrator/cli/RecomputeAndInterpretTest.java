package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.ServiceRole;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import org.junit.jupiter.api.Test;

@WithPostgres
class RecomputeAndInterpretTest {

    static final String ORG = "a1000000-0000-4000-8000-000000000001";

    private final TestDatabase db;

    RecomputeAndInterpretTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void importScoresItsExecutionsAndRecomputeThenHasNothingToChange() {
        Cli.Run imported = Cli.on(db).run("import", ImportCommandTest.EXAMPLE.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        // (The other test may have imported the example already: counts depend on the order.)
        assertThat(imported.out()).containsPattern("Recomputed priorities of 1 organization\\(s\\): [34] open executions examined, \\d changed");
        // risk: weight 900 + tier 4 × 5 + churn risk 8 × 5
        assertThat(TestDatabaseSql.count(db, "SELECT priority_score FROM workflow_executions WHERE id = 'a1000000-0000-4000-8000-000000000401'"))
                .isEqualTo(960);

        Cli.Run all = Cli.on(db).run("recompute");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).containsPattern("Recomputed priorities: \\d+ open executions examined, 0 changed in [0-9.]+ s\\.");

        Cli.Run one = Cli.on(db).run("recompute", "--organization", ORG);
        assertThat(one.out()).startsWith("Recomputed priorities of organization " + ORG + ": ").contains("examined, 0 changed");

        Cli.Run bad = Cli.on(db).run("recompute", "--organization", "acme");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--organization: 'acme' is not a UUID");
    }

    @Test
    void interpretSignalsCreatesWhatTheSignalsCallForOnce() {
        assertThat(Cli.on(db).run("import", ImportCommandTest.EXAMPLE.toString()).exitCode()).isZero();
        // A new, risky customer of the example's CSM: churn risk 9, no strong contact → risk score ≥ 7.
        String hooli = """
                {"customers": [{"id": "a1000000-0000-4000-8000-000000000299", "organization_id": "%s", "name": "Hooli",
                  "csm_id": "a1000000-0000-4000-8000-000000000103", "properties": {"churn_risk_score": 9}}]}"""
                .formatted(ORG);
        assertThat(Cli.on(db).stdin(hooli).run("import", "-").exitCode()).isZero();

        Cli.Run first = Cli.on(db).run("interpret-signals", "--organization", ORG);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Executions created per definition:")
                .containsPattern("1 +a1000000-0000-4000-8000-000000000301 +Churn Risk Intervention")
                .contains("1 executions created");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_executions WHERE customer_id = "
                + "'a1000000-0000-4000-8000-000000000299' AND assigned_csm_id = 'a1000000-0000-4000-8000-000000000103'"))
                .isEqualTo(1);

        Cli.Run second = Cli.on(db).run("interpret-signals");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).startsWith("No executions created");
    }

    @Test
    void anUnknownOrganizationIsAnErrorInEveryCommandThatTakesOne() {
        String absent = "f0000000-0000-4000-8000-00000000dead";
        for (String[] command : new String[][] {{"recompute"}, {"interpret-signals"}, {"jobs", "run", "daily"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--organization", absent)).toArray(String[]::new);
            Cli.Run run = Cli.on(db).run(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).as(String.join(" ", command))
                    .contains("--organization: no organization " + absent + " in the ");
            assertThat(run.out()).doesNotContain("examined").doesNotContain("created");
        }
    }

    @Test
    void aRoleBoundByRowLevelSecurityIsRefusedForWorkAcrossOrganizations() {
        db.serviceDataSource(); // makes sure the test's service login role exists
        for (String command : new String[] {"recompute", "interpret-signals", "import"}) {
            Cli.Run run = Cli.on(db).env("ORCHESTRATOR_DB_USER", ServiceRole.NAME)
                    .env("ORCHESTRATOR_DB_PASSWORD", ServiceRole.PASSWORD)
                    .run(command.equals("import") ? new String[] {command, ImportCommandTest.EXAMPLE.toString()}
                            : new String[] {command});
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).as(command).startsWith("The database user " + ServiceRole.NAME
                    + " is bound by row-level security, so it cannot work across organizations: run this as the owner "
                    + "role with BYPASSRLS");
        }
    }
}
