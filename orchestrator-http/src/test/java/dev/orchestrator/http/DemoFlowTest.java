package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's demo, as the dashboard walks it: strategic, then expansion, then executive engagement, then nothing. */
class DemoFlowTest extends ApiTestBase {

    private static final String TODAY = "/api/dashboard/today-workflows";

    @Test
    void the_dashboard_walks_the_demo_sequence_to_the_end() {
        demoDefinitions();
        Customer obsidian = customer("Obsidian Black", world.csm);
        assertThat(get(TODAY + "?demo=true", world.csm).status()).isEqualTo(204);

        ApiResponse init = post("/api/orchestrator/demo/initialize", json(map("customer_id", obsidian.id().toString())),
                world.csm);
        assertThat(init.status()).as(init.toString()).isEqualTo(201);

        List<String> titles = new ArrayList<>();
        List<String> workflowIds = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            ApiResponse today = get(TODAY + "?demo=true", world.csm);
            assertThat(today.status()).as(today.toString()).isEqualTo(200);
            JsonNode workflow = today.json();
            titles.add(workflow.path("title").asText());
            workflowIds.add(workflow.path("workflow_id").asText());
            assertThat(workflow.path("execution_id").asText()).isEqualTo(init.json().path("execution_ids").get(step).asText());
            assertThat(workflow.path("customer").path("name").asText()).isEqualTo("Obsidian Black");
            assertThat(workflow.path("priority").asText()).isIn("Critical", "High", "Medium", "Low");
            assertThat(workflow.path("priority_score").isInt()).isTrue();

            String execution = "/api/orchestrator/executions/" + workflow.path("execution_id").asText() + "/status";
            assertThat(patch(execution, json(map("status", "underway")), world.csm).status()).isEqualTo(200);
            assertThat(patch(execution, json(map("status", "completed", "execution_data", map("done", true))), world.csm)
                    .status()).isEqualTo(200);

            JsonNode progress = get("/api/orchestrator/demo/status", world.csm).json();
            assertThat(progress.path("completed").asInt()).isEqualTo(step + 1);
        }

        assertThat(titles).containsExactly("Complete Strategic Account Plan", "Expansion Opportunity", "Executive Engagement");
        assertThat(workflowIds).containsExactly("obsblk-strategic-planning", "obsblk-expansion-opportunity",
                "obsblk-executive-engagement");
        assertThat(get(TODAY + "?demo=true", world.csm).status()).isEqualTo(204);
        JsonNode done = get("/api/orchestrator/demo/status", world.csm).json();
        assertThat(done.path("total").asInt()).isEqualTo(3);
        assertThat(done.path("current").isNull()).isTrue();
    }

    @Test
    void production_mode_shows_the_top_of_the_real_queue_and_ignores_demo_work() {
        demoDefinitions();
        Customer obsidian = customer("Obsidian Black", world.csm);
        post("/api/orchestrator/demo/initialize", json(map("customer_id", obsidian.id().toString())), world.csm);
        assertThat(get(TODAY, world.csm).status()).isEqualTo(204);
        assertThat(get(TODAY + "?demo=false", world.csm).status()).isEqualTo(204);

        WorkflowExecution real = execution(world.csm, ExecutionStatus.NOT_STARTED);
        ApiResponse today = get(TODAY, world.csm);
        assertThat(today.status()).isEqualTo(200);
        assertThat(today.json().path("execution_id").asText()).isEqualTo(real.id().toString());
        assertThat(today.json().path("workflow_type").asText()).isEqualTo("renewal");
        assertThat(today.json().path("workflow_id").isNull()).isTrue();
    }

    @Test
    void a_bad_demo_flag_is_400() {
        assertInvalid(get(TODAY + "?demo=1", world.csm), "demo");
    }
}
