package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueRoutesTest extends ApiTestBase {

    private static final String QUEUE = "/api/orchestrator/queue";

    @Test
    void the_queue_is_in_priority_order_with_the_full_item_shape() {
        Customer customer = customer("Obsidian Black", world.csm);
        WorkflowDefinition risk = definition("Executive Engagement", WorkflowType.RISK, 900,
                Map.of("workflow_id", "risk-flow"), false);
        WorkflowDefinition strategic = definition("Strategic plan", WorkflowType.STRATEGIC, 700, Map.of(), false);
        WorkflowExecution low = world.execution(strategic, customer, world.csm, ExecutionStatus.NOT_STARTED, 725, World.T0);
        WorkflowExecution high = world.execution(risk, customer, world.csm, ExecutionStatus.UNDERWAY, 965, World.T0);
        // A teammate's work on another customer never shows in this CSM's queue.
        world.execution(strategic, customer("Other customer", world.teammate), world.teammate,
                ExecutionStatus.NOT_STARTED, 999, World.T0);

        ApiResponse response = get(QUEUE, world.csm);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode items = response.json();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("id").asText()).isEqualTo(high.id().toString());
        assertThat(items.get(1).path("id").asText()).isEqualTo(low.id().toString());
        JsonNode top = items.get(0);
        assertThat(top.fieldNames()).toIterable().containsExactly("id", "organization_id", "workflow_definition_id",
                "customer_id", "assigned_csm_id", "escalation_user_id", "status", "snooze_until", "snooze_days",
                "snoozed_at", "priority_score", "started_at", "completed_at", "skipped_at", "skip_reason", "due_at",
                "execution_data", "is_demo", "version", "created_at", "updated_at", "priority_label",
                "priority_explanation", "priority_policy_version", "score_change", "workflow_definition", "customer");
        assertThat(top.path("status").asText()).isEqualTo("underway");
        assertThat(top.path("organization_id").asText()).isEqualTo(world.org.toString());
        assertThat(top.path("started_at").asText()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(top.path("priority_score").asInt()).isEqualTo(965);
        assertThat(top.path("priority_label").asText()).isIn("Critical", "High", "Medium", "Low");
        assertThat(top.path("priority_explanation").isArray()).isTrue();
        assertThat(top.path("priority_explanation").get(0).has("rule")).isTrue();
        assertThat(top.path("priority_explanation").get(0).has("points")).isTrue();
        assertThat(top.path("priority_explanation").get(0).has("detail")).isTrue();
        assertThat(top.path("workflow_definition").path("name").asText()).isEqualTo("Executive Engagement");
        assertThat(top.path("workflow_definition").path("workflow_type").asText()).isEqualTo("risk");
        assertThat(top.path("workflow_definition").path("priority_weight").asInt()).isEqualTo(900);
        assertThat(top.path("workflow_definition").path("trigger_conditions").path("workflow_id").asText()).isEqualTo("risk-flow");
        assertThat(top.path("customer").path("name").asText()).isEqualTo("Obsidian Black");
        assertThat(top.path("customer").path("id").asText()).isEqualTo(customer.id().toString());
        assertThat(top.path("is_demo").asBoolean()).isFalse();
        assertThat(top.path("due_at").isNull()).as("work no date trigger created has no due date").isTrue();
    }

    @Test
    void limit_cuts_the_queue_and_defaults_to_ten() {
        Customer customer = customer("Many", world.csm);
        for (int i = 0; i < 12; i++) {
            WorkflowDefinition d = definition("d" + i, WorkflowType.CUSTOM, 500, Map.of(), false);
            world.execution(d, customer, world.csm, ExecutionStatus.NOT_STARTED, 500 + i, World.T0);
        }
        assertThat(get(QUEUE, world.csm).json()).hasSize(10);
        assertThat(get(QUEUE + "?limit=3", world.csm).json()).hasSize(3);
        assertThat(get(QUEUE + "?limit=100", world.csm).json()).hasSize(12);
    }

    @Test
    void bad_query_parameters_are_400_naming_the_parameter() {
        assertInvalid(get(QUEUE + "?limit=abc", world.csm), "limit");
        assertInvalid(get(QUEUE + "?limit=0", world.csm), "limit");
        assertInvalid(get(QUEUE + "?limit=101", world.csm), "limit");
        assertInvalid(get(QUEUE + "?limit=1.5", world.csm), "limit");
        assertInvalid(get(QUEUE + "?demo=yes", world.csm), "demo");
        assertInvalid(get(QUEUE + "?demo=", world.csm), "demo");
        assertInvalid(get(QUEUE + "?csm_id=42", world.csm), "csm_id");
        assertInvalid(get(QUEUE + "?limit=1&limit=2", world.csm), "limit");
        assertInvalid(get(QUEUE + "?status=snoozed", world.csm), "status");
    }

    @Test
    void a_manager_and_an_admin_may_read_a_reports_queue() {
        execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertThat(get(QUEUE + "?csm_id=" + world.csm.id(), world.manager).json()).hasSize(1);
        assertThat(get(QUEUE + "?csm_id=" + world.csm.id(), world.admin).json()).hasSize(1);
        assertThat(get(QUEUE + "?csm_id=" + world.csm.id(), world.csm).json()).hasSize(1);
    }

    @Test
    void a_csm_may_not_read_someone_elses_queue() {
        assertProblem(get(QUEUE + "?csm_id=" + world.teammate.id(), world.csm), 403);
        assertProblem(get(QUEUE + "?csm_id=" + world.csm.id(), world.outsider), 403);
        World other = new World(fixture);
        assertProblem(get(QUEUE + "?csm_id=" + other.csm.id(), world.admin), 403);
    }

    @Test
    void demo_mode_shows_only_demo_executions() {
        execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertThat(get(QUEUE + "?demo=true", world.csm).json()).isEmpty();
        assertThat(get(QUEUE + "?demo=false", world.csm).json()).hasSize(1);
        assertThat(List.of(get(QUEUE, world.csm).json().get(0).path("is_demo").asBoolean())).containsExactly(false);
    }
}
