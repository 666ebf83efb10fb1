package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Capacity on profiles, load in the team view, and {@code POST /api/orchestrator/team/rebalance} over
 * HTTP on PostgreSQL: who may, what a dry run proposes (and leaves), what applying moves (with events).
 */
class RebalanceRoutesTest extends ApiTestBase {

    private static final String REBALANCE = "/api/orchestrator/team/rebalance";

    private void capacity(Profile p, Integer capacity) {
        Map<String, Object> body = map("email", p.email(), "full_name", p.fullName(), "role", p.role().wireName(),
                "manager_id", p.managerId() == null ? null : p.managerId().toString());
        body.put("capacity", capacity);
        ApiResponse put = exchange("PUT", "/api/profiles/" + p.id(), json(body), world.admin);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("capacity").isNull() ? null : put.json().path("capacity").asInt()).isEqualTo(capacity);
    }

    /** Four not-started items of the CSM's (scores 300, 500, 700, 900, one customer each) and one underway. */
    private List<WorkflowExecution> overloadedCsm() {
        WorkflowDefinition definition = definition("Check-in", WorkflowType.CUSTOM, 500, Map.of(), false);
        List<WorkflowExecution> items = new ArrayList<>();
        for (int score : new int[] {300, 500, 700, 900}) {
            Customer customer = world.customer(world.csm, World.signals(3, 2, 50));
            items.add(world.execution(definition, customer, world.csm, ExecutionStatus.NOT_STARTED, score,
                    World.T0.minus(Duration.ofDays(1))));
        }
        execution(world.csm, ExecutionStatus.UNDERWAY);
        return items;
    }

    private JsonNode lineOf(JsonNode team, UUID csm) {
        for (JsonNode line : team.path("csms")) {
            if (line.path("csm").path("id").asText().equals(csm.toString())) {
                return line;
            }
        }
        throw new AssertionError("no line of " + csm + " in " + team);
    }

    @Test
    void an_admin_sets_a_capacity_and_the_team_view_shows_the_load() {
        overloadedCsm();
        capacity(world.csm, 2);

        JsonNode team = get("/api/orchestrator/team", world.manager).json();

        JsonNode csm = lineOf(team, world.csm.id().value());
        assertThat(csm.path("capacity").asInt()).isEqualTo(2);
        assertThat(csm.path("load").asDouble()).as("5 open of 2").isEqualTo(2.5);
        JsonNode teammate = lineOf(team, world.teammate.id().value());
        assertThat(teammate.path("capacity").isNull()).as("unlimited").isTrue();
        assertThat(teammate.path("load").isNull()).isTrue();
        assertThat(get("/api/profiles", world.csm).json().path("items").findValuesAsText("capacity")).contains("2");
        // Unlimited again, and the bounds named.
        capacity(world.csm, null);
        assertThat(lineOf(get("/api/orchestrator/team", world.manager).json(), world.csm.id().value())
                .path("capacity").isNull()).isTrue();
        Map<String, Object> bad = map("email", world.csm.email(), "full_name", "csm", "role", "csm", "capacity", 0);
        assertInvalid(exchange("PUT", "/api/profiles/" + world.csm.id(), json(bad), world.admin), "capacity");
        bad.put("capacity", "ten");
        assertInvalid(exchange("PUT", "/api/profiles/" + world.csm.id(), json(bad), world.admin), "capacity");
    }

    @Test
    void a_dry_run_proposes_the_lowest_priority_moves_and_changes_nothing() {
        List<WorkflowExecution> items = overloadedCsm();
        capacity(world.csm, 3);
        capacity(world.teammate, 10);

        ApiResponse response = post(REBALANCE + "?dry_run=true", "", world.manager);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode proposal = response.json();
        assertThat(proposal.path("dry_run").asBoolean()).isTrue();
        assertThat(proposal.path("load_counting").asText()).isEqualTo("open");
        // 5 open of 3: the two lowest-priority not-started items go to the teammate.
        assertThat(proposal.path("moves").findValuesAsText("execution_id")).containsExactly(items.get(0).id().toString(),
                items.get(1).id().toString());
        JsonNode first = proposal.path("moves").get(0);
        assertThat(first.path("to").path("name").asText()).isEqualTo("teammate");
        assertThat(first.path("from").path("name").asText()).isEqualTo("csm");
        assertThat(first.path("reason").asText()).contains("csm is above capacity (5/3)", "teammate has room");
        assertThat(first.path("rules").toString()).contains("lowest_priority_first", "same_manager");
        assertThat(first.has("result")).isFalse();
        assertThat(proposal.path("summary").path("applied").asInt()).isZero();
        assertThat(stored(items.get(0)).assignedCsmId()).isEqualTo(world.csm.id());
        assertThat(post(REBALANCE, "", world.manager).json().path("dry_run").asBoolean()).as("the default").isTrue();
    }

    @Test
    void applying_moves_the_proposal_with_reassign_events_and_then_nothing_is_left_to_move() {
        List<WorkflowExecution> items = overloadedCsm();
        capacity(world.csm, 3);
        capacity(world.teammate, 10);

        JsonNode applied = post(REBALANCE + "?dry_run=false", "", world.admin).json();

        assertThat(applied.path("dry_run").asBoolean()).isFalse();
        assertThat(applied.path("moves").findValues("result")).hasSize(2)
                .allSatisfy(r -> assertThat(r.path("status").asInt()).isEqualTo(200));
        assertThat(applied.path("summary").path("applied").asInt()).isEqualTo(2);
        assertThat(stored(items.get(0)).assignedCsmId()).isEqualTo(world.teammate.id());
        assertThat(stored(items.get(1)).assignedCsmId()).isEqualTo(world.teammate.id());
        assertThat(stored(items.get(2)).assignedCsmId()).isEqualTo(world.csm.id());
        JsonNode events = get("/api/orchestrator/executions/" + items.get(0).id() + "/events", world.admin).json();
        assertThat(events.toString()).contains("reassign");
        JsonNode again = post(REBALANCE + "?dry_run=false", "", world.admin).json();
        assertThat(again.path("moves")).isEmpty();
        assertThat(lineOf(get("/api/orchestrator/team", world.manager).json(), world.csm.id().value()).path("load")
                .asDouble()).isEqualTo(1.0);
    }

    @Test
    void only_managers_and_admins_rebalance_and_bad_parameters_are_named() {
        assertProblem(post(REBALANCE, "", world.csm), 403);
        assertInvalid(post(REBALANCE + "?dry_run=maybe", "", world.manager), "dry_run");
        assertInvalid(post(REBALANCE + "?manager=x", "", world.manager), "manager");
        assertProblem(post(REBALANCE, "", null), 401);
    }

    @Test
    void the_settings_carry_the_pool_the_strategy_and_the_load_counting() {
        Map<String, Object> body = map("escalation_ack_target_hours", 24, "assignment_pool",
                List.of(world.teammate.id().toString(), world.csm.id().toString()), "assignment_strategy", "round_robin",
                "rebalance_load", "priority_weighted");
        ApiResponse put = exchange("PUT", "/api/orchestrator/settings", json(body), world.admin);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        JsonNode settings = get("/api/orchestrator/settings", world.admin).json();
        assertThat(settings.path("assignment_pool").get(0).asText()).isEqualTo(world.teammate.id().toString());
        assertThat(settings.path("assignment_strategy").asText()).isEqualTo("round_robin");
        assertThat(settings.path("rebalance_load").asText()).isEqualTo("priority_weighted");
        overloadedCsm();
        capacity(world.csm, 10);
        // Weighted: 300 low (1), 500 medium (2), 700 high (3), 900 critical (4), underway 600 medium (2) = 12 of 10.
        assertThat(lineOf(get("/api/orchestrator/team", world.manager).json(), world.csm.id().value()).path("load")
                .asDouble()).isEqualTo(1.2);

        body.put("assignment_pool", List.of(world.admin.id().toString(), "nope", world.csm.id().toString(),
                world.csm.id().toString()));
        body.put("assignment_strategy", "lottery");
        body.put("rebalance_load", "heavy");
        assertInvalid(exchange("PUT", "/api/orchestrator/settings", json(body), world.admin), "assignment_pool[0]",
                "assignment_pool[1]", "assignment_pool[3]", "assignment_strategy", "rebalance_load");
        assertThat(get("/api/orchestrator/settings", world.admin).json().path("assignment_strategy").asText())
                .as("left as it was").isEqualTo("round_robin");
    }

    @Test
    void a_customer_without_a_csm_gets_one_from_the_pool_with_its_first_work() {
        definition("Churn save", WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        execution(world.csm, ExecutionStatus.NOT_STARTED);
        Map<String, Object> settings = map("escalation_ack_target_hours", 24, "assignment_pool",
                List.of(world.csm.id().toString(), world.teammate.id().toString()), "assignment_strategy", "least_open");
        assertThat(exchange("PUT", "/api/orchestrator/settings", json(settings), world.admin).status()).isEqualTo(200);
        String id = UUID.randomUUID().toString();
        ApiResponse created = exchange("PUT", "/api/customers/" + id, json(map("name", "Unowned Inc")), world.admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("csm_id").isNull()).isTrue();
        assertThat(get("/api/customers/" + id, world.manager).status()).as("no CSM: not a manager's customer")
                .isEqualTo(404);

        ApiResponse signals = patch("/api/customers/" + id + "/signals", json(map("churn_risk_score", 9,
                "revenue_impact_tier", 5)), world.admin);

        assertThat(signals.status()).as(signals.toString()).isEqualTo(200);
        // The CSM has one open item, the teammate none: least_open gives it to the teammate.
        JsonNode customer = get("/api/customers/" + id, world.admin).json();
        assertThat(customer.path("csm_id").asText()).isEqualTo(world.teammate.id().toString());
        assertThat(get("/api/orchestrator/queue", world.teammate).json().toString()).contains("Unowned Inc");
    }
}
