package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithPostgres
class ImportCommandTest {

    static final Path EXAMPLE = Path.of("..", "docs", "examples", "import-example.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase db;
    @TempDir
    Path dir;

    ImportCommandTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void importsTheDocumentedExampleThenUpsertsOnReimport() throws IOException {
        Cli cli = Cli.on(db);
        Cli.Run first = cli.run("import", EXAMPLE.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).containsPattern("organizations +1 inserted +0 updated")
                .containsPattern("profiles +3 inserted +0 updated")
                .containsPattern("customers +2 inserted +0 updated")
                .containsPattern("workflow_definitions +2 inserted +0 updated")
                .containsPattern("workflow_executions +3 inserted +0 updated");
        assertThat(TestDatabaseSql.value(db, "SELECT manager_id FROM profiles WHERE id = 'a1000000-0000-4000-8000-000000000103'"))
                .isEqualTo("a1000000-0000-4000-8000-000000000102");
        // priority_weight absent: the type's tier.
        assertThat(TestDatabaseSql.count(db, "SELECT priority_weight FROM workflow_definitions WHERE id = 'a1000000-0000-4000-8000-000000000301'"))
                .isEqualTo(900);
        assertThat(TestDatabaseSql.value(db, "SELECT status || ' ' || snooze_until || ' ' || (execution_data->>'notes') FROM workflow_executions "
                + "WHERE id = 'a1000000-0000-4000-8000-000000000402'"))
                .isEqualTo("snoozed 2027-01-15 09:00:00+00 after the budget cycle");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_execution_events WHERE action = 'create' AND actor_profile_id IS NULL "
                + "AND execution_id IN ('a1000000-0000-4000-8000-000000000401', 'a1000000-0000-4000-8000-000000000402')"))
                .isEqualTo(2);

