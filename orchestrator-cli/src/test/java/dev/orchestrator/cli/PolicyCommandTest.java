package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithPostgres
class PolicyCommandTest {

    private static final String ORG = "d0000000-0000-0000-0000-000000000001";
    private static final String ADMIN = "d0000000-0000-0000-0001-000000000001";

    private final TestDatabase db;

    @TempDir
    Path dir;

    PolicyCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void showPrintsTheStandardPoliciesAndApplyStoresAndReScoresAVersion() throws IOException, SQLException {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        Cli.Run shown = Cli.on(db).run("policy", "show", "--organization", ORG);
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains("\"version\" : 0").contains("\"risk\" : 900");

        // The shown document is itself a valid policy file: edit one number and apply it.
        String edited = shown.out().replace("\"churn_risk_points_per_point\" : 5", "\"churn_risk_points_per_point\" : 50")
                .replaceFirst("\"version\" : 0,", "").replaceFirst("\"author_id\" : null,", "")
                .replaceFirst("\"created_at\" : null,", "");
        Path file = Files.writeString(dir.resolve("policy.json"), edited);
        long sumBefore = TestDatabaseSql.count(db, "SELECT coalesce(sum(priority_score), 0) FROM workflow_executions WHERE "
                + "organization_id = '" + ORG + "' AND status IN ('not_started', 'underway', 'snoozed')");

        Cli.Run applied = Cli.on(db).run("policy", "apply", file.toString(), "--organization", ORG);

        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("Applied policy version 1 to organization " + ORG);
        assertThat(TestDatabaseSql.value(db, "SELECT author_id FROM organization_policy_versions WHERE organization_id = '" + ORG
                + "' AND version = 1")).isEqualTo(ADMIN);
        long sumAfter = TestDatabaseSql.count(db, "SELECT coalesce(sum(priority_score), 0) FROM workflow_executions WHERE "
                + "organization_id = '" + ORG + "' AND status IN ('not_started', 'underway', 'snoozed')");
        assertThat(sumAfter).as("the demo's risk work gains 45 points per churn point").isGreaterThan(sumBefore);
        Cli.Run history = Cli.on(db).run("policy", "show", "--history", "--organization", ORG);
        assertThat(history.out()).contains("\"version\" : 1").contains("\"churn_risk_points_per_point\" : 50");
    }

    @Test
    void aBadFileIsRefusedNamingEveryProblemAndNothingIsWritten() throws IOException, SQLException {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"priority_policy\": {\"usage_score_divisor\": -1},"
                + " \"colour\": \"red\"}");

        Cli.Run refused = Cli.on(db).run("policy", "apply", file.toString(), "--organization", ORG);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("colour: is not a known key")
                .contains("priority_policy.usage_score_divisor: must be between 1 and 100")
                .contains("priority_policy.type_tiers: missing");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM organization_policy_versions")).isZero();
        Path notJson = Files.writeString(dir.resolve("not.json"), "{\"priority_policy\": ");
        assertThat(Cli.on(db).run("policy", "apply", notJson.toString(), "--organization", ORG).exitCode())
                .isEqualTo(1);
        assertThat(Cli.on(db).run("policy").exitCode()).isEqualTo(2);
    }

    @Test
    void simulatePrintsWhatWouldChangeAndWritesNothing() throws IOException, SQLException {
        assertThat(Cli.on(db).run("seed", "demo").exitCode()).isZero();
        var priority = new java.util.LinkedHashMap<>(dev.orchestrator.core.domain.policy.PolicyWire.write(
                dev.orchestrator.core.domain.priority.PriorityPolicy.STANDARD));
        priority.put("churn_risk_points_per_point", 50);
        Path file = Files.writeString(dir.resolve("what-if.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(java.util.Map.of("top_n", 3, "priority_policy", priority)));
        String before = TestDatabaseSql.checksum(db);

        Cli.Run summary = Cli.on(db).run("simulate", file.toString(), "--organization", ORG);
        Cli.Run csv = Cli.on(db).run("simulate", file.toString(), "--organization", ORG, "--csv");

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(summary.out()).contains("within the top 3").contains("Critical: ").contains("Nothing was written.");
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        assertThat(csv.out()).startsWith("csm_id,execution_id,customer_id,workflow_definition_id,score_before,");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);
        Path bad = Files.writeString(dir.resolve("bad-what-if.json"), "{\"top_n\": 1000}");
        Cli.Run refused = Cli.on(db).run("simulate", bad.toString(), "--organization", ORG);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("top_n: must be a whole number between 1 and 100");
    }
}
