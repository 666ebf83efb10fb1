package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.testing.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The escalation loop and the organization's settings over real HTTP on PostgreSQL. */
class EscalationRoutesTest extends ApiTestBase {

    private static final String SETTINGS = "/api/orchestrator/settings";

    private static String path(WorkflowExecution e, String action) {
        return "/api/orchestrator/executions/" + e.id() + "/" + action;
    }

    private WorkflowExecution escalatedTo(Profile person) {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.UNDERWAY);
        ApiResponse escalated = post(path(e, "escalate"), json(map("escalation_user_id", person.id().toString())),
                world.csm);
        assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);
        return e;
    }

    private JsonNode escalationOf(WorkflowExecution e, Profile as) {
        ApiResponse detail = get("/api/orchestrator/executions/" + e.id(), as);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        return detail.json().path("escalation");
    }

    /** The items' own ids (not their customers', definitions' or people's). */
    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private List<String> actions(WorkflowExecution e) {
        return get("/api/orchestrator/executions/" + e.id() + "/events", world.csm).json().path("items")
                .findValuesAsText("action");
    }

    @Test
    void escalatedWorkIsOpenThenAcknowledgedThenResolvedWithWhoAndWhenAndEachStepIsAnEvent() {
        WorkflowExecution e = escalatedTo(world.manager);
        JsonNode open = escalationOf(e, world.csm);
        assertThat(open.path("state").asText()).isEqualTo("open");
        assertThat(open.path("to").path("id").asText()).isEqualTo(world.manager.id().toString());
        assertThat(open.path("to").path("name").asText()).isEqualTo("manager");
        assertThat(open.path("by").asText()).isEqualTo(world.csm.id().toString());
        assertThat(open.path("at").asText()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(open.path("ack_due_at").asText()).isEqualTo("2026-03-03T09:00:00Z");
        assertThat(open.path("breached").asBoolean()).isFalse();

        clock.advance(Duration.ofHours(2));
        ApiResponse acknowledged = post(path(e, "escalation/acknowledge"), json(map("note", " looking ")), world.manager);
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        JsonNode ack = escalationOf(e, world.manager);
        assertThat(ack.path("state").asText()).isEqualTo("acknowledged");
        assertThat(ack.path("acknowledged_by").asText()).isEqualTo(world.manager.id().toString());
        assertThat(ack.path("acknowledged_at").asText()).isEqualTo("2026-03-02T11:00:00Z");
        assertThat(ack.path("note").asText()).isEqualTo("looking");

        clock.advance(Duration.ofHours(1));
        ApiResponse resolved = post(path(e, "escalation/resolve"), "", world.manager);
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        JsonNode done = escalationOf(e, world.csm);
        assertThat(done.path("state").asText()).isEqualTo("resolved");
        assertThat(done.path("resolved_at").asText()).isEqualTo("2026-03-02T12:00:00Z");
        assertThat(done.path("resolved_by").asText()).isEqualTo(world.manager.id().toString());

        assertThat(actions(e)).containsSubsequence("escalate", "acknowledge", "resolve");
        JsonNode events = get("/api/orchestrator/executions/" + e.id() + "/events", world.csm).json().path("items");
        JsonNode ackEvent = events.get(events.size() - 2);
        assertThat(ackEvent.path("note").asText()).isEqualTo("looking");
        assertThat(ackEvent.path("actor").path("id").asText()).isEqualTo(world.manager.id().toString());
        assertThat(ackEvent.path("escalation_user").path("id").asText()).isEqualTo(world.manager.id().toString());
        assertThat(stored(e).assignedCsmId()).isEqualTo(world.csm.id());
        assertThat(stored(e).status()).isEqualTo(ExecutionStatus.UNDERWAY);
    }

    @Test
    void escalatedToMeListsOpenAndAcknowledgedEscalationsButNotResolvedOnes() {
        WorkflowExecution open = escalatedTo(world.manager);
        WorkflowExecution acknowledged = escalatedTo(world.manager);
        WorkflowExecution resolved = escalatedTo(world.manager);
        post(path(acknowledged, "escalation/acknowledge"), "", world.manager);
        post(path(resolved, "escalation/resolve"), "", world.manager);

        JsonNode items = get("/api/orchestrator/executions?escalated_to=me", world.manager).json().path("items");
        assertThat(ids(items)).containsExactlyInAnyOrder(open.id().toString(),
                acknowledged.id().toString());
        for (JsonNode item : items) {
            assertThat(item.path("escalation").path("state").asText()).isIn("open", "acknowledged");
        }
        // the owner's own list carries the escalation too
        JsonNode own = get("/api/orchestrator/executions?csm_id=" + world.csm.id(), world.csm).json().path("items");
        assertThat(own.findValuesAsText("state")).contains("resolved");
    }

    @Test
    void escalatingToSomeoneElseReopensItForTheNewPersonWithAnEvent() {
        WorkflowExecution e = escalatedTo(world.teammate);
        post(path(e, "escalation/acknowledge"), "", world.teammate);

        Profile director = world.profile(Role.MANAGER, null, "director");
        clock.advance(Duration.ofHours(3));
        assertThat(post(path(e, "escalate"), json(map("escalation_user_id", director.id().toString())), world.csm)
                .status()).isEqualTo(200);

        JsonNode reopened = escalationOf(e, director);
        assertThat(reopened.path("state").asText()).isEqualTo("open");
        assertThat(reopened.path("to").path("id").asText()).isEqualTo(director.id().toString());
        assertThat(reopened.path("acknowledged_at").isNull()).isTrue();
        assertThat(reopened.path("at").asText()).isEqualTo("2026-03-02T12:00:00Z");
        assertThat(actions(e)).containsSubsequence("escalate", "acknowledge", "escalate");
        assertThat(get("/api/orchestrator/executions?escalated_to=me", world.teammate).json().path("items").size())
                .isZero();
        assertThat(ids(get("/api/orchestrator/executions?escalated_to=me", director).json().path("items")))
                .containsExactly(e.id().toString());
        // the former person no longer sees it: not theirs to answer any more
        assertProblem(post(path(e, "escalation/acknowledge"), "", world.teammate), 404);
        assertThat(stored(e).assignedCsmId()).isEqualTo(world.csm.id());
    }

    @Test
    void onlyThePersonEscalatedToOrAnAdminAnswersIt() {
        WorkflowExecution e = escalatedTo(world.teammate);
        // the assigned CSM and their manager see it but may not answer: 403
        assertProblem(post(path(e, "escalation/acknowledge"), "", world.csm), 403);
        assertProblem(post(path(e, "escalation/resolve"), "", world.manager), 403);
        // someone who cannot see it, and another organization's admin: 404
        assertProblem(post(path(e, "escalation/acknowledge"), "", world.outsider), 404);
        assertProblem(post(path(e, "escalation/acknowledge"), "", new World(fixture).admin), 404);
        assertThat(escalationOf(e, world.csm).path("state").asText()).isEqualTo("open");
        // an admin may
        assertThat(post(path(e, "escalation/acknowledge"), "", world.admin).status()).isEqualTo(200);
        assertThat(escalationOf(e, world.csm).path("acknowledged_by").asText()).isEqualTo(world.admin.id().toString());
    }

    @Test
    void acknowledgingTwiceOrSomethingNotEscalatedOrResolvingTwiceIsA409WithTheReason() {
        WorkflowExecution plain = execution(world.csm, ExecutionStatus.NOT_STARTED);
        ApiResponse notEscalated = post(path(plain, "escalation/acknowledge"), "", world.admin);
        assertProblem(notEscalated, 409);
        assertThat(notEscalated.json().path("detail").asText()).contains("not escalated");
        assertThat(notEscalated.json().path("escalation_state").isNull()).isTrue();
        assertProblem(post(path(plain, "escalation/acknowledge"), "", world.csm), 403);

        WorkflowExecution e = escalatedTo(world.manager);
        assertThat(post(path(e, "escalation/acknowledge"), "", world.manager).status()).isEqualTo(200);
        ApiResponse twice = post(path(e, "escalation/acknowledge"), "", world.manager);
        assertProblem(twice, 409);
        assertThat(twice.json().path("escalation_state").asText()).isEqualTo("acknowledged");
        assertThat(twice.json().path("attempted_action").asText()).isEqualTo("acknowledge");

        assertThat(post(path(e, "escalation/resolve"), "", world.manager).status()).isEqualTo(200);
        ApiResponse resolvedTwice = post(path(e, "escalation/resolve"), "", world.manager);
        assertProblem(resolvedTwice, 409);
        assertThat(resolvedTwice.json().path("escalation_state").asText()).isEqualTo("resolved");
        ApiResponse ackAfterResolve = post(path(e, "escalation/acknowledge"), "", world.manager);
        assertThat(ackAfterResolve.json().path("escalation_state").asText()).isEqualTo("resolved");

        // resolving straight from open is allowed
        WorkflowExecution direct = escalatedTo(world.manager);
        assertThat(post(path(direct, "escalation/resolve"), json(map("note", "handled on the call")), world.manager)
                .status()).isEqualTo(200);
        assertThat(escalationOf(direct, world.csm).path("acknowledged_at").isNull()).isTrue();
    }

    @Test
    void aBadNoteIsA400NamingItAndChangesNothing() {
        WorkflowExecution e = escalatedTo(world.manager);
        assertInvalid(post(path(e, "escalation/acknowledge"), json(map("note", "x".repeat(501))), world.manager), "note");
        assertInvalid(post(path(e, "escalation/acknowledge"), json(map("note", "  ")), world.manager), "note");
        assertInvalid(post(path(e, "escalation/acknowledge"), json(map("note", 3)), world.manager), "note");
        assertInvalid(post(path(e, "escalation/acknowledge"), "{\"note\":\"a\\u0000\"}", world.manager), "note");
        assertInvalid(post(path(e, "escalation/acknowledge"), "{\"note\":\"\\udc00\"}", world.manager), "note");
        assertInvalid(post(path(e, "escalation/resolve"), json(map("notes", "x")), world.manager), "notes");
        assertInvalid(get("/api/orchestrator/executions?escalated_to=you", world.manager), "escalated_to");
        assertThat(escalationOf(e, world.csm).path("state").asText()).isEqualTo("open");
    }

    @Test
    void theAcknowledgementTargetIsTheOrganizationsAndFlagsBreaches() {
        assertThat(get(SETTINGS, world.admin).json().path("escalation_ack_target_hours").asInt()).isEqualTo(24);
        assertProblem(get(SETTINGS, world.manager), 403);
        assertProblem(exchange("PUT", SETTINGS, json(map("escalation_ack_target_hours", 2)), world.csm), 403);
        assertInvalid(exchange("PUT", SETTINGS, json(map("escalation_ack_target_hours", 0)), world.admin),
                "escalation_ack_target_hours");
        assertInvalid(exchange("PUT", SETTINGS, json(map("escalation_ack_target_hours", 721)), world.admin),
                "escalation_ack_target_hours");
        assertInvalid(exchange("PUT", SETTINGS, json(map("escalation_ack_target_hours", 2.5)), world.admin),
                "escalation_ack_target_hours");
        assertInvalid(exchange("PUT", SETTINGS, json(map("escalation_ack_target_hours", "2")), world.admin),
                "escalation_ack_target_hours");
        assertInvalid(exchange("PUT", SETTINGS, "{}", world.admin), "escalation_ack_target_hours");
        assertInvalid(exchange("PUT", SETTINGS, json(map("escalation_ack_target_hours", 2, "x", 1)), world.admin), "x");
        assertInvalid(get(SETTINGS + "?x=1", world.admin), "x");
        assertThat(get(SETTINGS, world.admin).json().path("escalation_ack_target_hours").asInt()).isEqualTo(24);

        ApiResponse set = exchange("PUT", SETTINGS, json(map("escalation_ack_target_hours", 2)), world.admin);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("escalation_ack_target_hours").asInt()).isEqualTo(2);
        // another organization keeps its own
        assertThat(get(SETTINGS, new World(fixture).admin).json().path("escalation_ack_target_hours").asInt())
                .isEqualTo(24);

        WorkflowExecution late = escalatedTo(world.manager);
        WorkflowExecution onTime = escalatedTo(world.manager);
        clock.advance(Duration.ofHours(1));
        post(path(onTime, "escalation/acknowledge"), "", world.manager);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        JsonNode breached = escalationOf(late, world.manager);
        assertThat(breached.path("ack_due_at").asText()).isEqualTo("2026-03-02T11:00:00Z");
        assertThat(breached.path("breached").asBoolean()).isTrue();
        assertThat(escalationOf(onTime, world.manager).path("breached").asBoolean()).isFalse();
        JsonNode listed = get("/api/orchestrator/executions?escalated_to=me", world.manager).json().path("items");
        assertThat(listed.findValuesAsText("breached")).containsExactlyInAnyOrder("true", "false");
    }

    @Test
    void twoConcurrentAcknowledgementsGiveOne200AndOne409() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                WorkflowExecution e = escalatedTo(world.manager);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ApiResponse>> calls = new ArrayList<>();
                for (Profile who : List.of(world.manager, world.admin)) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return post(path(e, "escalation/acknowledge"), "", who);
                    }));
                }
                go.countDown();
                List<ApiResponse> responses = new ArrayList<>();
                for (Future<ApiResponse> call : calls) {
                    responses.add(call.get());
                }
                assertThat(responses).extracting(ApiResponse::status).containsExactlyInAnyOrder(200, 409);
                assertThat(fixture.eventsOf(world.org, e.id()))
                        .filteredOn(ev -> ev.action() == Action.ACKNOWLEDGE).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
