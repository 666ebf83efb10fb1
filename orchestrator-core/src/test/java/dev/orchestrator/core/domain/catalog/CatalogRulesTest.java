package dev.orchestrator.core.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The rules of incoming catalog data, once, on the core's reader: every way in (import files, the
 * management API, embedding applications, generated data) goes through them, so the adapters' tests
 * only check that they pass the reader's problems on.
 */
class CatalogRulesTest {

    private static final String ORG = "a1000000-0000-4000-8000-000000000001";
    private static final String CSM = "a1000000-0000-4000-8000-000000000103";
    private final CatalogReader reader = new CatalogReader(PriorityPolicy.STANDARD, 10);

    private static JsonObject json(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new JsonObject(values);
    }

    private static Map<String, Object> with(JsonObject base, Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>(base.values());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static List<String> fields(Problems problems) {
        return problems.kept().stream().map(Problem::field).toList();
    }

    private static JsonObject customer() {
        return json("id", UUID.randomUUID().toString(), "organization_id", ORG, "name", "Globex", "csm_id", CSM,
                "arr", new BigDecimal("420000"), "renewal_date", "2027-06-30", "annual_review_date", "2027-01-15",
                "properties", Map.of("churn_risk_score", 8, "utilization_percent", new BigDecimal("62.505")),
                "contacts", List.of(Map.of("name", "Hank", "relationship_strength", "strong")));
    }

    private List<String> customerProblems(Object... overrides) {
        Problems problems = new Problems();
        reader.customer(new JsonObject(with(customer(), overrides)), "customers[0]", problems);
        return fields(problems);
    }

    private List<String> profileProblems(Object capacity) {
        Problems problems = new Problems();
        Map<String, Object> profile = new LinkedHashMap<>(Map.of("id", UUID.randomUUID().toString(), "organization_id",
                ORG, "email", "a@example.com", "full_name", "Ann", "role", "csm"));
        profile.put("capacity", capacity);
        dev.orchestrator.core.domain.access.Profile read = reader.profile(new JsonObject(profile), "profiles[0]",
                problems);
        if (problems.count() == 0) {
            assertThat(read.capacity()).isEqualTo(capacity == null ? java.util.OptionalInt.empty()
                    : java.util.OptionalInt.of(((Number) capacity).intValue()));
        }
        return fields(problems);
    }

    @Test
    void aProfilesCapacityIsAWholeNumberWithinBoundsOrUnlimited() {
        assertThat(profileProblems(null)).isEmpty();
        assertThat(profileProblems(1)).isEmpty();
        assertThat(profileProblems(100_000)).isEmpty();
        assertThat(profileProblems(0)).containsExactly("profiles[0].capacity");
        assertThat(profileProblems(100_001)).containsExactly("profiles[0].capacity");
        assertThat(profileProblems(new BigDecimal("2.5"))).containsExactly("profiles[0].capacity");
        assertThat(profileProblems("10")).containsExactly("profiles[0].capacity");
    }

    // ---- text -----------------------------------------------------------------------------

    @Test
    void noStoredStringHoldsANulOrAnUnpairedSurrogate() {
        assertThat(Text.problem("plain text, emoji \uD83D\uDE00 paired")).isEmpty();
        assertThat(Text.problem("nul\u0000inside")).get().asString().contains("NUL");
        assertThat(Text.problem("lone high \uD83D")).get().asString().contains("U+D83D");
        assertThat(Text.problem("\uDE00 lone low")).get().asString().contains("U+DE00");
        assertThat(customerProblems("name", "Glo\u0000bex")).containsExactly("customers[0].name");
        assertThat(customerProblems("contacts", List.of(Map.of("name", "Ha\uD800nk"))))
                .contains("customers[0].contacts[0].name");
    }

    @Test
    void stringsDeepInsideJsonAreCheckedKeysToo() {
        Problems problems = new Problems();
        Text.checkJson(Map.of("notes", List.of("fine", "bad\u0000"), "k\uD800", 1), "execution_data", problems);
        assertThat(fields(problems)).containsExactlyInAnyOrder("execution_data.notes[1]", "execution_data");
    }

    // ---- customers and signals ------------------------------------------------------------

    @Test
    void aGoodCustomerReadsWithItsValuesAsStored() {
        Problems problems = new Problems();
        CustomerEntry entry = reader.customer(customer(), "customers[0]", problems);
        assertThat(problems.isEmpty()).as(problems.kept().toString()).isTrue();
        assertThat(entry.arr()).isEqualByComparingTo("420000.00");
        assertThat(entry.dates()).isEqualTo(new dev.orchestrator.core.domain.customer.CustomerDates(
                java.time.LocalDate.parse("2027-06-30"), java.time.LocalDate.parse("2027-01-15")));
        assertThat(entry.properties().valueOf(SignalField.UTILIZATION_PERCENT)).isEqualTo(new BigDecimal("62.51"));
        assertThat(entry.properties().valueOf(SignalField.USAGE_SCORE)).isNull();
        assertThat(entry.contacts()).containsExactly(new ContactEntry("Hank", null, null, RelationshipStrength.STRONG,
                false));
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource({
            "revenue_impact_tier, 5, ok", "revenue_impact_tier, 6, must be between 0 and 5",
            "revenue_impact_tier, 2.5, must be a whole number", "churn_risk_score, -1, must be between 0 and 10",
            "churn_risk_score, 10, ok", "usage_score, 100, ok", "usage_score, 101, must be between 0 and 100",
            "health_score, 0, ok", "utilization_percent, -0.01, must be at least 0",
            "utilization_percent, 99999.99, ok", "utilization_percent, 100000, must be less than 100000 in size",
            "yoy_growth_percent, -999999.99, ok", "market_price_percentile, 100.004, ok",
            "market_price_percentile, 100.01, must be between 0 and 100", "adoption_rate_percent, 0, ok",
            "usage_change_percent_last_month, 123456.7, must be less than 100000 in size"})
    void everySignalKeepsToItsRange(String field, String value, String expected) {
        Problems problems = new Problems();
        reader.signals(Map.of(field, new BigDecimal(value)), "properties", problems, false);
        if (expected.equals("ok")) {
            assertThat(problems.isEmpty()).as(problems.kept().toString()).isTrue();
        } else {
            assertThat(problems.kept()).singleElement().isEqualTo(new Problem("properties." + field, expected));
        }
    }

    @Test
    void everySignalFieldHasARangeAndAReaderName() {
        for (SignalField field : SignalField.values()) {
            assertThat(CatalogReader.PROPERTY_FIELDS).contains(field.columnName());
            assertThat(field.range()).isNotNull();
        }
    }

    @Test
    void aSignalPatchClearsWithNullAndLeavesTheRest() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("usage_score", null);
        patch.put("health_score", BigInteger.valueOf(40));
        SignalValues values = reader.signals(patch, "", new Problems(), true);
        assertThat(values.values()).containsOnlyKeys(SignalField.USAGE_SCORE, SignalField.HEALTH_SCORE);
        SignalValues stored = new SignalValues(Map.of(SignalField.USAGE_SCORE, BigDecimal.ONE,
                SignalField.CHURN_RISK_SCORE, BigDecimal.TEN));
        assertThat(stored.patchedWith(values).values()).containsEntry(SignalField.CHURN_RISK_SCORE, BigDecimal.TEN)
                .containsEntry(SignalField.USAGE_SCORE, null);
    }

    @Test
    void everyWrongCustomerFieldIsNamedInOnePass() {
        assertThat(customerProblems("id", "nope", "csm_id", "someone", "arr", "lots", "renewal_date", "2027-02-30",
                "colour", "red", "contacts", List.of("Hank", Map.of("relationship_strength", "close")),
                "properties", Map.of("mood", 3)))
                .containsExactlyInAnyOrder("customers[0].id", "customers[0].csm_id", "customers[0].arr",
                        "customers[0].renewal_date", "customers[0].colour", "customers[0].contacts[0]",
                        "customers[0].contacts[1].name", "customers[0].contacts[1].relationship_strength",
                        "customers[0].properties.mood");
        assertThat(customerProblems("arr", new BigDecimal("-1"))).containsExactly("customers[0].arr");
        assertThat(customerProblems("arr", new BigDecimal("1e12"))).containsExactly("customers[0].arr");
        assertThat(customerProblems("name", "  ")).containsExactly("customers[0].name");
        assertThat(customerProblems("name", "x".repeat(201))).containsExactly("customers[0].name");
        assertThat(customerProblems("renewal_date", "0001-01-01")).containsExactly("customers[0].renewal_date");
        assertThat(customerProblems("annual_review_date", "2027-13-01")).containsExactly("customers[0].annual_review_date");
        assertThat(customerProblems("annual_review_date", 20270115)).containsExactly("customers[0].annual_review_date");
        assertThat(customerProblems("annual_review_date", null)).isEmpty();
        // No CSM yet is allowed: the assignment pool gives one with the first execution (V35).
        assertThat(customerProblems("csm_id", null)).isEmpty();
    }

    // ---- profiles, definitions, executions ---------------------------------------------------

    @Test
    void profilesHaveARoleOfTheClosedSetAndAreNotTheirOwnManager() {
        String id = UUID.randomUUID().toString();
        JsonObject profile = json("id", id, "organization_id", ORG, "email", "cy@acme.example", "full_name", "Cy",
                "role", "integration");
        Problems ok = new Problems();
        Profile read = reader.profile(profile, "profiles[0]", ok);
        assertThat(read.role()).isEqualTo(Role.INTEGRATION);
        Problems problems = new Problems();
        reader.profile(new JsonObject(with(profile, "role", "boss", "manager_id", id, "email", "not-an-email")),
                "profiles[0]", problems);
        assertThat(fields(problems)).containsExactlyInAnyOrder("profiles[0].role", "profiles[0].manager_id",
                "profiles[0].email");
    }

    private List<String> definitionProblems(Object... overrides) {
        JsonObject definition = json("id", UUID.randomUUID().toString(), "organization_id", ORG, "name", "Churn save",
                "workflow_type", "risk");
        Problems problems = new Problems();
        reader.definition(new JsonObject(with(definition, overrides)), "", problems);
        return fields(problems);
    }

    @Test
    void triggerConditionsAreKnownKeysOfTheRightTypeAndRange() {
        assertThat(definitionProblems("trigger_conditions", Map.of("risk_score_min", 6, "opportunity_score_min", "4.5",
                "order", 2, "workflow_id", "w", "trigger_type", "signals"))).isEmpty();
        assertThat(definitionProblems("trigger_conditions", Map.of("rsk_score_min", 6)))
                .containsExactly("trigger_conditions.rsk_score_min");
        assertThat(definitionProblems("trigger_conditions", Map.of("risk_score_min", 11)))
                .containsExactly("trigger_conditions.risk_score_min");
        assertThat(definitionProblems("trigger_conditions", Map.of("risk_score_min", "high", "order", -1,
                "workflow_id", 3))).containsExactlyInAnyOrder("trigger_conditions.risk_score_min",
                "trigger_conditions.order", "trigger_conditions.workflow_id");
        assertThat(definitionProblems("trigger_conditions", List.of())).containsExactly("trigger_conditions");
    }

    @Test
    void dateWindowsAreWholeDaysFromOneToAYear() {
        assertThat(definitionProblems("trigger_conditions", Map.of("renewal_within_days", 1,
                "annual_review_within_days", 365, "risk_score_min", 6))).isEmpty();
        assertThat(definitionProblems("trigger_conditions", Map.of("renewal_within_days", new BigDecimal("30.0"))))
                .isEmpty();
        for (Object wrong : List.of(0, 366, -5, new BigDecimal("7.5"), "30", true, Map.of())) {
            assertThat(definitionProblems("trigger_conditions", Map.of("renewal_within_days", wrong)))
                    .as("renewal_within_days = %s", wrong).containsExactly("trigger_conditions.renewal_within_days");
            assertThat(definitionProblems("trigger_conditions", Map.of("annual_review_within_days", wrong)))
                    .as("annual_review_within_days = %s", wrong)
                    .containsExactly("trigger_conditions.annual_review_within_days");
        }
        Problems problems = new Problems();
        reader.definition(json("id", UUID.randomUUID().toString(), "organization_id", ORG, "name", "Renewal",
                "workflow_type", "renewal", "trigger_conditions", Map.of("renewal_within_days", 400)), "", problems);
        assertThat(problems.kept()).singleElement().satisfies(p -> assertThat(p.reason()).contains("1 to 365"));
    }

    @Test
    void aDefinitionsWeightDefaultsToItsTypesTierAndStaysInRange() {
        Problems problems = new Problems();
        WorkflowDefinition d = reader.definition(json("id", UUID.randomUUID().toString(), "organization_id", ORG,
                "name", "Plan", "workflow_type", "strategic"), "", problems);
        assertThat(d.priorityWeight()).isEqualTo(PriorityPolicy.STANDARD.defaultWeight(WorkflowType.STRATEGIC));
        assertThat(d.active()).isTrue();
        assertThat(definitionProblems("priority_weight", PriorityPolicy.MAX_WEIGHT + 1)).containsExactly("priority_weight");
        assertThat(definitionProblems("workflow_type", "urgent")).containsExactly("workflow_type");
        assertThat(definitionProblems("description", "d".repeat(CatalogRules.DESCRIPTION_MAX + 1)))
                .containsExactly("description");
    }

    @Test
    void anExecutionsStatusBringsWhatItNeeds() {
        JsonObject execution = json("organization_id", ORG, "workflow_definition_id", UUID.randomUUID().toString(),
                "customer_id", UUID.randomUUID().toString(), "assigned_csm_id", CSM);
        List<String> found = new ArrayList<>();
        for (String status : List.of("snoozed", "skipped", "done")) {
            Problems problems = new Problems();
            reader.execution(new JsonObject(with(execution, "status", status)), "x", problems, UUID::randomUUID);
            found.addAll(fields(problems));
        }
        assertThat(found).containsExactly("x.snooze_until", "x.skip_reason", "x.status");
        Problems problems = new Problems();
        ExecutionEntry entry = reader.execution(new JsonObject(with(execution, "status", "snoozed", "snooze_until",
                "2026-12-24")), "x", problems, UUID::randomUUID);
        assertThat(entry.status()).isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(entry.snoozeUntil()).hasToString("2026-12-24T00:00:00Z");
        assertThat(entry.dueAt()).isNull();
        Problems due = new Problems();
        assertThat(reader.execution(new JsonObject(with(execution, "due_at", "2027-06-30")), "x", due,
                UUID::randomUUID).dueAt()).hasToString("2027-06-30T00:00:00Z");
        reader.execution(new JsonObject(with(execution, "due_at", "soon")), "x", due, UUID::randomUUID);
        assertThat(fields(due)).containsExactly("x.due_at");
        Problems nul = new Problems();
        reader.execution(new JsonObject(with(execution, "execution_data", Map.of("note", "a\u0000b"))), "x", nul,
                UUID::randomUUID);
        assertThat(fields(nul)).containsExactly("x.execution_data.note");
    }

    @Test
    void whatCatalogJsonWritesReadsBackAsTheSameEntry() {
        Problems problems = new Problems();
        CustomerEntry customer = reader.customer(customer(), "", problems);
        WorkflowDefinition definition = reader.definition(json("id", UUID.randomUUID().toString(), "organization_id", ORG,
                "name", "Plan", "workflow_type", "risk", "trigger_conditions", Map.of("risk_score_min", 6)), "", problems);
        assertThat(reader.customer(new JsonObject(CatalogJson.customer(customer)), "", problems)).isEqualTo(customer);
        assertThat(reader.definition(new JsonObject(CatalogJson.definition(definition)), "", problems)).isEqualTo(definition);
        assertThat(problems.isEmpty()).as(problems.kept().toString()).isTrue();
    }

    @Test
    void problemsAreCountedAllButKeptBounded() {
        Problems problems = new Problems();
        for (int i = 0; i < Problems.KEEP + 10; i++) {
            problems.add("f" + i, "bad");
        }
        assertThat(problems.count()).isEqualTo(Problems.KEEP + 10);
        assertThat(problems.kept()).hasSize(Problems.KEEP);
    }

    @Test
    void theLifecycleKeysAreCheckedForTypeAndRangeNamingThePart() {
        assertThat(definitionProblems("trigger_conditions", Map.of("risk_score_min", 6, "cooldown_days", 0,
                "auto_close", Map.of("margin", 1, "after_runs", 2), "wake_on_risk_increase", 10))).isEmpty();
        assertThat(definitionProblems("trigger_conditions", Map.of("cooldown_days", 365, "auto_close",
                Map.of("margin", 10, "after_runs", 90), "wake_on_risk_increase", 1))).isEmpty();
        for (Object bad : List.of(366, -1, 2.5, "30", true)) {
            assertThat(definitionProblems("trigger_conditions", Map.of("cooldown_days", bad))).as("cooldown %s", bad)
                    .containsExactly("trigger_conditions.cooldown_days");
        }
        for (Object bad : List.of(0, 11, 1.5, "3")) {
            assertThat(definitionProblems("trigger_conditions", Map.of("wake_on_risk_increase", bad)))
                    .as("wake %s", bad).containsExactly("trigger_conditions.wake_on_risk_increase");
        }
        assertThat(definitionProblems("trigger_conditions", Map.of("auto_close", Map.of("margin", 1))))
                .containsExactly("trigger_conditions.auto_close.after_runs");
        assertThat(definitionProblems("trigger_conditions", Map.of("auto_close", Map.of())))
                .containsExactly("trigger_conditions.auto_close.margin", "trigger_conditions.auto_close.after_runs");
        assertThat(definitionProblems("trigger_conditions", Map.of("auto_close", Map.of("margin", 0, "after_runs", 91))))
                .containsExactly("trigger_conditions.auto_close.margin", "trigger_conditions.auto_close.after_runs");
        assertThat(definitionProblems("trigger_conditions", Map.of("auto_close", Map.of("margin", 11, "after_runs", "2"))))
                .containsExactly("trigger_conditions.auto_close.margin", "trigger_conditions.auto_close.after_runs");
        assertThat(definitionProblems("trigger_conditions", Map.of("auto_close", Map.of("margin", 1, "after_runs", 2,
                "after", 3)))).containsExactly("trigger_conditions.auto_close.after");
        assertThat(definitionProblems("trigger_conditions", Map.of("auto_close", 2)))
                .containsExactly("trigger_conditions.auto_close");
    }
}
