package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workflow dependencies over real HTTP on PostgreSQL: depends_on on definitions, blocked work, release. */
class DependencyRoutesTest extends ApiTestBase {

    private static final String DEFINITIONS = "/api/orchestrator/definitions";

    private WorkflowDefinition strategic;
    private WorkflowDefinition expansion;
    private Customer customer;

    private void givenAnExpansionThatWaitsForTheStrategicReview() {
        strategic = definition("Strategic review", WorkflowType.STRATEGIC, 700, Map.of(), false);
        expansion = world.dependent(WorkflowType.OPPORTUNITY, 800, Map.of(), List.of(Dependency.on(strategic.id())));
        customer = customer("Globex", world.csm);
    }

    @Test
    void aDefinitionIsCreatedWithDependenciesAndACycleIs400NamingIt() {
        givenAnExpansionThatWaitsForTheStrategicReview();
        ApiResponse created = post(DEFINITIONS, json(map("name", "Executive sponsor", "workflow_type", "custom",
                "depends_on", List.of(strategic.id().toString(), map("definition_id", expansion.id().toString(),
                        "completed_within_days", 90, "while_open", "wait")))), world.admin);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode dependsOn = created.json().path("depends_on");
        assertThat(dependsOn).hasSize(2);
        assertThat(dependsOn.get(0).path("definition_id").asText()).isEqualTo(strategic.id().toString());
        assertThat(dependsOn.get(0).path("completed_within_days").isNull()).isTrue();
        assertThat(dependsOn.get(0).path("while_open").asText()).isEqualTo("create");
        assertThat(dependsOn.get(1).path("completed_within_days").asInt()).isEqualTo(90);
        assertThat(dependsOn.get(1).path("while_open").asText()).isEqualTo("wait");
        String id = created.json().path("id").asText();
        assertThat(get(DEFINITIONS + "/" + id, world.csm).json().path("depends_on")).isEqualTo(dependsOn);

        ApiResponse cycle = patch(DEFINITIONS + "/" + strategic.id(), json(map("depends_on", List.of(id))), world.admin);
        assertInvalid(cycle, "depends_on");
        assertThat(cycle.json().path("errors").get(0).path("message").asText()).isEqualTo("would make a cycle: "
                + "Strategic review → Executive sponsor → Strategic review");
        assertThat(get(DEFINITIONS + "/" + strategic.id(), world.admin).json().path("depends_on")).isEmpty();

        World other = new World(fixture);
        WorkflowDefinition foreign = other.definition(WorkflowType.RISK, 900, Map.of(), false);
        assertInvalid(post(DEFINITIONS, json(map("name", "X", "workflow_type", "custom",
                "depends_on", List.of(strategic.id().toString(), foreign.id().toString()))), world.admin),
                "depends_on[1].definition_id");
        assertInvalid(post(DEFINITIONS, json(map("name", "X", "workflow_type", "custom",
                "depends_on", List.of("not-a-uuid", map("definition_id", strategic.id().toString(), "when", "later")))),
                world.admin), "depends_on[0].definition_id", "depends_on[1].when");
    }

    @Test
    void blockedWorkIsNotOfferedAndStartingItIs409NamingThePrerequisiteUntilItIsDone() {
        givenAnExpansionThatWaitsForTheStrategicReview();
        WorkflowExecution review = world.execution(strategic, customer, world.csm, ExecutionStatus.UNDERWAY, 700,
                World.T0.minus(Duration.ofDays(1)));
        WorkflowExecution upsell = world.execution(expansion, customer, world.csm, ExecutionStatus.NOT_STARTED, 990,
                World.T0.minus(Duration.ofDays(1)));
        String upsellPath = "/api/orchestrator/executions/" + upsell.id();

        List<String> queue = new java.util.ArrayList<>();
        get("/api/orchestrator/queue", world.csm).json().forEach(item -> queue.add(item.path("id").asText()));
        assertThat(queue).containsExactly(review.id().toString());
        assertThat(get("/api/dashboard/today-workflows", world.csm).json().path("execution_id").asText())
                .isEqualTo(review.id().toString());
        JsonNode blockedBy = get(upsellPath, world.csm).json().path("blocked_by");
        assertThat(blockedBy).hasSize(1);
        assertThat(blockedBy.get(0).path("prerequisite_id").asText()).isEqualTo(strategic.id().toString());
        assertThat(blockedBy.get(0).path("prerequisite_name").asText()).isEqualTo("Strategic review");
        assertThat(blockedBy.get(0).path("blocking_execution_id").asText()).isEqualTo(review.id().toString());
        assertThat(blockedBy.get(0).path("reason").asText()).isEqualTo("open");

        ApiResponse start = patch(upsellPath + "/status", json(map("status", "underway")), world.csm);
        assertProblem(start, 409);
        assertThat(start.json().path("type").asText()).endsWith("blocked");
        assertThat(start.json().path("blocked_by")).isEqualTo(blockedBy);
        assertThat(start.json().path("detail").asText()).contains("Strategic review", strategic.id().toString(),
                review.id().toString());
        assertThat(stored(upsell).status()).isEqualTo(ExecutionStatus.NOT_STARTED);

        ApiResponse done = patch("/api/orchestrator/executions/" + review.id() + "/status",
                json(map("status", "completed")), world.csm);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);

        assertThat(get(upsellPath, world.csm).json().path("blocked_by")).isEmpty();
        assertThat(get(upsellPath + "/events", world.csm).json().path("items").findValuesAsText("action"))
                .containsExactly("unblocked"); // the fixture's rows have no create event
        assertThat(get("/api/dashboard/today-workflows", world.csm).json().path("execution_id").asText())
                .isEqualTo(upsell.id().toString());
        assertThat(patch(upsellPath + "/status", json(map("status", "underway")), world.csm).status()).isEqualTo(200);
    }
}
