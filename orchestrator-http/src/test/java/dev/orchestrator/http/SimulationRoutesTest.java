package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.testing.World;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /api/orchestrator/simulations} over real HTTP on PostgreSQL. */
class SimulationRoutesTest extends ApiTestBase {

    private static final String SIMULATIONS = "/api/orchestrator/simulations";

    /** A renewal-heavy candidate: churn risk counts for renewals too, 40 points a point. */
    private static Map<String, Object> churnOnRenewals() {
        Map<String, Object> priority = new java.util.LinkedHashMap<>(dev.orchestrator.core.domain.policy.PolicyWire
                .write(dev.orchestrator.core.domain.policy.Policies.STANDARD.priority()));
        priority.put("churn_risk_types", List.of("risk", "renewal"));
        priority.put("churn_risk_points_per_point", 40);
        return map("priority_policy", priority, "top_n", 1);
    }

    @Test
    void anAdminSeesEveryCsmsTopNBeforeAndAfterAndNothingIsWritten() {
        WorkflowExecution mine = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution theirs = execution(world.outsider, ExecutionStatus.NOT_STARTED);
        var definition = definition("Expansion", dev.orchestrator.core.domain.workflow.WorkflowType.OPPORTUNITY, 640,
                Map.of(), false);
        WorkflowExecution play = world.execution(definition, world.customer(world.csm, World.signals(3, 2, 50)),
                world.csm, ExecutionStatus.NOT_STARTED, 655, World.T0);

        ApiResponse response = post(SIMULATIONS, json(churnOnRenewals()), world.admin);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode csms = response.json().path("csms");
        assertThat(csms.findValuesAsText("csm_id")).containsExactlyInAnyOrder(world.csm.id().toString(),
                world.outsider.id().toString());
        JsonNode csm = null;
        for (JsonNode q : csms) {
            if (q.path("csm_id").asText().equals(world.csm.id().toString())) {
                csm = q;
            }
        }
        // Before: the expansion play (640 + 15 + 5 = 660) over the renewal (600 + 15); after, the renewal
        // gains 2 x 40 and leads (695).
        assertThat(csm.path("top_before").get(0).path("execution_id").asText()).isEqualTo(play.id().toString());
        assertThat(csm.path("top_after").get(0).path("execution_id").asText()).isEqualTo(mine.id().toString());
        assertThat(csm.path("top_after").get(0).path("score_after").asInt()).isEqualTo(600 + 15 + 80);
        assertThat(csm.path("top_after").get(0).path("rank_move").asInt()).isEqualTo(1);
        assertThat(csm.path("entering").get(0).asText()).isEqualTo(mine.id().toString());
        assertThat(csm.path("leaving").get(0).asText()).isEqualTo(play.id().toString());
        assertThat(response.json().path("labels").findValuesAsText("label")).containsExactly("Critical", "High",
                "Medium", "Low");

        assertThat(stored(mine).priorityScore()).isEqualTo(600);
        assertThat(stored(theirs).priorityScore()).isEqualTo(600);
        assertThat(stored(play).priorityScore()).isEqualTo(655);
        assertThat(get("/api/orchestrator/policies", world.admin).json().path("version").asLong()).isZero();
    }

    @Test
    void aChangedDefinitionTakesTheStoredOnesPlaceAfterAndNothingIsSaved() {
        WorkflowExecution renewal = execution(world.csm, ExecutionStatus.NOT_STARTED);
        var definition = definition("Expansion", dev.orchestrator.core.domain.workflow.WorkflowType.OPPORTUNITY, 640,
                Map.of(), false);
        WorkflowExecution play = world.execution(definition, world.customer(world.csm, World.signals(3, 2, 50)),
                world.csm, ExecutionStatus.NOT_STARTED, 660, World.T0);
        // The renewal template re-weighted to 700, and made to trigger on risk 1 or more (every customer here).
        Map<String, Object> change = map("id", renewal.definitionId().toString(), "priority_weight", 700,
                "trigger_conditions", map("risk_score_min", 1));

        ApiResponse response = post(SIMULATIONS, json(map("definitions", List.of(change), "top_n", 1)), world.admin);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode csm = response.json().path("csms").get(0);
        assertThat(csm.path("top_before").get(0).path("execution_id").asText()).isEqualTo(play.id().toString());
        assertThat(csm.path("top_after").get(0).path("execution_id").asText()).isEqualTo(renewal.id().toString());
        assertThat(csm.path("top_after").get(0).path("score_after").asInt()).isEqualTo(700 + 15);
        JsonNode impact = response.json().path("definitions").get(0);
        assertThat(impact.path("workflow_definition_id").asText()).isEqualTo(renewal.definitionId().toString());
        // The expansion's customer has no renewal yet: the changed trigger would create one there.
        assertThat(impact.path("would_create_before").asInt()).isZero();
        assertThat(impact.path("would_create_after").asInt()).isEqualTo(1);
        assertThat(impact.path("would_close_after").asInt()).isZero();
        assertThat(get("/api/orchestrator/definitions/" + renewal.definitionId(), world.admin).json()
                .path("priority_weight").asInt()).isEqualTo(600);
        assertThat(stored(renewal).priorityScore()).isEqualTo(600);
    }

    @Test
    void aManagerSeesTheirReportsOnlyAndACsmMayNotSimulate() {
        execution(world.csm, ExecutionStatus.NOT_STARTED);
        execution(world.outsider, ExecutionStatus.NOT_STARTED);

        ApiResponse response = post(SIMULATIONS, json(churnOnRenewals()), world.manager);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("csms").findValuesAsText("csm_id")).containsExactly(world.csm.id().toString());
        assertProblem(post(SIMULATIONS, "{}", world.csm), 403);
    }

    @Test
    void badInputIsNamedAnotherOrganizationIs404AndTooLargeIs413() {
        Map<String, Object> body = churnOnRenewals();
        body.put("top_n", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> priority = (Map<String, Object>) body.get("priority_policy");
        priority.put("usage_score_divisor", -3);
        assertInvalid(post(SIMULATIONS, json(body), world.admin), "top_n", "priority_policy.usage_score_divisor");
        assertInvalid(post(SIMULATIONS, json(map("definitions", "all")), world.admin), "definitions");
        assertInvalid(post(SIMULATIONS, json(map("definitions", List.of(map("id", UUID.randomUUID().toString()),
                "x"))), world.admin), "definitions[0].id", "definitions[1]");
        WorkflowExecution renewal = execution(world.csm, ExecutionStatus.NOT_STARTED);
        String id = renewal.definitionId().toString();
        assertInvalid(post(SIMULATIONS, json(map("definitions", List.of(map("id", id, "priority_weight", "high")))),
                world.admin), "definitions[0].priority_weight");
        assertInvalid(post(SIMULATIONS, json(map("definitions", List.of(map("id", id, "trigger_conditions",
                map("risk_score_min", 99))))), world.admin), "definitions[0].trigger_conditions.risk_score_min");
        assertInvalid(post(SIMULATIONS, json(map("definitions", List.of(map("id", id), map("id", id)))), world.admin),
                "definitions[1].id");
        assertProblem(post(SIMULATIONS, json(map("organization_id", UUID.randomUUID().toString())), world.admin), 404);
        assertThat(post(SIMULATIONS, json(map("organization_id", world.org.toString())), world.admin).status())
                .isEqualTo(200);
        assertProblem(post(SIMULATIONS, "{\"pad\": \"" + "x".repeat(HttpApi.MAX_BODY_BYTES) + "\"}", world.admin), 413);
        assertInvalid(post(SIMULATIONS + "?dry=1", "{}", world.admin), "dry");
    }
}
