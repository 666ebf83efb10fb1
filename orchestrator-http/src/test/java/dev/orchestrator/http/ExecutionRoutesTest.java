package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.testing.World;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExecutionRoutesTest extends ApiTestBase {

    private static String path(WorkflowExecution e, String action) {
        return path(e.id().toString(), action);
    }

    private static String path(String id, String action) {
        return "/api/orchestrator/executions/" + id + "/" + action;
    }

    // ---- snooze ---------------------------------------------------------------------------

    @Test
    void snooze_returns_the_execution_and_its_new_priority_score() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);

        ApiResponse response = post(path(e, "snooze"), json(map("days", 2)), world.csm);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("execution").path("status").asText()).isEqualTo("snoozed");
        assertThat(body.path("execution").path("snooze_days").asInt()).isEqualTo(2);
        assertThat(body.path("execution").path("snooze_until").asText()).isEqualTo("2026-03-04T09:00:00Z");
        assertThat(body.path("execution").path("snoozed_at").asText()).isEqualTo("2026-03-02T09:00:00Z");
        int score = body.path("priority_score").asInt();
        assertThat(score).isNotEqualTo(e.priorityScore()).isEqualTo(body.path("execution").path("priority_score").asInt());
        assertThat(stored(e).priorityScore()).isEqualTo(score);
        assertThat(body.path("priority_label").asText()).isEqualTo("Critical");
        assertThat(body.path("priority_explanation").isArray()).isTrue();

        WorkflowExecution later = execution(world.csm, ExecutionStatus.NOT_STARTED);
        JsonNode far = post(path(later, "snooze"), json(map("days", 30)), world.csm).json();
        assertThat(far.path("priority_score").asInt()).isLessThan(400);
        assertThat(far.path("priority_label").asText()).isEqualTo("Low");
    }

    @Test
    void snooze_days_must_be_a_whole_number_from_1_to_90() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertInvalid(post(path(e, "snooze"), json(map("days", 0)), world.csm), "days");
        assertInvalid(post(path(e, "snooze"), json(map("days", 91)), world.csm), "days");
        assertInvalid(post(path(e, "snooze"), json(map("days", "3")), world.csm), "days");
        assertInvalid(post(path(e, "snooze"), "{\"days\": 2.5}", world.csm), "days");
        assertInvalid(post(path(e, "snooze"), "{\"days\": 99999999999}", world.csm), "days");
        assertInvalid(post(path(e, "snooze"), "{}", world.csm), "days");
        assertInvalid(post(path(e, "snooze"), "{\"days\": null}", world.csm), "days");
        assertThat(stored(e).status()).isEqualTo(ExecutionStatus.NOT_STARTED);
    }

    // ---- skip -----------------------------------------------------------------------------

    @Test
    void skip_keeps_the_trimmed_reason() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.UNDERWAY);
        ApiResponse response = post(path(e, "skip"), json(map("reason", "  customer churned  ")), world.csm);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("execution").path("status").asText()).isEqualTo("skipped");
        assertThat(response.json().path("execution").path("skip_reason").asText()).isEqualTo("customer churned");
        assertThat(response.json().path("execution").path("skipped_at").asText()).isEqualTo("2026-03-02T09:00:00Z");
    }

    @Test
    void skip_needs_a_reason_of_1_to_500_characters_after_trimming() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertInvalid(post(path(e, "skip"), "{}", world.csm), "reason");
        assertInvalid(post(path(e, "skip"), json(map("reason", "   ")), world.csm), "reason");
        assertInvalid(post(path(e, "skip"), json(map("reason", "x".repeat(501))), world.csm), "reason");
        assertInvalid(post(path(e, "skip"), json(map("reason", 5)), world.csm), "reason");
        assertThat(post(path(e, "skip"), json(map("reason", "  " + "x".repeat(500) + "  ")), world.csm).status())
                .isEqualTo(200);
    }

    // ---- escalate -------------------------------------------------------------------------

    @Test
    void escalate_adds_the_escalation_user_and_keeps_the_assigned_csm() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        ApiResponse response = post(path(e, "escalate"),
                json(map("escalation_user_id", world.manager.id().toString())), world.csm);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("execution").path("escalation_user_id").asText()).isEqualTo(world.manager.id().toString());
        assertThat(response.json().path("execution").path("assigned_csm_id").asText()).isEqualTo(world.csm.id().toString());
        assertThat(response.json().path("execution").path("status").asText()).isEqualTo("not_started");
    }

    @Test
    void escalating_to_an_unknown_foreign_or_assigned_profile_is_400() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        World other = new World(fixture);
        assertInvalid(post(path(e, "escalate"), json(map("escalation_user_id", UUID.randomUUID().toString())), world.csm),
                "escalation_user_id");
        assertInvalid(post(path(e, "escalate"), json(map("escalation_user_id", other.manager.id().toString())), world.csm),
                "escalation_user_id");
        assertInvalid(post(path(e, "escalate"), json(map("escalation_user_id", world.csm.id().toString())), world.csm),
                "escalation_user_id");
        assertInvalid(post(path(e, "escalate"), json(map("escalation_user_id", "boss")), world.csm), "escalation_user_id");
        assertInvalid(post(path(e, "escalate"), "{}", world.csm), "escalation_user_id");
    }

    // ---- PATCH status ---------------------------------------------------------------------

    @Test
    void status_moves_along_the_lifecycle() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        JsonNode started = patch(path(e, "status"), json(map("status", "underway")), world.csm).json();
        assertThat(started.path("execution").path("status").asText()).isEqualTo("underway");
        assertThat(started.path("execution").path("started_at").asText()).isEqualTo("2026-03-02T09:00:00Z");

        clock.advance(Duration.ofHours(1));
        JsonNode completed = patch(path(e, "status"), json(map("status", "completed")), world.csm).json();
        assertThat(completed.path("execution").path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("execution").path("completed_at").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(completed.path("execution").path("version").asLong()).isEqualTo(e.version() + 2);
    }

    @Test
    void status_snoozed_needs_days_and_not_started_wakes_a_snoozed_execution() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.UNDERWAY);
        assertInvalid(patch(path(e, "status"), json(map("status", "snoozed")), world.csm), "days");
        ApiResponse snoozed = patch(path(e, "status"), json(map("status", "snoozed", "days", 5)), world.csm);
        assertThat(snoozed.json().path("execution").path("snooze_days").asInt()).isEqualTo(5);

        ApiResponse resnoozed = patch(path(e, "status"), json(map("status", "snoozed", "days", 7)), world.csm);
        assertThat(resnoozed.json().path("execution").path("snooze_days").asInt()).isEqualTo(7);

        ApiResponse woken = patch(path(e, "status"), json(map("status", "not_started")), world.csm);
        assertThat(woken.status()).as(woken.toString()).isEqualTo(200);
        assertThat(woken.json().path("execution").path("status").asText()).isEqualTo("not_started");
        assertThat(woken.json().path("execution").path("snooze_until").isNull()).isTrue();
    }

    @Test
    void status_skipped_needs_a_reason() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertInvalid(patch(path(e, "status"), json(map("status", "skipped")), world.csm), "reason");
        ApiResponse skipped = patch(path(e, "status"), json(map("status", "skipped", "reason", "duplicate")), world.csm);
        assertThat(skipped.json().path("execution").path("skip_reason").asText()).isEqualTo("duplicate");
    }

    @Test
    void status_must_be_a_known_status_and_the_body_known_fields() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertInvalid(patch(path(e, "status"), json(map("status", "done")), world.csm), "status");
        assertInvalid(patch(path(e, "status"), "{}", world.csm), "status");
        assertInvalid(patch(path(e, "status"), json(map("status", "underway", "assigned_csm_id", world.teammate.id().toString())),
                world.csm), "assigned_csm_id");
        assertInvalid(patch(path(e, "status"), json(map("status", "underway", "execution_data", List.of(1))), world.csm),
                "execution_data");
        assertInvalid(patch(path(e, "status"), json(map("status", "snoozed", "days", "two")), world.csm), "days");
        assertThat(stored(e).status()).isEqualTo(ExecutionStatus.NOT_STARTED);
        assertThat(stored(e).assignedCsmId()).isEqualTo(world.csm.id());
    }

    @Test
    void a_lifecycle_rejection_is_409_naming_the_current_status() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        ApiResponse response = patch(path(e, "status"), json(map("status", "completed")), world.csm);
        assertProblem(response, 409);
        assertThat(response.json().path("current_status").asText()).isEqualTo("not_started");
        assertThat(response.json().path("attempted_action").asText()).isEqualTo("complete");

        WorkflowExecution done = execution(world.csm, ExecutionStatus.COMPLETED);
        ApiResponse again = post(path(done, "snooze"), json(map("days", 3)), world.csm);
        assertProblem(again, 409);
        assertThat(again.json().path("current_status").asText()).isEqualTo("completed");
        assertProblem(patch(path(done, "status"), json(map("status", "underway")), world.csm), 409);
        assertProblem(patch(path(done, "status"), json(map("status", "completed", "execution_data", map("a", 1))), world.csm), 409);
    }

    @Test
    void execution_data_is_merged_as_a_json_merge_patch() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        patch(path(e, "status"), json(map("status", "underway",
                "execution_data", map("step", 1, "answers", map("q1", "yes", "q2", "no"), "notes", "first"))), world.csm);

        ApiResponse saved = patch(path(e, "status"), json(map("status", "underway",
                "execution_data", map("step", 2, "answers", map("q2", null, "q3", "maybe"), "notes", null,
                        "artifacts", List.of("plan.pdf")))), world.csm);

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode data = saved.json().path("execution").path("execution_data");
        assertThat(data).isEqualTo(Json.MAPPER.valueToTree(map("step", 2, "answers", map("q1", "yes", "q3", "maybe"),
                "artifacts", List.of("plan.pdf"))));
        assertThat(saved.json().path("execution").path("status").asText()).isEqualTo("underway");
        assertThat(stored(e).executionData()).isEqualTo(JsonObject.of(map("step", 2,
                "answers", map("q1", "yes", "q3", "maybe"), "artifacts", List.of("plan.pdf"))));
    }

    // ---- visibility -----------------------------------------------------------------------

    private List<ApiResponse> everyRoute(WorkflowExecution e, Profile as) {
        return List.of(
                post(path(e, "snooze"), json(map("days", 3)), as),
                post(path(e, "skip"), json(map("reason", "no")), as),
                post(path(e, "escalate"), json(map("escalation_user_id", world.admin.id().toString())), as),
                patch(path(e, "status"), json(map("status", "underway")), as));
    }

    @Test
    void an_invisible_execution_is_404_on_every_route_for_an_outsider_and_a_teammate() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        everyRoute(e, world.outsider).forEach(r -> assertProblem(r, 404));
        everyRoute(e, world.teammate).forEach(r -> assertProblem(r, 404));
        assertThat(stored(e)).isEqualTo(e);
    }

    @Test
    void an_execution_of_another_organization_is_404_on_every_route_even_for_its_admin_namesake() {
        World other = new World(fixture);
        WorkflowExecution foreign = execution(other, other.csm, ExecutionStatus.NOT_STARTED);
        everyRoute(foreign, world.admin).forEach(r -> assertProblem(r, 404));
        everyRoute(foreign, world.csm).forEach(r -> assertProblem(r, 404));
        assertThat(stored(foreign)).isEqualTo(foreign);
    }

    @Test
    void an_unknown_execution_is_404_and_a_malformed_id_400() {
        assertProblem(post(path(UUID.randomUUID().toString(), "snooze"), json(map("days", 3)), world.csm), 404);
        assertInvalid(post(path("not-a-uuid", "snooze"), json(map("days", 3)), world.csm), "id");
        assertInvalid(patch(path("123", "status"), json(map("status", "underway")), world.csm), "id");
    }

    @Test
    void the_manager_and_an_admin_may_act_on_a_reports_execution() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertThat(patch(path(e, "status"), json(map("status", "underway")), world.manager).status()).isEqualTo(200);
        assertThat(patch(path(e, "status"), json(map("status", "completed")), world.admin).status()).isEqualTo(200);
    }

    // ---- malformed bodies -----------------------------------------------------------------

    @Test
    void malformed_json_wrong_types_and_unknown_fields_are_400() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertProblem(post(path(e, "snooze"), "{days: 3}", world.csm), 400);
        assertProblem(post(path(e, "snooze"), "{\"days\": 3} trailing", world.csm), 400);
        assertProblem(post(path(e, "snooze"), "{\"days\": 3, \"days\": 4}", world.csm), 400);
        assertProblem(post(path(e, "snooze"), "3", world.csm), 400);
        assertInvalid(post(path(e, "snooze"), json(map("days", 3, "status", "completed")), world.csm), "status");
        assertInvalid(post(path(e, "skip"), json(map("reason", "r", "skipped_at", "2020-01-01T00:00:00Z")), world.csm),
                "skipped_at");
        assertInvalid(post(path(e, "escalate"), json(map("escalation_user_id", world.manager.id().toString(),
                "assigned_csm_id", world.manager.id().toString())), world.csm), "assigned_csm_id");
        assertThat(stored(e)).isEqualTo(e);
    }

    @Test
    void a_body_over_64_kib_is_413() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.UNDERWAY);
        String big = json(map("status", "underway", "execution_data", map("blob", "x".repeat(70 * 1024))));
        assertProblem(patch(path(e, "status"), big, world.csm), 413);

        HttpRequest chunked = request(path(e, "status"), world.csm).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build();
        assertProblem(send(chunked), 413);
        assertThat(stored(e).executionData()).isEqualTo(JsonObject.EMPTY);

        String justUnder = json(map("status", "underway", "execution_data", map("blob", "x".repeat(60 * 1024))));
        assertThat(patch(path(e, "status"), justUnder, world.csm).status()).isEqualTo(200);
    }

    // ---- concurrency ----------------------------------------------------------------------

    @Test
    void two_concurrent_completions_of_one_execution_give_one_200_and_one_409() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                WorkflowExecution e = execution(world.csm, ExecutionStatus.UNDERWAY);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ApiResponse>> calls = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return patch(path(e, "status"), json(map("status", "completed")), world.csm);
                    }));
                }
                go.countDown();
                List<ApiResponse> responses = new ArrayList<>();
                for (Future<ApiResponse> call : calls) {
                    responses.add(call.get());
                }
                assertThat(responses).extracting(ApiResponse::status).containsExactlyInAnyOrder(200, 409);
                ApiResponse loser = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                assertProblem(loser, 409);
                assertThat(loser.json().path("current_status").asText()).isEqualTo("completed");
                assertThat(fixture.eventsOf(world.org, e.id()))
                        .filteredOn(ev -> ev.to() == ExecutionStatus.COMPLETED).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

}
