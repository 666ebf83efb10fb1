package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.testing.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/orchestrator/executions/bulk} over HTTP on PostgreSQL: each per-item status, who may
 * act on what, validation once up front (the cap, duplicates, ids or filter, unknown action, params as
 * the single route reads them), the filter selecting what the list lists, and a race with a single call.
 */
class BulkRoutesTest extends ApiTestBase {

    private static final String BULK = "/api/orchestrator/executions/bulk";

    private ApiResponse bulk(Map<String, Object> body, dev.orchestrator.core.domain.access.Profile as) {
        return post(BULK, json(body), as);
    }

    private static List<String> ids(WorkflowExecution... executions) {
        List<String> ids = new ArrayList<>();
        for (WorkflowExecution e : executions) {
            ids.add(e.id().toString());
        }
        return ids;
    }

    private static Map<String, Integer> statuses(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        for (JsonNode result : response.json().path("results")) {
            statuses.put(result.path("id").asText(), result.path("status").asInt());
        }
        return statuses;
    }

    @Test
    void each_item_is_answered_with_the_status_a_single_call_would_have_had() {
        WorkflowExecution open = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution done = execution(world.csm, ExecutionStatus.COMPLETED);
        WorkflowExecution others = execution(world.outsider, ExecutionStatus.NOT_STARTED);
        World other = new World(fixture);
        WorkflowExecution elsewhere = execution(other, other.csm, ExecutionStatus.NOT_STARTED);
        String unknown = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>(ids(open, done, others, elsewhere));
        ids.add(unknown);

        ApiResponse response = bulk(map("action", "snooze", "ids", ids, "params", map("days", 3)), world.csm);

        assertThat(statuses(response)).containsExactly(Map.entry(open.id().toString(), 200),
                Map.entry(done.id().toString(), 409), Map.entry(others.id().toString(), 404),
                Map.entry(elsewhere.id().toString(), 404), Map.entry(unknown, 404));
        assertThat(response.json().path("summary").path("ok").asInt()).isEqualTo(1);
        assertThat(response.json().path("summary").path("failed").asInt()).isEqualTo(4);
        JsonNode rejected = response.json().path("results").get(1).path("error");
        assertThat(rejected.path("status").asInt()).isEqualTo(409);
        assertThat(rejected.path("current_status").asText()).isEqualTo("completed");
        assertThat(response.json().path("results").get(0).has("error")).isFalse();
        assertThat(stored(open).status()).isEqualTo(ExecutionStatus.SNOOZED);
        assertThat(stored(open).snoozeDays()).isEqualTo(3);
        assertThat(stored(others).status()).isEqualTo(ExecutionStatus.NOT_STARTED);
        assertThat(fixture.storedExecution(other.org, elsewhere.id()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.NOT_STARTED);
        assertThat(fixture.eventsOf(world.org, open.id())).extracting(e -> e.action().wireName()).contains("snooze");
    }

    @Test
    void an_item_the_action_is_invalid_for_is_a_400_of_its_own() {
        WorkflowExecution mine = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution teammates = execution(world.teammate, ExecutionStatus.NOT_STARTED);

        ApiResponse response = bulk(map("action", "escalate", "ids", ids(mine, teammates),
                "params", map("escalation_user_id", world.teammate.id().toString())), world.manager);

        assertThat(statuses(response)).containsExactly(Map.entry(mine.id().toString(), 200),
                Map.entry(teammates.id().toString(), 400));
        assertThat(response.json().path("results").get(1).path("error").path("errors").findValuesAsText("field"))
                .containsExactly("escalation_user_id");
        assertThat(stored(mine).escalationUserId()).isEqualTo(world.teammate.id());
    }

    @Test
    void a_manager_acts_on_the_team_and_a_csm_on_their_own() {
        WorkflowExecution mine = execution(world.csm, ExecutionStatus.UNDERWAY);
        WorkflowExecution teammates = execution(world.teammate, ExecutionStatus.NOT_STARTED);
        WorkflowExecution outsiders = execution(world.outsider, ExecutionStatus.NOT_STARTED);
        Map<String, Object> skip = map("action", "skip", "ids", ids(mine, teammates, outsiders),
                "params", map("reason", "covered by the QBR"));

        assertThat(statuses(bulk(map("action", "start", "ids", ids(teammates)), world.csm)))
                .containsExactly(Map.entry(teammates.id().toString(), 404));
        assertThat(statuses(bulk(skip, world.manager))).containsExactly(Map.entry(mine.id().toString(), 200),
                Map.entry(teammates.id().toString(), 200), Map.entry(outsiders.id().toString(), 404));
        assertThat(stored(mine).skipReason()).isEqualTo("covered by the QBR");
        assertThat(statuses(bulk(map("action", "start", "ids", ids(outsiders)), world.admin)))
                .containsExactly(Map.entry(outsiders.id().toString(), 200));
        assertThat(stored(outsiders).status()).isEqualTo(ExecutionStatus.UNDERWAY);
    }

    @Test
    void duplicates_are_answered_once_and_the_cap_is_a_thousand() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        String id = e.id().toString();

        ApiResponse once = bulk(map("action", "start", "ids", List.of(id, id, id)), world.csm);

        assertThat(once.json().path("results")).hasSize(1);
        assertThat(statuses(once)).containsExactly(Map.entry(id, 200));
        assertThat(fixture.eventsOf(world.org, e.id())).filteredOn(ev -> ev.action().wireName().equals("start"))
                .hasSize(1);
        List<String> thousandAndOne = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            thousandAndOne.add(UUID.randomUUID().toString());
        }
        ApiResponse tooMany = bulk(map("action", "start", "ids", thousandAndOne), world.csm);
        assertInvalid(tooMany, "ids");
        assertThat(tooMany.json().path("errors").get(0).path("message").asText()).contains("1000");
        assertThat(statuses(bulk(map("action", "start", "ids", thousandAndOne.subList(0, 1000)), world.csm)))
                .hasSize(1000).containsOnlyKeys(thousandAndOne.subList(0, 1000)).doesNotContainValue(200);
    }

    @Test
    void the_request_is_validated_once_and_every_bad_field_is_named() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        List<String> one = ids(e);

        assertInvalid(bulk(map("action", "snooze", "ids", one, "params", map("days", 0)), world.csm), "params.days");
        assertInvalid(bulk(map("action", "snooze", "ids", one, "params", map("days", 91)), world.csm), "params.days");
        assertInvalid(bulk(map("action", "snooze", "ids", one), world.csm), "params.days");
        assertInvalid(bulk(map("action", "snooze", "ids", one, "params", map("days", 2, "hours", 1)), world.csm),
                "params.hours");
        assertInvalid(bulk(map("action", "skip", "ids", one, "params", map("reason", " ")), world.csm),
                "params.reason");
        assertInvalid(bulk(map("action", "escalate", "ids", one, "params",
                map("escalation_user_id", new World(fixture).manager.id().toString())), world.csm),
                "params.escalation_user_id");
        ApiResponse unknownAction = bulk(map("action", "archive", "ids", one), world.csm);
        assertInvalid(unknownAction, "action");
        assertThat(unknownAction.json().path("detail").asText()).contains("archive");
        assertInvalid(bulk(map("action", "start"), world.csm), "ids");
        assertInvalid(bulk(map("action", "start", "ids", one, "filter", map()), world.csm), "ids");
        assertInvalid(bulk(map("action", "start", "ids", List.of()), world.csm), "ids");
        assertInvalid(bulk(map("action", "start", "ids", List.of("x", e.id().toString(), 3)), world.csm),
                "ids[0]", "ids[2]");
        assertInvalid(bulk(map("action", "start", "filter", map("label", "urgent", "sttus", "x")), world.csm),
                "filter.sttus");
        assertInvalid(bulk(map("action", "start", "filter", map("label", "urgent", "due_within_days", -1)), world.csm),
                "filter.label", "filter.due_within_days");
        assertInvalid(bulk(map("action", "start", "filter", map("cursor", "abc")), world.csm), "filter.cursor");
        assertInvalid(bulk(map("ids", one), world.csm), "action");
        assertThat(stored(e)).as("nothing written").isEqualTo(e);
    }

    @Test
    void a_filter_acts_on_what_the_list_lists() {
        WorkflowExecution a = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution b = execution(world.csm, ExecutionStatus.NOT_STARTED);
        execution(world.csm, ExecutionStatus.UNDERWAY);
        execution(world.teammate, ExecutionStatus.NOT_STARTED);
        Map<String, Object> filter = map("status", List.of("not_started"), "csm_id", world.csm.id().toString());
        List<String> listed = new ArrayList<>();
        get("/api/orchestrator/executions?status=not_started&csm_id=" + world.csm.id(), world.manager).json()
                .path("items").forEach(item -> listed.add(item.path("id").asText()));

        ApiResponse response = bulk(map("action", "snooze", "filter", filter, "params", map("days", 7)), world.manager);

        assertThat(listed).containsExactlyInAnyOrder(a.id().toString(), b.id().toString());
        assertThat(statuses(response).keySet()).containsExactlyElementsOf(listed);
        assertThat(statuses(response).values()).containsOnly(200);
        assertThat(stored(a).status()).isEqualTo(ExecutionStatus.SNOOZED);
        ApiResponse none = bulk(map("action", "start", "filter", map("status", "not_started")), world.outsider);
        assertThat(none.json().path("results")).isEmpty();
    }

    @Test
    void a_filter_selecting_more_than_a_thousand_is_refused_before_anything_is_written() {
        var definition = definition("Many", dev.orchestrator.core.domain.workflow.WorkflowType.CUSTOM, 500,
                Map.of(), false);
        for (int i = 0; i < 1001; i++) {
            world.execution(definition, world.customer(world.teammate, null), world.teammate,
                    ExecutionStatus.NOT_STARTED, 500, World.T0);
        }

        ApiResponse response = bulk(map("action", "start", "filter", map("csm_id", world.teammate.id().toString())),
                world.manager);

        assertInvalid(response, "filter");
        assertThat(fixture.storedExecutions(world.org)).extracting(WorkflowExecution::status)
                .containsOnly(ExecutionStatus.NOT_STARTED);
    }

    @Test
    void a_bulk_snooze_racing_a_single_complete_lets_exactly_one_win() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                WorkflowExecution e = execution(world.csm, ExecutionStatus.UNDERWAY);
                CountDownLatch go = new CountDownLatch(1);
                Future<ApiResponse> bulk = pool.submit(() -> {
                    go.await();
                    return bulk(map("action", "snooze", "ids", ids(e), "params", map("days", 2)), world.csm);
                });
                Future<ApiResponse> single = pool.submit(() -> {
                    go.await();
                    return patch("/api/orchestrator/executions/" + e.id() + "/status",
                            json(map("status", "completed")), world.csm);
                });
                go.countDown();
                int bulkStatus = statuses(bulk.get()).get(e.id().toString());
                int singleStatus = single.get().status();
                assertThat(List.of(bulkStatus, singleStatus)).as("round %d", round).containsExactlyInAnyOrder(200, 409);
                ExecutionStatus winner = bulkStatus == 200 ? ExecutionStatus.SNOOZED : ExecutionStatus.COMPLETED;
                assertThat(stored(e).status()).isEqualTo(winner);
                assertThat(fixture.eventsOf(world.org, e.id())).filteredOn(ev -> ev.from() == ExecutionStatus.UNDERWAY)
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void what_the_items_read_is_read_once_and_only_the_writes_are_per_item() {
        WorkflowDefinition renewal = world.definition(dev.orchestrator.core.domain.workflow.WorkflowType.RENEWAL, 600,
                Map.of(), false);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(world.execution(renewal, world.customer(world.teammate, World.signals(3, 2, 50)), world.teammate,
                    ExecutionStatus.NOT_STARTED, 600, World.T0).id().toString());
        }
        for (Map<String, Object> body : List.of(map("action", "start", "ids", ids),
                map("action", "snooze", "ids", ids, "params", map("days", 2)),
                map("action", "skip", "ids", ids, "params", map("reason", "covered by the QBR")))) {
            int before = statements().size();

            assertThat(statuses(bulk(body, world.manager)).values()).as("%s", body.get("action")).containsOnly(200);

            Map<String, Long> bySender = new java.util.TreeMap<>();
            statements().subList(before, statements().size()).forEach(r -> bySender.merge(r.sender(), 1L, Long::sum));
            // Per item: its customer's marker locks, the guarded write, its event (the organization has no
            // dependency: no release of dependents, no refresh of the stored blocked markers); the reads
            // (the executions, the caller, profiles, policy, dependencies) once per call.
            assertThat(bySender).as("%s: statements by sender", body.get("action"))
                    // the guarded UPDATE with the event's INSERT, one statement
                    .containsEntry("JooqExecutionWriter#saveTransition", (long) ids.size())
                    .containsEntry("MarkerLocks#lock", (long) ids.size())
                    .doesNotContainKeys("BlockedMarker#refresh", "JooqDependencyBlocks#releaseWhere");
            long reads = bySender.entrySet().stream().filter(e -> !e.getKey().startsWith("JooqExecutionWriter#")
                    && !e.getKey().startsWith("JooqDependencyBlocks#release")
                    && !e.getKey().startsWith("BlockedMarker#")
                    && !e.getKey().startsWith("MarkerLocks#")).mapToLong(Map.Entry::getValue).sum();
            assertThat(reads).as("%s: statements other than the writes, %s", body.get("action"), bySender)
                    .isLessThanOrEqualTo(6);
        }
    }
}
