package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/orchestrator/definitions} over real HTTP on PostgreSQL. */
class DefinitionRoutesTest extends ApiTestBase {

    private static final String DEFINITIONS = "/api/orchestrator/definitions";

    private String body(Object... overrides) {
        Map<String, Object> body = map("name", "Churn save", "workflow_type", "risk", "description", "Call them",
                "trigger_conditions", map("risk_score_min", 6));
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return json(body);
    }

    private int count() {
        return get(DEFINITIONS, world.admin).json().path("items").size();
    }

    @Test
    void anAdminCreatesADefinitionThatEveryMemberReads() {
        ApiResponse created = post(DEFINITIONS, body(), world.admin);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).contains("\"v0\"");
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).contains(DEFINITIONS + "/" + id);
        assertThat(created.json().path("priority_weight").asInt()).isEqualTo(900); // the risk tier's default
        assertThat(created.json().path("is_active").asBoolean()).isTrue();
        assertThat(created.json().path("organization_id").asText()).isEqualTo(world.org.toString());

        ApiResponse read = get(DEFINITIONS + "/" + id, world.csm);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("trigger_conditions").path("risk_score_min").asInt()).isEqualTo(6);
        assertThat(get(DEFINITIONS, world.csm).json().path("items").findValuesAsText("id")).contains(id);
    }

    @Test
    void onlyAnAdminWritesDefinitions() {
        assertProblem(post(DEFINITIONS, body(), world.csm), 403);
        assertProblem(post(DEFINITIONS, body(), world.manager), 403);
        assertThat(count()).isZero();
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndNothingIsWritten() {
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("rsk_score_min", 6)), world.admin),
                "trigger_conditions.rsk_score_min");
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("risk_score_min", 11)), world.admin),
                "trigger_conditions.risk_score_min");
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("risk_score_min", "high")), world.admin),
                "trigger_conditions.risk_score_min");
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("renewal_within_days", 0,
                "annual_review_within_days", "30")), world.admin),
                "trigger_conditions.renewal_within_days", "trigger_conditions.annual_review_within_days");
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("renewal_within_days", 366)), world.admin),
                "trigger_conditions.renewal_within_days");
        assertInvalid(post(DEFINITIONS, body("workflow_type", "urgent", "colour", "red"), world.admin),
                "workflow_type", "colour");
        assertInvalid(post(DEFINITIONS, body("priority_weight", 1e12), world.admin), "priority_weight");
        assertInvalid(post(DEFINITIONS, body("name", "Churn\u0000save"), world.admin), "name");
        assertInvalid(post(DEFINITIONS, body().replace("Call them", "Call \\ud800 them"), world.admin), "description");
        assertProblem(post(DEFINITIONS, "[" + body() + "]", world.admin), 400);
        assertProblem(post(DEFINITIONS, "{\"name\": \"a\", \"name\": \"b\"}", world.admin), 400);
        assertThat(count()).isZero();
    }

    @Test
    void aWeightChangeReScoresTheOpenExecutionsAndStaleVersionsAre412() {
        WorkflowDefinition risk = definition("Churn save", WorkflowType.RISK, 900, map("risk_score_min", 6), false);
        WorkflowExecution open = world.execution(risk, customer("Initech", world.csm), world.csm,
                ExecutionStatus.NOT_STARTED, 0, World.T0);
        String path = DEFINITIONS + "/" + risk.id();
        String etag = get(path, world.admin).header("ETag").orElseThrow();

        ApiResponse patched = exchange("PATCH", path, json(map("priority_weight", 950)), world.admin, "If-Match", etag);

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(patched.json().path("name").asText()).isEqualTo("Churn save");
        assertThat(patched.json().path("work").path("rescored").findValuesAsText("execution_id"))
                .containsExactly(open.id().toString());
        assertThat(stored(open).priorityScore()).isEqualTo(patched.json().path("work").path("rescored").get(0)
                .path("to").asInt());

        ApiResponse stale = exchange("PUT", path, body(), world.admin, "If-Match", etag);
        assertProblem(stale, 412);
        assertThat(stale.header("ETag")).isEqualTo(patched.header("ETag"));
        assertThat(get(path, world.admin).json().path("priority_weight").asInt()).isEqualTo(950);
        assertInvalid(exchange("PUT", path, body(), world.admin, "If-Match", "v1"), "If-Match");
    }

    @Test
    void deleteDeactivatesAndKeepsTheExecutions() {
        WorkflowDefinition risk = definition("Churn save", WorkflowType.RISK, 900, map("risk_score_min", 6), false);
        WorkflowExecution open = world.execution(risk, customer("Initech", world.csm), world.csm,
                ExecutionStatus.UNDERWAY, 0, World.T0);

        ApiResponse deleted = exchange("DELETE", DEFINITIONS + "/" + risk.id(), null, world.admin);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("is_active").asBoolean()).isFalse();
        assertThat(stored(open).status()).isEqualTo(ExecutionStatus.UNDERWAY);
    }

    @Test
    void anotherOrganizationsDefinitionDoesNotExist() {
        World other = new World(fixture);
        WorkflowDefinition theirs = other.definition(WorkflowType.RISK, 900, Map.of(), false);
        String path = DEFINITIONS + "/" + theirs.id();

        assertProblem(get(path, world.admin), 404);
        assertProblem(exchange("PUT", path, body(), world.admin), 404);
        assertProblem(exchange("PATCH", path, json(map("name", "mine")), world.admin), 404);
        assertProblem(exchange("DELETE", path, null, world.admin), 404);
        assertThat(get(path, other.admin).json().path("name").asText()).isEqualTo(theirs.name());
        assertInvalid(get(DEFINITIONS + "/not-a-uuid", world.admin), "id");
    }

    @Test
    void theLifecycleKeysAreStoredWhenValidAndRefusedNamingThePartWhenNot() {
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("risk_score_min", 6, "cooldown_days", 400)),
                world.admin), "trigger_conditions.cooldown_days");
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("risk_score_min", 6, "auto_close",
                map("margin", "one"))), world.admin), "trigger_conditions.auto_close.margin",
                "trigger_conditions.auto_close.after_runs");
        assertInvalid(post(DEFINITIONS, body("trigger_conditions", map("risk_score_min", 6, "wake_on_risk_increase", 0)),
                world.admin), "trigger_conditions.wake_on_risk_increase");
        assertThat(count()).isZero();

        ApiResponse created = post(DEFINITIONS, body("trigger_conditions", map("risk_score_min", 6, "cooldown_days", 90,
                "auto_close", map("margin", 1, "after_runs", 2), "wake_on_risk_increase", 3)), world.admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("trigger_conditions").path("auto_close").path("after_runs").asInt()).isEqualTo(2);
        assertThat(created.json().path("trigger_conditions").path("cooldown_days").asInt()).isEqualTo(90);
    }
}
