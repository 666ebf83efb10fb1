package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.testing.World;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Template steps end to end over real HTTP on PostgreSQL: an admin writes a definition with steps, a
 * signal write creates its execution with the steps whose condition holds, the CSM ticks them through
 * the status PATCH, and completing waits for the required ones.
 */
class TemplateStepRoutesTest extends ApiTestBase {

    private static final String DEFINITIONS = "/api/orchestrator/definitions";

    private static Map<String, Object> steps(Object... steps) {
        return map("steps", List.of(steps));
    }

    private String definition(List<Object> steps) {
        return json(map("name", "Adoption rescue", "workflow_type", "risk", "trigger_conditions",
                map("risk_score_min", 0), "steps", steps));
    }

    private static final List<Object> TEMPLATE = List.of(
            map("key", "call", "title", "Call the champion", "due_offset_days", 2),
            map("key", "training", "title", "Run a training session", "when",
                    map("signals", List.of(map("field", "usage_score", "comparison", "less_than", "threshold", 40)))),
            map("key", "sponsor", "title", "Meet the executive sponsor", "when",
                    map("signals", List.of(map("field", "health_score", "comparison", "at_most", "threshold", 20)))),
            map("key", "survey", "title", "Send the satisfaction survey", "optional", true));

    @Test
    void aDefinitionsStepsAreCheckedNamingThePathAndReadBackCanonically() {
        assertInvalid(post(DEFINITIONS, definition(List.of(
                map("key", "call", "title", "Call"),
                map("key", "call", "title", "Again", "when", map("risk_score_min", 11)),
                map("key", "x", "title", "X", "when", map("signals", List.of(map("field", "mood", "comparison", "below",
                        "threshold", 1)))))), world.admin),
                "steps[1].key", "steps[1].when.risk_score_min", "steps[2].when.signals[0].field",
                "steps[2].when.signals[0].comparison");
        assertInvalid(post(DEFINITIONS, definition(List.of(map("key", "a", "title", "A"), map("key", "a", "title", "B"))),
                world.admin), "steps[1].key");
        assertInvalid(post(DEFINITIONS, json(map("name", "n", "workflow_type", "risk", "steps", "call them")), world.admin),
                "steps");
        assertThat(get(DEFINITIONS, world.admin).json().path("items").size()).isZero();

        ApiResponse created = post(DEFINITIONS, definition(TEMPLATE), world.admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode steps = get(DEFINITIONS + "/" + created.json().path("id").asText(), world.csm).json().path("steps");
        assertThat(steps.findValuesAsText("key")).containsExactly("call", "training", "sponsor", "survey");
        assertThat(steps.get(1).path("when").path("signals").get(0).path("comparison").asText()).isEqualTo("less_than");
        assertThat(steps.get(3).path("optional").asBoolean()).isTrue();

        // A merge patch of another field keeps the steps.
        String id = created.json().path("id").asText();
        ApiResponse renamed = exchange("PATCH", DEFINITIONS + "/" + id, json(map("name", "Adoption rescue v2")), world.admin);
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("steps").findValuesAsText("key")).containsExactly("call", "training", "sponsor", "survey");
    }

    @Test
    void aCsmTicksTheInstantiatedStepsAndCompletesOnlyWhenTheRequiredOnesAreDone() {
        Profile crm = world.profile(Role.INTEGRATION, null, "crm");
        Customer customer = new Customer(CustomerId.of(world.nextUuid()), world.org, "Initech", world.csm.id());
        fixture.givenCustomer(customer, World.signals(2, 3, 90));
        assertThat(post(DEFINITIONS, definition(TEMPLATE), world.admin).status()).isEqualTo(201);

        ApiResponse signalled = exchange("PATCH", "/api/customers/" + customer.id() + "/signals",
                json(map("usage_score", 35)), crm);
        assertThat(signalled.status()).as(signalled.toString()).isEqualTo(200);
        WorkflowExecution execution = fixture.storedExecutions(world.org).stream()
                .filter(e -> e.customerId().equals(customer.id())).findFirst().orElseThrow();
        String path = "/api/orchestrator/executions/" + execution.id();

        JsonNode steps = get(path, world.csm).json().path("execution_data").path("steps");
        assertThat(steps.findValuesAsText("key")).containsExactly("call", "training", "survey");
        assertThat(steps.get(0).path("due_at").asText()).isEqualTo(
                World.T0.atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(2) + "T00:00:00Z");
        assertThat(steps.get(0).path("done").asBoolean()).isFalse();
        assertThat(steps.get(1).path("selected_by").path("usage_score").asInt()).isEqualTo(35);
        assertThat(steps.get(2).path("optional").asBoolean()).isTrue();

        assertThat(patch(path + "/status", json(map("status", "underway")), world.csm).status()).isEqualTo(200);
        assertInvalid(patch(path + "/status", json(map("status", "underway", "execution_data",
                steps(map("key", "sponsor", "done", true)))), world.csm), "execution_data.steps[0].key");
        assertInvalid(patch(path + "/status", json(map("status", "underway", "execution_data",
                steps(map("key", "call", "done", "yes")))), world.csm), "execution_data.steps[0].done");

        ApiResponse early = patch(path + "/status", json(map("status", "completed", "execution_data",
                steps(map("key", "call", "done", true)))), world.csm);
        assertProblem(early, 409);
        assertThat(early.json().path("type").asText()).endsWith("steps-open");
        assertThat(early.json().path("open_steps").findValuesAsText("key")).containsExactly("training");
        // A refused completion writes nothing, not even the tick it carried.
        assertThat(stored(execution).status()).isEqualTo(ExecutionStatus.UNDERWAY);
        assertThat(get(path, world.csm).json().path("execution_data").path("steps").get(0).path("done").asBoolean())
                .isFalse();

        ApiResponse ticked = patch(path + "/status", json(map("status", "underway", "execution_data",
                steps(map("key", "call", "done", true), map("key", "training", "done", true)))), world.csm);
        assertThat(ticked.status()).as(ticked.toString()).isEqualTo(200);
        ApiResponse completed = patch(path + "/status", json(map("status", "completed")), world.csm);
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(stored(execution).status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(stored(execution).executionData().values().get("steps").toString())
                .contains("key=survey", "done=false");
    }
}
