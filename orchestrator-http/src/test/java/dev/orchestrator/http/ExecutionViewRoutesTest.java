package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The work views over HTTP on PostgreSQL: one execution, its timeline, and the filtered, paged list. */
class ExecutionViewRoutesTest extends ApiTestBase {

    private static final String EXECUTIONS = "/api/orchestrator/executions";

    private static String one(WorkflowExecution e) {
        return EXECUTIONS + "/" + e.id();
    }

    // ---- one execution -------------------------------------------------------------------------

    @Test
    void one_execution_carries_its_definition_customer_due_date_escalation_and_the_queues_explanation() {
        Customer customer = customer("Obsidian Black", world.csm);
        WorkflowDefinition renewal = definition("Renewal prep", WorkflowType.RENEWAL, 600, Map.of(), false);
        WorkflowExecution e = world.execution(renewal, customer, world.csm, ExecutionStatus.NOT_STARTED, 625, World.T0);
        fixture.givenDueAt(world.org, e.id(), Instant.parse("2026-04-01T00:00:00Z"));
        clock.set(World.T0.plus(Duration.ofHours(1)));
        assertThat(post(one(e) + "/escalate", json(map("escalation_user_id", world.manager.id().toString())),
                world.csm).status()).isEqualTo(200);

        ApiResponse response = get(one(e), world.csm);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("id").asText()).isEqualTo(e.id().toString());
        assertThat(json.path("workflow_definition").path("name").asText()).isEqualTo("Renewal prep");
        assertThat(json.path("customer").path("name").asText()).isEqualTo("Obsidian Black");
        assertThat(json.path("due_at").asText()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(json.path("assigned_csm").path("name").asText()).isEqualTo(world.csm.fullName());
        assertThat(json.path("escalation_user").path("id").asText()).isEqualTo(world.manager.id().toString());
        assertThat(json.path("escalation_user").path("name").asText()).isEqualTo(world.manager.fullName());
        assertThat(json.path("escalated_at").asText()).isEqualTo("2026-03-02T10:00:00Z");
        // The same explained priority the queue shows for it: one evaluation, not a second copy.
        JsonNode queued = get("/api/orchestrator/queue", world.csm).json().get(0);
        assertThat(queued.path("id").asText()).isEqualTo(e.id().toString());
        assertThat(json.path("priority_explanation")).isEqualTo(queued.path("priority_explanation"));
        assertThat(json.path("priority_label")).isEqualTo(queued.path("priority_label"));
        assertThat(json.path("priority_score")).isEqualTo(queued.path("priority_score"));
    }