        String changed = Files.readString(EXAMPLE).replace("\"Globex\"", "\"Globex Corporation\"")
                .replace("\"churn_risk_score\": 8", "\"churn_risk_score\": 9");
        Cli.Run second = cli.stdin(changed).run("import", "-");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("Imported standard input")
                .containsPattern("customers +0 inserted +2 updated")
                .containsPattern("workflow_executions +0 inserted +3 updated");
        assertThat(TestDatabaseSql.value(db, "SELECT name FROM customers WHERE id = 'a1000000-0000-4000-8000-000000000201'"))
                .isEqualTo("Globex Corporation");
        assertThat(TestDatabaseSql.value(db, "SELECT churn_risk_score FROM customer_properties WHERE customer_id = 'a1000000-0000-4000-8000-000000000201'"))
                .isEqualTo("9");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM contacts WHERE customer_id = 'a1000000-0000-4000-8000-000000000201'"))
                .as("contacts replaced, not duplicated").isEqualTo(1);
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_execution_events WHERE execution_id = 'a1000000-0000-4000-8000-000000000401'"))
                .as("no second creation event").isEqualTo(1);
    }

    @Test
    void aBadValueDeepInTheFileIsNamedAndNothingIsWritten() throws IOException {
        World w = new World();
        ObjectNode doc = w.document(50);
        ((ObjectNode) doc.withArray("customers").get(41).get("properties")).put("churn_risk_score", 11);
        ((ObjectNode) doc.withArray("customers").get(7)).put("arr", -5);
        String before = TestDatabaseSql.checksum(db);

        Cli.Run run = Cli.on(db).run("import", write(doc).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rejected, nothing was written: 2 problems")
                .contains("customers[41].properties.churn_risk_score: must be between 0 and 10")
                .contains("customers[7].arr: must be at least 0");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);
    }

    @Test
    void reviewDatesAndDueDatesAreImportedAndABadDateWindowRefusesTheWholeFile() throws IOException {
        World w = new World();
        ObjectNode doc = w.document(3);
        ((ObjectNode) doc.withArray("customers").get(1)).put("renewal_date", "2027-06-30")
                .put("annual_review_date", "2027-03-31");
        ((ObjectNode) doc.withArray("workflow_executions").get(1)).put("due_at", "2027-06-30");
        ObjectNode definition = (ObjectNode) doc.withArray("workflow_definitions").get(0);
        definition.putObject("trigger_conditions").put("renewal_within_days", 400).put("risk_score_min", 6);
        String before = TestDatabaseSql.checksum(db);

        Cli.Run refused = Cli.on(db).run("import", write(doc).toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("rejected, nothing was written: 1 problem")
                .contains("workflow_definitions[0].trigger_conditions.renewal_within_days: must be from 1 to 365 days");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);

        definition.putObject("trigger_conditions").put("renewal_within_days", 90).put("risk_score_min", 6);
        Cli.Run run = Cli.on(db).run("import", write(doc).toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(TestDatabaseSql.value(db, "SELECT renewal_date || ' ' || annual_review_date FROM customers WHERE id = '"
                + w.customers[1] + "'")).isEqualTo("2027-06-30 2027-03-31");
        assertThat(TestDatabaseSql.value(db, "SELECT due_at FROM workflow_executions WHERE customer_id = '" + w.customers[1] + "'"))
                .isEqualTo("2027-06-30 00:00:00+00");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_executions WHERE due_at IS NULL AND customer_id IN ('"
                + w.customers[0] + "', '" + w.customers[2] + "')")).isEqualTo(2);
    }

    @Test
    void aDefinitionsTemplateStepsAreImportedAndABadStepRefusesTheWholeFileNamingItsPath() throws IOException {
        World w = new World();
        ObjectNode doc = w.document(2);
        ObjectNode definition = (ObjectNode) doc.withArray("workflow_definitions").get(0);
        var steps = definition.putArray("steps");
        steps.addObject().put("key", "call").put("title", "Call the champion").put("due_offset_days", 2);
        ObjectNode training = steps.addObject().put("key", "call").put("title", "Run a training");
        training.putObject("when").putArray("signals").addObject().put("field", "usage_score")
                .put("comparison", "below").put("threshold", 40);
        String before = TestDatabaseSql.checksum(db);

        Cli.Run refused = Cli.on(db).run("import", write(doc).toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("rejected, nothing was written: 2 problems")
                .contains("workflow_definitions[0].steps[1].when.signals[0].comparison: must be one of greater_than,"
                        + " at_least, less_than, at_most")
                .contains("workflow_definitions[0].steps[1].key: is the key of another step of this definition");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);

        training.put("key", "training");
        ((ObjectNode) training.get("when").get("signals").get(0)).put("comparison", "less_than");
        Cli.Run run = Cli.on(db).run("import", write(doc).toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(TestDatabaseSql.value(db, "SELECT steps::text FROM workflow_definitions WHERE id = '"
                + definition.path("id").asText() + "'")).isEqualTo("[{\"key\": \"call\", \"title\": \"Call the champion\","
                + " \"due_offset_days\": 2}, {\"key\": \"training\", \"when\": {\"signals\": [{\"field\": \"usage_score\","
                + " \"threshold\": 40, \"comparison\": \"less_than\"}]}, \"title\": \"Run a training\"}]");
    }

    @Test
    void aDanglingOrForeignReferenceIsNamedAndNothingIsWritten() throws IOException {
        World w = new World();
        ObjectNode doc = w.document(3);
        UUID ghost = UUID.randomUUID();
        ((ObjectNode) doc.withArray("workflow_executions").get(0)).put("customer_id", ghost.toString());
        // A profile of the demo organization (another tenant) as CSM.
        Cli.on(db).run("seed", "demo");
        ((ObjectNode) doc.withArray("customers").get(2)).put("csm_id", "d0000000-0000-0000-0001-000000000003");
        String before = TestDatabaseSql.checksum(db);

        Cli.Run run = Cli.on(db).run("import", write(doc).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("workflow_executions[0].customer_id: customer " + ghost
                        + " does not exist (neither in the data given nor stored)")
                .contains("customers[2].csm_id: profile d0000000-0000-0000-0001-000000000003 belongs to another organization");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);
    }

    @Test
    void whenTheDatabaseRefusesARowItIsNamedAndEverythingIsRolledBack() throws IOException {
        World w = new World();
        ObjectNode doc = w.document(2);
        assertThat(Cli.on(db).run("import", write(doc).toString()).exitCode()).isZero();
        String before = TestDatabaseSql.checksum(db);

        // A second file: a new organization, and a second open execution of the same definition for
        // the same customer under a new id. Only the database's partial unique index knows.
        World other = new World();
        ObjectNode second = other.document(1);
        ArrayNode executions = second.putArray("workflow_executions");
        executions.add(w.execution(UUID.randomUUID(), 1, "completed"));
        executions.add(w.execution(UUID.randomUUID(), 0, "not_started"));

        Cli.Run run = Cli.on(db).run("import", write(second).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("workflow_executions[1]: the customer already has an open execution "
                + "(not_started, underway or snoozed) of this definition");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM organizations WHERE id = '" + other.org + "'")).isZero();
    }

    @Test
    void anIdOfAnotherOrganizationCannotBeMovedByAnImport() throws IOException {
        World w = new World();
        assertThat(Cli.on(db).run("import", write(w.document(1)).toString()).exitCode()).isZero();
        World thief = new World();
        ObjectNode doc = thief.document(1);
        ((ObjectNode) doc.withArray("workflow_definitions").get(0)).put("id", w.definition.toString());
        doc.remove("workflow_executions");
        String before = TestDatabaseSql.checksum(db);

        Cli.Run run = Cli.on(db).run("import", write(doc).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("workflow_definitions[0].id: " + w.definition
                + " already exists in another organization; it cannot be moved");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);
    }

    @Test
    void structuralProblemsAreNamedToo() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"organizations\": [{\"id\": \"x\"},\n  ]");
        Cli.Run invalid = Cli.on(db).run("import", broken.toString());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).contains("is not valid JSON at line 2");

        Path odd = dir.resolve("odd.json");
        Files.writeString(odd, "{\"organisations\": [], \"profiles\": [{\"id\": \"" + UUID.randomUUID()
                + "\", \"nick\": 1}], \"customers\": {}}");
        Cli.Run run = Cli.on(db).run("import", odd.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("organisations: is not a known section")
                .contains("profiles[0].nick: is not a known field")
                .contains("profiles[0].organization_id: is required")
                .contains("profiles[0].role: is required")
                .contains("customers: must be an array");

        Cli.Run missing = Cli.on(db).run("import", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("FILE: cannot read");
    }

    @Test
    void duplicateKeysNulsAndUnpairedSurrogatesAreRefusedAndNothingIsWritten() throws IOException {
        String before = TestDatabaseSql.checksum(db);
        String example = Files.readString(EXAMPLE);
        Path duplicate = dir.resolve("duplicate.json");
        Files.writeString(duplicate, example.replace("\"name\": \"Globex\"", "\"name\": \"Globex\", \"name\": \"Initech\""));
        Path nul = dir.resolve("nul.json");
        Files.writeString(nul, example.replace("\"Globex\"", "\"Glo\\u0000bex\""));
        Path surrogate = dir.resolve("surrogate.json");
        Files.writeString(surrogate, example.replace("\"Globex\"", "\"Glo\\ud800bex\""));

        Cli.Run duplicated = Cli.on(db).run("import", duplicate.toString());
        Cli.Run nulled = Cli.on(db).run("import", nul.toString());
        Cli.Run unpaired = Cli.on(db).run("import", surrogate.toString());

        assertThat(duplicated.exitCode()).isEqualTo(1);
        assertThat(duplicated.err()).contains("is not valid JSON").contains("Duplicate field 'name'");
        assertThat(nulled.exitCode()).isEqualTo(1);
        assertThat(nulled.err()).contains("customers[0].name: must not contain NUL characters");
        assertThat(unpaired.exitCode()).isEqualTo(1);
        assertThat(unpaired.err()).contains("customers[0].name: must not contain an unpaired surrogate (U+D800");
        assertThat(TestDatabaseSql.checksum(db)).isEqualTo(before);
    }

    private Path write(ObjectNode doc) throws IOException {
        Path file = Files.createTempFile(dir, "import-", ".json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }

    /** A small organization with fresh ids: a CSM, n customers, one definition, one execution per customer. */
    static final class World {
        final UUID org = UUID.randomUUID();
        final UUID csm = UUID.randomUUID();
        final UUID definition = UUID.randomUUID();
        final UUID[] customers = new UUID[100];

        ObjectNode document(int n) {
            ObjectNode doc = JSON.createObjectNode();
            doc.putArray("organizations").addObject().put("id", org.toString()).put("name", "Org " + org);
            doc.putArray("profiles").addObject().put("id", csm.toString()).put("organization_id", org.toString())
                    .put("email", "csm-" + csm + "@example.com").put("full_name", "A CSM").put("role", "csm");
            ArrayNode cs = doc.putArray("customers");
            for (int i = 0; i < n; i++) {
                customers[i] = UUID.randomUUID();
                ObjectNode c = cs.addObject().put("id", customers[i].toString()).put("organization_id", org.toString())
                        .put("name", "Customer " + i).put("csm_id", csm.toString()).put("arr", 1000 * i);
                c.putObject("properties").put("revenue_impact_tier", i % 6).put("churn_risk_score", i % 11)
                        .put("usage_score", i % 101).put("utilization_percent", 99.5);
                c.putArray("contacts").addObject().put("name", "Contact " + i).put("relationship_strength", "weak");
            }
            doc.putArray("workflow_definitions").addObject().put("id", definition.toString())
                    .put("organization_id", org.toString()).put("name", "Risk play").put("workflow_type", "risk");
            ArrayNode es = doc.putArray("workflow_executions");
            for (int i = 0; i < n; i++) {
                es.add(execution(UUID.randomUUID(), i, "not_started"));
            }
            return doc;
        }

        ObjectNode execution(UUID id, int customer, String status) {
            return JSON.createObjectNode().put("id", id.toString()).put("organization_id", org.toString())
                    .put("workflow_definition_id", definition.toString())
                    .put("customer_id", customers[customer].toString()).put("assigned_csm_id", csm.toString())
                    .put("status", status);
        }
    }
}
