package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.testing.World;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/orchestrator/executions/{id}/reassign} and the bulk {@code reassign}: managers on
 * their team's work and admins, to a CSM or manager of the organization, with a {@code reassign} event.
 */
class ReassignRoutesTest extends ApiTestBase {

    private String path(WorkflowExecution e) {
        return "/api/orchestrator/executions/" + e.id() + "/reassign";
    }

    private String to(dev.orchestrator.core.domain.access.Profile csm) {
        return json(map("csm_id", csm.id().toString()));
    }

    @Test
    void a_manager_hands_a_reports_work_to_another_with_an_event_naming_both() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.SNOOZED);

        ApiResponse response = post(path(e), to(world.teammate), world.manager);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("execution").path("assigned_csm_id").asText())
                .isEqualTo(world.teammate.id().toString());
        assertThat(stored(e).assignedCsmId()).isEqualTo(world.teammate.id());
        assertThat(stored(e).status()).isEqualTo(ExecutionStatus.SNOOZED);
        ExecutionEvent event = fixture.eventsOf(world.org, e.id()).get(0);
        assertThat(event).extracting(ExecutionEvent::action, ExecutionEvent::actor, ExecutionEvent::fromCsmId,
                ExecutionEvent::toCsmId).containsExactly(Action.REASSIGN, world.manager.id(), world.csm.id(),
                world.teammate.id());
        assertThat(get("/api/orchestrator/executions/" + e.id() + "/events", world.teammate).json().path("items")
                .get(0).path("action").asText()).isEqualTo("reassign");
    }

    @Test
    void only_managers_on_their_team_and_admins_may_and_only_to_someone_of_the_organization() {
        WorkflowExecution mine = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution outsiders = execution(world.outsider, ExecutionStatus.NOT_STARTED);
        // The manager is the outsider's escalation user: they see it, but it is not their team's.
        assertThat(post("/api/orchestrator/executions/" + outsiders.id() + "/escalate",
                json(map("escalation_user_id", world.manager.id().toString())), world.outsider).status()).isEqualTo(200);

        assertProblem(post(path(mine), to(world.teammate), world.csm), 403);
        assertProblem(post(path(outsiders), to(world.csm), world.manager), 403);
        assertProblem(post(path(outsiders), to(world.csm), world.teammate), 404);
        assertInvalid(post(path(mine), to(world.admin), world.manager), "csm_id");
        assertInvalid(post(path(mine), to(new World(fixture).csm), world.manager), "csm_id");
        assertInvalid(post(path(mine), to(world.csm), world.manager), "csm_id");
        assertInvalid(post(path(mine), json(map("csm_id", "x")), world.manager), "csm_id");
        assertInvalid(post(path(mine), json(map()), world.manager), "csm_id");
        assertThat(stored(mine).assignedCsmId()).isEqualTo(world.csm.id());
        assertThat(post(path(outsiders), to(world.csm), world.admin).status()).isEqualTo(200);
        WorkflowExecution done = execution(world.csm, ExecutionStatus.COMPLETED);
        assertProblem(post(path(done), to(world.teammate), world.admin), 409);
    }

    @Test
    void in_bulk_the_same_rule_applies_to_each_item_and_csms_are_refused_once() {
        WorkflowExecution mine = execution(world.csm, ExecutionStatus.UNDERWAY);
        WorkflowExecution outsiders = execution(world.outsider, ExecutionStatus.UNDERWAY);
        String bulk = "/api/orchestrator/executions/bulk";
        List<String> ids = List.of(mine.id().toString(), outsiders.id().toString());

        ApiResponse response = post(bulk, json(map("action", "reassign", "ids", ids,
                "params", map("csm_id", world.teammate.id().toString()))), world.manager);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> answered = new java.util.ArrayList<>();
        List<Integer> statuses = new java.util.ArrayList<>();
        response.json().path("results").forEach(r -> {
            answered.add(r.path("id").asText());
            statuses.add(r.path("status").asInt());
        });
        assertThat(answered).containsExactlyElementsOf(ids);
        assertThat(statuses).containsExactly(200, 404);
        assertThat(stored(mine).assignedCsmId()).isEqualTo(world.teammate.id());
        assertProblem(post(bulk, json(map("action", "reassign", "ids", ids,
                "params", map("csm_id", world.teammate.id().toString()))), world.csm), 403);
        assertInvalid(post(bulk, json(map("action", "reassign", "ids", ids,
                "params", map("csm_id", world.admin.id().toString()))), world.admin), "params.csm_id");
        assertInvalid(post(bulk, json(map("action", "reassign", "ids", ids)), world.admin), "params.csm_id");
        assertThat(Map.of("outsider", stored(outsiders).assignedCsmId())).containsEntry("outsider", world.outsider.id());
    }
}
