package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyWire;
import dev.orchestrator.core.testing.World;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/orchestrator/policies} over real HTTP on PostgreSQL. */
class PolicyRoutesTest extends ApiTestBase {

    private static final String POLICIES = "/api/orchestrator/policies";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The standard policies in the wire format, as a mutable tree to edit. */
    private static Map<String, Object> standard() {
        try {
            return MAPPER.readValue(MAPPER.writeValueAsString(PolicyWire.write(Policies.STANDARD)), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> json, String... path) {
        Map<String, Object> at = json;
        for (String key : path) {
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }

    private ApiResponse put(String json, Profile as, String... headers) {
        return exchange("PUT", POLICIES, json, as, headers);
    }

    @Test
    void everyMemberReadsTheStandardPoliciesAsVersionZero() {
        ApiResponse read = get(POLICIES, world.csm);

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("ETag")).contains("\"v0\"");
        assertThat(read.json().path("version").asLong()).isZero();
        assertThat(read.json().path("author_id").isNull()).isTrue();
        assertThat(read.json().path("priority_policy").path("type_tiers").path("risk").asInt()).isEqualTo(900);
        assertThat(read.json().path("signal_policy").path("max_score").asInt()).isEqualTo(10);
        assertThat(get(POLICIES + "/history", world.manager).json().path("items").size()).isZero();
    }

    @Test
    void anAdminAppliesAVersionThatReScoresTheOpenWorkAndIsKeptInTheHistory() {
        WorkflowExecution renewal = execution(world.csm, ExecutionStatus.NOT_STARTED);
        Map<String, Object> body = standard();
        child(body, "priority_policy", "type_tiers").put("renewal", 2000);
        child(body, "priority_policy").put("revenue_impact_points_per_tier", 20);
        body.remove("signal_policy");

        ApiResponse applied = put(json(body), world.admin);

        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.header("ETag")).contains("\"v1\"");
        assertThat(applied.json().path("version").asLong()).isEqualTo(1);
        assertThat(applied.json().path("author_id").asText()).isEqualTo(world.admin.id().toString());
        assertThat(applied.json().path("rescored").path("examined").asLong()).isEqualTo(1);
        assertThat(applied.json().path("rescored").path("changed").asLong()).isEqualTo(1);
        // The definition's own weight (600) stays: a tier is a type's default for new definitions.
        // Revenue impact tier 3 now brings 3 x 20.
        assertThat(stored(renewal).priorityScore()).isEqualTo(600 + 3 * 20);
        assertThat(get(POLICIES, world.csm).json().path("version").asLong()).isEqualTo(1);
        assertThat(get(POLICIES, world.csm).json().path("priority_policy").path("type_tiers").path("renewal").asInt())
                .isEqualTo(2000);
        // An absent signal policy stays as it was.
        assertThat(get(POLICIES, world.csm).json().path("signal_policy").path("risk_rules").size()).isEqualTo(4);

        Map<String, Object> second = standard();
        child(second, "priority_policy").put("churn_risk_points_per_point", 50);
        assertThat(put(json(second), world.admin, "If-Match", "\"v1\"").status()).isEqualTo(200);
        ApiResponse history = get(POLICIES + "/history", world.csm);
        assertThat(history.json().path("items").findValuesAsText("version")).containsExactly("2", "1");
        assertThat(get(POLICIES, world.csm).header("ETag")).contains("\"v2\"");
    }

    @Test
    void aChurnBoostChangeMovesTheQueueScoreToTheNewPolicysValue() {
        WorkflowExecution renewal = execution(world.csm, ExecutionStatus.NOT_STARTED);
        Map<String, Object> body = standard();
        child(body, "priority_policy").put("churn_risk_types", java.util.List.of("renewal"));
        child(body, "priority_policy").put("churn_risk_points_per_point", 40);

        assertThat(put(json(body), world.admin).status()).isEqualTo(200);

        var policy = fixture.ports().policies().currentPolicies(world.org).policies().priority();
        assertThat(policy.churnRiskTypes()).containsExactly(dev.orchestrator.core.domain.workflow.WorkflowType.RENEWAL);
        int expected = 600 + 3 * 5 + 2 * 40; // weight, revenue impact tier 3 x 5, churn risk 2 x 40
        assertThat(stored(renewal).priorityScore()).isEqualTo(expected);
        ApiResponse queue = get("/api/orchestrator/queue", world.csm);
        assertThat(queue.json().get(0).path("priority_score").asInt()).as(queue.toString()).isEqualTo(expected);
        // The explanation is the organization's current policy's: it has the churn line the standard one lacks.
        assertThat(queue.json().get(0).path("priority_explanation").toString()).contains("churn");
    }

    @Test
    void aQueueItemSaysWhichPolicyVersionScoredItAndWhatMovedItsScore() {
        WorkflowExecution renewal = execution(world.csm, ExecutionStatus.NOT_STARTED);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        // Yesterday's run scored it under the standard policies (600 + 3 x 5): its parts are remembered.
        fixture.ports().recomputation().recompute(java.util.Optional.of(world.org),
                dev.orchestrator.core.domain.priority.PriorityPolicy.STANDARD, today.minusDays(1));
        var before = get("/api/orchestrator/queue", world.csm).json().get(0);
        assertThat(before.path("priority_policy_version").asLong()).isZero();
        assertThat(before.path("score_change").path("previous_score").asInt()).as(before.toString()).isEqualTo(600);
        assertThat(before.path("score_change").path("parts_known").asBoolean()).isFalse();

        Map<String, Object> body = standard();
        child(body, "priority_policy").put("churn_risk_types", java.util.List.of("renewal"));
        child(body, "priority_policy").put("churn_risk_points_per_point", 40);
        assertThat(put(json(body), world.admin).status()).isEqualTo(200);

        var item = get("/api/orchestrator/queue", world.csm).json().get(0);
        assertThat(item.path("priority_score").asInt()).isEqualTo(615 + 2 * 40);
        assertThat(item.path("priority_policy_version").asLong()).isEqualTo(1);
        var change = item.path("score_change");
        assertThat(change.path("previous_score").asInt()).as(item.toString()).isEqualTo(615);
        assertThat(change.path("changed_on").asText()).isEqualTo(today.toString());
        assertThat(change.path("parts_known").asBoolean()).isTrue();
        assertThat(change.path("changes").toString())
                .isEqualTo("[{\"rule\":\"churn_risk\",\"points_before\":0,\"points_after\":80}]");
        // The execution's own page explains it alike.
        var detail = get("/api/orchestrator/executions/" + renewal.id(), world.csm).json();
        assertThat(detail.path("priority_policy_version").asLong()).isEqualTo(1);
        assertThat(detail.path("score_change").path("previous_score").asInt()).isEqualTo(615);
    }

    @Test
    void aDefinitionIsReadWithTheOrganizationsOwnPolicies() {
        String definition = json(map("name", "Churn save", "workflow_type", "risk",
                "trigger_conditions", map("risk_score_min", 15)));
        // The standard signal policy caps scores at 10: a threshold of 15 could never be met.
        assertInvalid(post("/api/orchestrator/definitions", definition, world.admin), "trigger_conditions.risk_score_min");

        Map<String, Object> body = standard();
        child(body, "signal_policy").put("max_score", 20);
        child(body, "priority_policy", "type_tiers").put("risk", 950);
        assertThat(put(json(body), world.admin).status()).isEqualTo(200);

        ApiResponse created = post("/api/orchestrator/definitions", definition, world.admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // The default weight is the organization's tier for the type.
        assertThat(created.json().path("priority_weight").asInt()).isEqualTo(950);
    }

    @Test
    void badPoliciesAre400NamingEachProblemAndNothingIsWritten() {
        WorkflowExecution renewal = execution(world.csm, ExecutionStatus.NOT_STARTED);
        Map<String, Object> body = standard();
        child(body, "priority_policy", "type_tiers").remove("renewal");
        child(body, "priority_policy").put("usage_score_divisor", -10);
        child(body, "priority_policy", "labels").put("medium", 800);
        child(body, "signal_policy").put("extra", true);

        assertInvalid(put(json(body), world.admin), "priority_policy.type_tiers.renewal",
                "priority_policy.usage_score_divisor", "priority_policy.labels.medium", "signal_policy.extra");
        assertInvalid(put("{\"priority\": {}}", world.admin), "priority");
        assertProblem(put("[]", world.admin), 400);

        assertThat(get(POLICIES, world.admin).json().path("version").asLong()).isZero();
        assertThat(stored(renewal).priorityScore()).isEqualTo(600);
    }

    @Test
    void onlyAnAdminAppliesAStaleVersionIs412AndUnknownParametersAre400() {
        String body = json(standard());
        assertProblem(put(body, world.csm), 403);
        assertProblem(put(body, world.manager), 403);
        assertProblem(put(body, world.admin, "If-Match", "\"v3\""), 412);
        assertInvalid(get(POLICIES + "?version=1", world.csm), "version");
        assertProblem(put("{\"pad\": \"" + "x".repeat((int) HttpApi.MAX_BODY_BYTES) + "\"}", world.admin), 413);
        assertThat(get(POLICIES + "/history", world.admin).json().path("items").size()).isZero();
    }

    @Test
    void anotherOrganizationsPoliciesAreItsOwn() {
        World other = new World(fixture);
        assertThat(put(json(standard()), world.admin).status()).isEqualTo(200);
        assertThat(get(POLICIES, other.csm).json().path("version").asLong()).isZero();
    }
}