    @Test
    void one_execution_and_its_events_are_visible_as_transitions_are_and_404_outside() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        Profile escalatedTo = world.profile(Role.CSM, null, "helper");
        post(one(e) + "/escalate", json(map("escalation_user_id", escalatedTo.id().toString())), world.csm);
        World other = new World(fixture);
        for (Profile allowed : List.of(world.csm, world.manager, world.admin, escalatedTo)) {
            assertThat(get(one(e), allowed).status()).as("%s", allowed.fullName()).isEqualTo(200);
            assertThat(get(one(e) + "/events", allowed).status()).as("%s", allowed.fullName()).isEqualTo(200);
        }
        for (Profile refused : List.of(world.teammate, world.outsider, other.admin, other.csm)) {
            assertProblem(get(one(e), refused), 404);
            assertProblem(get(one(e) + "/events", refused), 404);
        }
        String unknown = EXECUTIONS + "/" + world.nextUuid();
        JsonNode notFound = get(unknown, world.admin).json();
        JsonNode invisible = get(one(e), world.teammate).json();
        assertThat(invisible.path("title")).as("an unknown id and an invisible one answer alike")
                .isEqualTo(notFound.path("title"));
        assertThat(invisible.path("detail").asText()).isEqualTo("execution " + e.id() + " not found");
        assertThat(notFound.path("detail").asText()).isEqualTo("execution " + unknown.substring(EXECUTIONS.length() + 1)
                + " not found");
        assertInvalid(get(EXECUTIONS + "/not-a-uuid", world.csm), "id");
        assertProblem(get(one(e), null), 401);
    }

    // ---- timeline ------------------------------------------------------------------------------

    @Test
    void the_timeline_is_oldest_first_with_actors_by_name_and_the_system_and_pages_by_cursor() throws Exception {
        Profile crm = world.profile(Role.INTEGRATION, null, "crm");
        Customer customer = customer("Globex", world.csm);
        WorkflowDefinition definition = definition("Churn save", WorkflowType.RISK, 900, Map.of(), false);
        WorkflowExecution e = world.execution(definition, customer, world.csm, ExecutionStatus.NOT_STARTED, 900,
                World.T0);
        clock.set(World.T0.plus(Duration.ofMinutes(1)));
        post(one(e) + "/escalate", json(map("escalation_user_id", world.manager.id().toString())), world.csm);
        clock.set(World.T0.plus(Duration.ofMinutes(2)));
        assertThat(post(one(e) + "/snooze", json(map("days", 3)), world.manager).status()).isEqualTo(200);
        clock.set(World.T0.plus(Duration.ofMinutes(3)));
        // The customer moves to the teammate: the system reassigns its open work, naming both CSMs.
        assertThat(exchange("PATCH", "/api/customers/" + customer.id(),
                json(map("csm_id", world.teammate.id().toString())), crm).status()).isEqualTo(200);
        clock.set(World.T0.plus(Duration.ofMinutes(4)));
        assertThat(post(one(e) + "/skip", json(map("reason", "covered by the renewal")), world.teammate).status())
                .isEqualTo(200);

        JsonNode all = get(one(e) + "/events", world.admin).json();

        assertThat(all.path("next_cursor").isNull()).isTrue();
        JsonNode items = all.path("items");
        assertThat(items).hasSize(4);
        assertThat(items.findValuesAsText("action")).containsExactly("escalate", "snooze", "reassign", "skip");
        JsonNode escalate = items.get(0);
        assertThat(escalate.path("actor").path("type").asText()).isEqualTo("profile");
        assertThat(escalate.path("actor").path("id").asText()).isEqualTo(world.csm.id().toString());
        assertThat(escalate.path("actor").path("name").asText()).isEqualTo(world.csm.fullName());
        assertThat(escalate.path("escalation_user").path("name").asText()).isEqualTo(world.manager.fullName());
        assertThat(escalate.path("occurred_at").asText()).isEqualTo("2026-03-02T09:01:00Z");
        JsonNode snooze = items.get(1);
        assertThat(snooze.path("actor").path("name").asText()).isEqualTo(world.manager.fullName());
        assertThat(snooze.path("from_status").asText()).isEqualTo("not_started");
        assertThat(snooze.path("to_status").asText()).isEqualTo("snoozed");
        assertThat(snooze.path("days").asInt()).isEqualTo(3);
        JsonNode reassign = items.get(2);
        assertThat(reassign.path("actor")).isEqualTo(Json.MAPPER.readTree("{\"type\":\"system\"}"));
        assertThat(reassign.path("from_csm").path("id").asText()).isEqualTo(world.csm.id().toString());
        assertThat(reassign.path("to_csm").path("name").asText()).isEqualTo(world.teammate.fullName());
        JsonNode skip = items.get(3);
        assertThat(skip.path("reason").asText()).isEqualTo("covered by the renewal");
        assertThat(skip.path("to_status").asText()).isEqualTo("skipped");
        assertThat(skip.path("from_csm").isNull()).isTrue();

        JsonNode first = get(one(e) + "/events?limit=3", world.admin).json();
        assertThat(first.path("items").findValuesAsText("action")).containsExactly("escalate", "snooze", "reassign");
        String cursor = first.path("next_cursor").asText();
        JsonNode second = get(one(e) + "/events?limit=3&cursor=" + cursor, world.admin).json();
        assertThat(second.path("items").findValuesAsText("action")).containsExactly("skip");
        assertThat(second.path("next_cursor").isNull()).isTrue();

        WorkflowExecution another = execution(world.csm, ExecutionStatus.NOT_STARTED);
        assertInvalid(get(one(another) + "/events?cursor=" + cursor, world.admin), "cursor");
        assertInvalid(get(one(e) + "/events?cursor=abc", world.admin), "cursor");
        assertInvalid(get(one(e) + "/events?limit=0&order=asc", world.admin), "order");
        assertInvalid(get(one(e) + "/events?limit=101", world.admin), "limit");
    }

    // ---- lists ---------------------------------------------------------------------------------

    @Test
    void a_list_holds_the_work_the_caller_owns_or_that_is_escalated_to_them() {
        WorkflowExecution mine = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution teammates = execution(world.teammate, ExecutionStatus.UNDERWAY);
        WorkflowExecution managers = execution(world.manager, ExecutionStatus.NOT_STARTED);
        WorkflowExecution outsiders = execution(world.outsider, ExecutionStatus.SNOOZED);
        post(one(outsiders) + "/escalate", json(map("escalation_user_id", world.csm.id().toString())), world.outsider);
        World other = new World(fixture);
        WorkflowExecution foreign = execution(other, other.csm, ExecutionStatus.NOT_STARTED);

        assertThat(ids(EXECUTIONS, world.csm)).containsExactlyInAnyOrder(mine.id().toString());
        assertThat(ids(EXECUTIONS, world.manager)).containsExactlyInAnyOrder(mine.id().toString(),
                teammates.id().toString(), managers.id().toString());
        assertThat(ids(EXECUTIONS, world.admin)).containsExactlyInAnyOrder(mine.id().toString(),
                teammates.id().toString(), managers.id().toString(), outsiders.id().toString());
        assertThat(ids(EXECUTIONS + "?escalated_to=me", world.csm)).containsExactly(outsiders.id().toString());
        assertThat(ids(EXECUTIONS + "?escalated_to=me", world.manager)).isEmpty();
        assertThat(ids(EXECUTIONS, other.admin)).containsExactly(foreign.id().toString());
        // A filter never widens what one sees.
        assertThat(ids(EXECUTIONS + "?csm_id=" + world.teammate.id(), world.csm)).isEmpty();
        assertThat(ids(EXECUTIONS + "?csm_id=" + world.teammate.id(), world.manager))
                .containsExactly(teammates.id().toString());
        assertThat(ids(EXECUTIONS + "?csm_id=" + other.csm.id(), world.admin)).isEmpty();
        JsonNode page = get(EXECUTIONS, world.manager).json();
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("next_cursor").isNull()).isTrue();
        JsonNode item = page.path("items").get(0);
        assertThat(item.has("priority_explanation") && item.has("due_at") && item.has("assigned_csm")
                && item.has("escalation_user") && item.has("workflow_definition") && item.has("customer")).isTrue();
    }

    @Test
    void each_filter_selects_what_it_names() {
        Customer acme = customer("Acme Rockets", world.csm);
        Customer globex = customer("Globex", world.csm);
        WorkflowDefinition risk = definition("Churn save", WorkflowType.RISK, 900, Map.of(), false);
        WorkflowDefinition renewal = definition("Renewal prep", WorkflowType.RENEWAL, 600, Map.of(), false);
        WorkflowExecution critical = world.execution(risk, acme, world.csm, ExecutionStatus.NOT_STARTED, 950,
                World.T0.minus(Duration.ofHours(3)));
        WorkflowExecution medium = world.execution(renewal, acme, world.csm, ExecutionStatus.UNDERWAY, 600,
                World.T0.minus(Duration.ofHours(2)));
        WorkflowExecution snoozed = world.execution(risk, globex, world.csm, ExecutionStatus.SNOOZED, 450,
                World.T0.minus(Duration.ofHours(1)));
        WorkflowExecution done = world.execution(renewal, globex, world.csm, ExecutionStatus.COMPLETED, 720,
                World.T0);
        fixture.givenDueAt(world.org, medium.id(), World.T0.plus(Duration.ofDays(10)));
        fixture.givenDueAt(world.org, done.id(), World.T0.plus(Duration.ofDays(40)));
        post(one(critical) + "/escalate", json(map("escalation_user_id", world.manager.id().toString())), world.csm);
        String all = String.join(",", List.of(critical.id().toString(), medium.id().toString(),
                snoozed.id().toString(), done.id().toString()));
        assertThat(String.join(",", ids(EXECUTIONS, world.csm))).as("default: highest score first").isEqualTo(
                String.join(",", critical.id().toString(), done.id().toString(), medium.id().toString(),
                        snoozed.id().toString()));
        assertThat(ids(EXECUTIONS + "?sort=created_at", world.csm)).containsExactly(all.split(","));

        assertThat(ids(EXECUTIONS + "?status=not_started&status=snoozed", world.csm))
                .containsExactly(critical.id().toString(), snoozed.id().toString());
        assertThat(ids(EXECUTIONS + "?workflow_type=renewal", world.csm))
                .containsExactly(done.id().toString(), medium.id().toString());
        assertThat(ids(EXECUTIONS + "?label=critical", world.csm)).containsExactly(critical.id().toString());
        assertThat(ids(EXECUTIONS + "?label=High", world.csm)).containsExactly(done.id().toString());
        assertThat(ids(EXECUTIONS + "?label=low", world.csm)).containsExactly(snoozed.id().toString());
        assertThat(ids(EXECUTIONS + "?customer_id=" + globex.id(), world.csm))
                .containsExactly(done.id().toString(), snoozed.id().toString());
        assertThat(ids(EXECUTIONS + "?csm_id=" + world.csm.id(), world.csm)).hasSize(4);
        assertThat(ids(EXECUTIONS + "?definition_id=" + risk.id(), world.csm))
                .containsExactly(critical.id().toString(), snoozed.id().toString());
        assertThat(ids(EXECUTIONS + "?escalated_to=me", world.manager)).containsExactly(critical.id().toString());
        assertThat(ids(EXECUTIONS + "?due_within_days=10", world.csm)).containsExactly(medium.id().toString());
        assertThat(ids(EXECUTIONS + "?due_within_days=9", world.csm)).isEmpty();
        assertThat(ids(EXECUTIONS + "?snoozed_until_before=2026-03-08", world.csm))
                .containsExactly(snoozed.id().toString());
        assertThat(ids(EXECUTIONS + "?snoozed_until_before=2026-03-07T08:00:00Z", world.csm)).isEmpty();
        assertThat(ids(EXECUTIONS + "?q=ACME", world.csm))
                .containsExactly(critical.id().toString(), medium.id().toString());
        assertThat(ids(EXECUTIONS + "?q=" + encode("renewal P"), world.csm))
                .containsExactly(done.id().toString(), medium.id().toString());
        assertThat(ids(EXECUTIONS + "?q=%25", world.csm)).as("no wildcards").isEmpty();
        assertThat(ids(EXECUTIONS + "?sort=priority", world.csm)).containsExactly(snoozed.id().toString(),
                medium.id().toString(), done.id().toString(), critical.id().toString());
        assertThat(ids(EXECUTIONS + "?sort=due_at", world.csm)).containsExactly(medium.id().toString(),
                done.id().toString(), critical.id().toString(), snoozed.id().toString());
        assertThat(ids(EXECUTIONS + "?sort=snooze_until", world.csm).get(0)).isEqualTo(snoozed.id().toString());
        assertThat(get(EXECUTIONS + "?workflow_type=renewal&status=completed", world.csm).json().path("total")
                .asLong()).isEqualTo(1);
    }

    @Test
    void paging_to_the_end_reads_every_row_once_while_others_are_written() {
        Customer customer = customer("Many", world.csm);
        List<WorkflowDefinition> definitions = new ArrayList<>();
        List<String> sorts = List.of("created_at", "-priority", "priority", "due_at");
        for (int i = 0; i < 30 + 3 * sorts.size(); i++) {
            definitions.add(definition("d" + i, WorkflowType.CUSTOM, 500, Map.of(), false));
        }
        List<WorkflowExecution> before = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Few distinct scores and times: the id must break the ties.
            before.add(world.execution(definitions.get(i), customer, world.csm, ExecutionStatus.NOT_STARTED,
                    500 + 100 * (i % 3), World.T0.minus(Duration.ofMinutes(i % 4))));
        }
        for (String sort : sorts) {
            Set<String> touched = new HashSet<>();
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int page = 0;
            int added = 0;
            do {
                JsonNode json = get(EXECUTIONS + "?limit=7&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor),
                        world.csm).json();
                json.path("items").forEach(item -> seen.add(item.path("id").asText()));
                cursor = json.path("next_cursor").isNull() ? null : json.path("next_cursor").asText();
                // Between pages: new work arrives (created now, so after every row in created_at order) and
                // some rows move on through the API.
                clock.set(World.T0.plus(Duration.ofMinutes(10 + page)));
                if (added < 3) {
                    WorkflowExecution fresh = world.execution(definitions.get(30 + 3 * sorts.indexOf(sort) + added),
                            customer, world.csm, ExecutionStatus.NOT_STARTED, 550, clock.instant());
                    touched.add(fresh.id().toString());
                    added++;
                }
                WorkflowExecution moved = before.get((page * 11 + sort.length()) % before.size());
                if (touched.add(moved.id().toString())) {
                    post(one(moved) + "/snooze", json(map("days", 2)), world.csm);
                }
                page++;
            } while (cursor != null && page < 50);
            assertThat(cursor).as("reached the end").isNull();
            // A row whose key changed meanwhile may be met again or not at all; every other row exactly once.
            for (WorkflowExecution e : before) {
                if (!touched.contains(e.id().toString())) {
                    assertThat(seen.stream().filter(e.id().toString()::equals).count())
                            .as("%s: untouched row %s read once", sort, e.id()).isEqualTo(1);
                }
            }
            if (sort.equals("created_at")) {
                // The key never changes: every row that existed at the start, and the ones added meanwhile
                // (created later, so after the cursor), are read exactly once.
                assertThat(seen).doesNotHaveDuplicates().containsAll(touched)
                        .containsAll(before.stream().map(e -> e.id().toString()).toList());
            }
        }
    }

    @Test
    void the_total_is_exact_up_to_1000_and_marked_a_lower_bound_above() {
        Customer customer = customer("Counted", world.csm);
        WorkflowDefinition definition = definition("counted", WorkflowType.CUSTOM, 500, Map.of(), false);
        for (int i = 0; i < 1000; i++) {
            world.execution(definition, customer, world.csm, ExecutionStatus.COMPLETED, 500, World.T0);
        }
        JsonNode exact = get(EXECUTIONS + "?status=completed&limit=5", world.csm).json();
        assertThat(exact.path("total").asLong()).isEqualTo(1000);
        assertThat(exact.path("total_is_lower_bound").asBoolean()).isFalse();
        world.execution(definition, customer, world.csm, ExecutionStatus.COMPLETED, 500, World.T0);
        JsonNode bounded = get(EXECUTIONS + "?status=completed&limit=5", world.csm).json();
        assertThat(bounded.path("total").asLong()).isEqualTo(1000);
        assertThat(bounded.path("total_is_lower_bound").asBoolean()).isTrue();
        // The manager's team sees the same rows through the per-member read.
        JsonNode team = get(EXECUTIONS + "?status=completed&limit=5", world.manager).json();
        assertThat(team.path("total_is_lower_bound").asBoolean()).isTrue();
        assertThat(team.path("items")).hasSize(5);
        JsonNode next = get(EXECUTIONS + "?status=completed&limit=5&cursor=" + bounded.path("next_cursor").asText(),
                world.csm).json();
        assertThat(next.path("total").asLong()).as("every page counts the same").isEqualTo(1000);
        assertThat(next.path("total_is_lower_bound").asBoolean()).isTrue();
    }

    @Test
    void bad_and_unknown_parameters_are_400_naming_each() {
        assertInvalid(get(EXECUTIONS + "?status=done", world.csm), "status");
        assertInvalid(get(EXECUTIONS + "?workflow_type=big", world.csm), "workflow_type");
        assertInvalid(get(EXECUTIONS + "?label=urgent", world.csm), "label");
        assertInvalid(get(EXECUTIONS + "?customer_id=1", world.csm), "customer_id");
        assertInvalid(get(EXECUTIONS + "?csm_id=x", world.csm), "csm_id");
        assertInvalid(get(EXECUTIONS + "?definition_id=", world.csm), "definition_id");
        assertInvalid(get(EXECUTIONS + "?escalated_to=" + world.csm.id(), world.csm), "escalated_to");
        assertInvalid(get(EXECUTIONS + "?due_within_days=-1", world.csm), "due_within_days");
        assertInvalid(get(EXECUTIONS + "?due_within_days=3651", world.csm), "due_within_days");
        assertInvalid(get(EXECUTIONS + "?snoozed_until_before=tomorrow", world.csm), "snoozed_until_before");
        assertInvalid(get(EXECUTIONS + "?q=", world.csm), "q");
        assertInvalid(get(EXECUTIONS + "?q=" + "x".repeat(201), world.csm), "q");
        assertInvalid(get(EXECUTIONS + "?sort=name", world.csm), "sort");
        assertInvalid(get(EXECUTIONS + "?limit=0", world.csm), "limit");
        assertInvalid(get(EXECUTIONS + "?limit=101", world.csm), "limit");
        assertInvalid(get(EXECUTIONS + "?limit=1&limit=2", world.csm), "limit");
        assertInvalid(get(EXECUTIONS + "?sort=x&label=y&limit=z", world.csm), "sort", "label", "limit");
        assertInvalid(get(EXECUTIONS + "?stauts=snoozed&page=2", world.csm), "stauts", "page");
        assertInvalid(get(EXECUTIONS + "?cursor=abc", world.csm), "cursor");
    }

    @Test
    void a_cursor_of_another_query_or_an_altered_one_is_400() {
        Customer customer = customer("Pages", world.csm);
        for (int i = 0; i < 3; i++) {
            world.execution(definition("p" + i, WorkflowType.CUSTOM, 500, Map.of(), false), customer, world.csm,
                    ExecutionStatus.NOT_STARTED, 500 + i, World.T0);
        }
        String cursor = get(EXECUTIONS + "?limit=1&status=not_started", world.csm).json().path("next_cursor").asText();
        assertThat(cursor).isNotBlank();
        assertThat(get(EXECUTIONS + "?limit=2&status=not_started&cursor=" + cursor, world.csm).status())
                .as("another page size continues the same query").isEqualTo(200);
        assertInvalid(get(EXECUTIONS + "?limit=1&cursor=" + cursor, world.csm), "cursor");
        assertInvalid(get(EXECUTIONS + "?limit=1&status=not_started&sort=created_at&cursor=" + cursor, world.csm),
                "cursor");
        assertInvalid(get(EXECUTIONS + "?limit=1&status=not_started&q=Pages&cursor=" + cursor, world.csm), "cursor");
        char last = cursor.charAt(cursor.length() - 2);
        String altered = cursor.substring(0, cursor.length() - 2) + (last == 'A' ? 'B' : 'A')
                + cursor.charAt(cursor.length() - 1);
        assertInvalid(get(EXECUTIONS + "?limit=1&status=not_started&cursor=" + altered, world.csm), "cursor");
    }

    private List<String> ids(String path, Profile as) {
        ApiResponse response = get(path, as);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
        assertThat(response.json().path("total").asLong()).isEqualTo(ids.size());
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
