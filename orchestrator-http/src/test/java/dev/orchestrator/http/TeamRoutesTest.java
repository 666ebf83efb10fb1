package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.testing.World;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/orchestrator/team} over HTTP on PostgreSQL: who sees which team, and the counts. */
class TeamRoutesTest extends ApiTestBase {

    private static final String TEAM = "/api/orchestrator/team";

    private JsonNode lineOf(JsonNode team, UUID csm) {
        for (JsonNode line : team.path("csms")) {
            if (line.path("csm").path("id").asText().equals(csm.toString())) {
                return line;
            }
        }
        throw new AssertionError("no line of " + csm + " in " + team);
    }

    @Test
    void a_manager_sees_each_report_with_their_counts() {
        execution(world.csm, ExecutionStatus.UNDERWAY);
        WorkflowExecution snoozed = execution(world.csm, ExecutionStatus.SNOOZED);
        execution(world.csm, ExecutionStatus.COMPLETED);
        execution(world.teammate, ExecutionStatus.SKIPPED);
        execution(world.outsider, ExecutionStatus.NOT_STARTED);
        // Escalated 5 hours ago, through the lifecycle route: the wait counts from the escalation.
        WorkflowExecution escalated = execution(world.csm, ExecutionStatus.NOT_STARTED);
        clock.set(World.T0.minus(Duration.ofHours(5)));
        assertThat(post("/api/orchestrator/executions/" + escalated.id() + "/escalate",
                json(map("escalation_user_id", world.manager.id().toString())), world.csm).status()).isEqualTo(200);
        clock.set(World.T0);

        ApiResponse response = get(TEAM, world.manager);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode team = response.json();
        assertThat(team.path("as_of").asText()).isEqualTo(World.T0.toString());
        assertThat(team.path("csms").findValuesAsText("name")).containsExactlyInAnyOrder("csm", "teammate");
        JsonNode csm = lineOf(team, world.csm.id().value());
        assertThat(csm.path("open").asLong()).isEqualTo(3);
        assertThat(csm.path("open_by_label").path("High").asLong()
                + csm.path("open_by_label").path("Medium").asLong()
                + csm.path("open_by_label").path("Critical").asLong()
                + csm.path("open_by_label").path("Low").asLong()).isEqualTo(3);
        assertThat(csm.path("underway").asLong()).isEqualTo(1);
        // The fixture snoozes for 5 days from T0 - 1 day: back in 4 days, beyond the 3-day horizon.
        assertThat(csm.path("resurfacing_3d").asLong()).as("snoozed until %s", snoozed.snoozeUntil()).isZero();
        assertThat(csm.path("escalations_open").asLong()).isEqualTo(1);
        assertThat(csm.path("oldest_escalation_wait_hours").asLong()).isEqualTo(5);
        assertThat(team.path("escalation_ack_target_hours").asLong()).isEqualTo(24);
        assertThat(csm.path("escalation_breached").asBoolean()).as("5 h of a 24 h target").isFalse();
        assertThat(csm.path("completed_7d").asLong()).isEqualTo(1);
        assertThat(csm.path("completed_30d").asLong()).isEqualTo(1);
        JsonNode teammate = lineOf(team, world.teammate.id().value());
        assertThat(teammate.path("skipped_7d").asLong()).isEqualTo(1);
        assertThat(teammate.path("oldest_escalation_wait_hours").isNull()).isTrue();
        assertThat(teammate.path("open").asLong()).isZero();

        clock.set(World.T0.plus(Duration.ofDays(2)));
        JsonNode later = lineOf(get(TEAM, world.manager).json(), world.csm.id().value());
        assertThat(later.path("resurfacing_3d").asLong()).as("back within 3 days now").isEqualTo(1);
        assertThat(later.path("oldest_escalation_wait_hours").asLong()).isEqualTo(53);
        assertThat(later.path("escalation_breached").asBoolean()).as("53 h of a 24 h target").isTrue();
        // Acknowledged, it no longer waits: the line has no open escalation any more.
        assertThat(post("/api/orchestrator/executions/" + escalated.id() + "/escalation/acknowledge", "{}", world.manager)
                .status()).isEqualTo(200);
        JsonNode acknowledged = lineOf(get(TEAM, world.manager).json(), world.csm.id().value());
        assertThat(acknowledged.path("escalations_open").asLong()).isZero();
        assertThat(acknowledged.path("oldest_escalation_wait_hours").isNull()).isTrue();
        assertThat(acknowledged.path("escalation_breached").asBoolean()).isFalse();
        clock.set(World.T0.plus(Duration.ofDays(8)));
        JsonNode week = lineOf(get(TEAM, world.manager).json(), world.csm.id().value());
        assertThat(week.path("completed_7d").asLong()).isZero();
        assertThat(week.path("completed_30d").asLong()).isEqualTo(1);
    }

    @Test
    void an_admin_sees_every_csm_of_the_organization_and_no_other() {
        World other = new World(fixture);
        execution(other, other.csm, ExecutionStatus.UNDERWAY);
        execution(world.outsider, ExecutionStatus.UNDERWAY);

        JsonNode team = get(TEAM, world.admin).json();

        assertThat(team.path("csms").findValuesAsText("name")).containsExactlyInAnyOrder("csm", "outsider", "teammate");
        assertThat(lineOf(team, world.outsider.id().value()).path("underway").asLong()).isEqualTo(1);
        assertThat(get(TEAM, other.admin).json().path("csms").findValuesAsText("name"))
                .containsExactlyInAnyOrder("csm", "outsider", "teammate");
        assertThat(lineOf(get(TEAM, other.admin).json(), other.csm.id().value()).path("underway").asLong()).isEqualTo(1);
    }

    @Test
    void csm_id_narrows_to_one_member_and_anyone_else_is_not_found() {
        execution(world.teammate, ExecutionStatus.UNDERWAY);

        JsonNode one = get(TEAM + "?csm_id=" + world.teammate.id(), world.manager).json();

        assertThat(one.path("csms")).hasSize(1);
        assertThat(one.path("csms").get(0).path("underway").asLong()).isEqualTo(1);
        assertProblem(get(TEAM + "?csm_id=" + world.outsider.id(), world.manager), 404);
        assertProblem(get(TEAM + "?csm_id=" + new World(fixture).csm.id(), world.admin), 404);
    }

    @Test
    void a_csm_has_no_team_and_bad_parameters_are_named() {
        assertProblem(get(TEAM, world.csm), 403);
        assertInvalid(get(TEAM + "?csm_id=nope", world.manager), "csm_id");
        assertInvalid(get(TEAM + "?manager=x", world.manager), "manager");
        assertProblem(get(TEAM, null), 401);
    }

    @Test
    void an_escalation_without_an_event_waits_since_the_execution_was_created() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.UNDERWAY);
        fixture.ports().writer().saveTransition(stored(e).change().escalationUserId(world.manager.id()).at(World.T0),
                ExecutionStatus.UNDERWAY, stored(e).version(), new ExecutionEvent(e.id(), world.org, world.csm.id(),
                        Action.UPDATE_DATA, ExecutionStatus.UNDERWAY, ExecutionStatus.UNDERWAY, null, null, null,
                        World.T0));

        JsonNode line = lineOf(get(TEAM, world.manager).json(), world.csm.id().value());

        assertThat(line.path("escalations_open").asLong()).isEqualTo(1);
        assertThat(line.path("oldest_escalation_wait_hours").asLong()).as("created a day before T0").isEqualTo(24);
        assertThat(List.of(line.path("open").asLong())).containsExactly(1L);
    }
}
