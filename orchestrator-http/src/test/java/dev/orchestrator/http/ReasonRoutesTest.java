package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.reasons.ReasonCatalog;
import dev.orchestrator.core.domain.reasons.ReasonCode;
import dev.orchestrator.core.testing.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /api/orchestrator/reasons}, and skip and snooze with reason codes, over real HTTP on PostgreSQL. */
class ReasonRoutesTest extends ApiTestBase {

    private static final String REASONS = "/api/orchestrator/reasons";

    private static String path(WorkflowExecution e, String action) {
        return "/api/orchestrator/executions/" + e.id() + "/" + action;
    }

    private ApiResponse put(String body, dev.orchestrator.core.domain.access.Profile as) {
        return exchange("PUT", REASONS, body, as);
    }

    private static String catalog(Object... items) {
        return json(map("items", List.of(items)));
    }

    @Test
    void everyMemberReadsTheDefaultSetSortedByKindThenLabel() {
        for (var member : List.of(world.csm, world.manager, world.admin)) {
            ApiResponse response = get(REASONS, member);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            List<String> codes = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            response.json().path("items").forEach(item -> {
                codes.add(item.path("code").asText());
                labels.add(item.path("kind").asText() + "/" + item.path("label").asText());
                assertThat(item.path("active").asBoolean()).isTrue();
                assertThat(item.size()).isEqualTo(4);
            });
            assertThat(codes).containsExactlyInAnyOrderElementsOf(
                    ReasonCatalog.DEFAULTS.codes().stream().map(ReasonCode::code).toList());
            assertThat(labels).isSortedAccordingTo(Comparator.naturalOrder());
        }
        assertInvalid(get(REASONS + "?kind=skip", world.csm), "kind");
    }

    @Test
    void anAdminReplacesTheCatalogAndOtherStaysPresent() {
        ApiResponse replaced = put(catalog(map("code", "lost_budget", "kind", "skip", "label", "Lost budget"),
                map("code", "on_holiday", "kind", "snooze", "label", "On holiday", "active", false)), world.admin);

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonNode items = get(REASONS, world.csm).json().path("items");
        assertThat(items.findValuesAsText("code")).containsExactly("lost_budget", "other", "on_holiday");
        assertThat(items.get(2).path("active").asBoolean()).isFalse();
        assertThat(replaced.json()).isEqualTo(get(REASONS, world.admin).json());
        // another organization still has the default set
        assertThat(get(REASONS, new World(fixture).csm).json().path("items").size())
                .isEqualTo(ReasonCatalog.DEFAULTS.codes().size());
    }

    @Test
    void onlyAnAdminReplacesTheCatalogAndABadOneLeavesItAsItWas() {
        String body = catalog(map("code", "x", "kind", "skip", "label", "X"));
        assertProblem(put(body, world.csm), 403);
        assertProblem(put(body, world.manager), 403);

        assertInvalid(put(catalog(map("code", "dup", "kind", "skip", "label", "A"),
                map("code", "dup", "kind", "snooze", "label", "B")), world.admin), "items[1].code");
        assertInvalid(put(catalog(map("code", "Bad Code", "kind", "skip", "label", "A")), world.admin), "items[0].code");
        assertInvalid(put(catalog(map("code", "a", "kind", "later", "label", "A")), world.admin), "items[0].kind");
        assertInvalid(put(catalog(map("code", "a", "kind", "skip", "label", "x".repeat(101))), world.admin),
                "items[0].label");
        assertInvalid(put(catalog(map("code", "a", "kind", "skip", "label", "A", "active", "yes")), world.admin),
                "items[0].active");
        assertInvalid(put(catalog(map("code", "a", "kind", "skip", "label", "A", "colour", "red")), world.admin),
                "items[0].colour");
        assertInvalid(put(catalog(map("code", "other", "kind", "snooze", "label", "Other")), world.admin), "items[0]");
        assertInvalid(put(catalog(map("code", "other", "kind", "skip", "label", "Other", "active", false)),
                world.admin), "items[0]");
        assertInvalid(put("{\"items\":[{\"code\":\"a\",\"kind\":\"skip\",\"label\":\"A\\u0000\"}]}", world.admin),
                "items[0].label");
        assertInvalid(put("{\"items\":{}}", world.admin), "items");
        assertInvalid(put("{}", world.admin), "items");
        assertInvalid(put("{\"items\":[], \"extra\":1}", world.admin), "extra");

        assertThat(get(REASONS, world.csm).json().path("items").size()).isEqualTo(ReasonCatalog.DEFAULTS.codes().size());
    }

    @Test
    void aSkipCarriesItsCodeAndNoteIntoTheExecutionTheListsAndTheEvents() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);

        ApiResponse skipped = post(path(e, "skip"), json(map("reason_code", "duplicate", "note", "  see the renewal  ")),
                world.csm);

        assertThat(skipped.status()).as(skipped.toString()).isEqualTo(200);
        assertThat(skipped.json().path("execution").path("skip_reason").asText()).isEqualTo("see the renewal");
        assertThat(stored(e).reasonCode()).isEqualTo("duplicate");
        JsonNode detail = get("/api/orchestrator/executions/" + e.id(), world.csm).json();
        assertThat(detail.path("reason_code").asText()).isEqualTo("duplicate");
        JsonNode listed = get("/api/orchestrator/executions?status=skipped", world.csm).json().path("items").get(0);
        assertThat(listed.path("reason_code").asText()).isEqualTo("duplicate");
        JsonNode event = lastEvent(e);
        assertThat(event.path("reason_code").asText()).isEqualTo("duplicate");
        assertThat(event.path("note").asText()).isEqualTo("see the renewal");

        WorkflowExecution plain = execution(world.csm, ExecutionStatus.UNDERWAY);
        ApiResponse noNote = post(path(plain, "skip"), json(map("reason_code", "not_relevant")), world.csm);
        assertThat(noNote.json().path("execution").path("skip_reason").asText()).isEqualTo("Not relevant");
        assertThat(lastEvent(plain).path("note").isNull()).isTrue();
    }

    @Test
    void thePrototypesFreeTextSkipBecomesCodeOtherWithTheTextAsNote() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);

        ApiResponse skipped = post(path(e, "skip"), json(map("reason", " customer churned ")), world.csm);

        assertThat(skipped.status()).as(skipped.toString()).isEqualTo(200);
        assertThat(skipped.json().path("execution").path("skip_reason").asText()).isEqualTo("customer churned");
        assertThat(stored(e).reasonCode()).isEqualTo("other");
        assertThat(lastEvent(e).path("reason").asText()).isEqualTo("customer churned");
        assertThat(lastEvent(e).path("reason_code").asText()).isEqualTo("other");
        assertThat(lastEvent(e).path("note").asText()).isEqualTo("customer churned");
    }

    @Test
    void aSnoozeMayCarryASnoozeCodeAndANote() {
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);

        ApiResponse snoozed = post(path(e, "snooze"),
                json(map("days", 3, "reason_code", "waiting_on_customer", "note", "back from holiday on the 9th")),
                world.csm);

        assertThat(snoozed.status()).as(snoozed.toString()).isEqualTo(200);
        assertThat(stored(e).reasonCode()).isEqualTo("waiting_on_customer");
        assertThat(lastEvent(e).path("days").asInt()).isEqualTo(3);
        assertThat(lastEvent(e).path("reason_code").asText()).isEqualTo("waiting_on_customer");
        assertThat(lastEvent(e).path("note").asText()).isEqualTo("back from holiday on the 9th");

        // snoozed again without a code: the latest snooze has none
        assertThat(post(path(e, "snooze"), json(map("days", 5)), world.csm).status()).isEqualTo(200);
        assertThat(stored(e).reasonCode()).isNull();
        assertThat(get("/api/orchestrator/executions/" + e.id(), world.csm).json().path("reason_code").isNull()).isTrue();
    }

    @Test
    void aWrongUnknownOrInactiveCodeOrABadNoteIsA400NamingTheFieldAndChangesNothing() {
        put(catalog(map("code", "retired", "kind", "skip", "label", "Retired", "active", false),
                map("code", "not_relevant", "kind", "skip", "label", "Not relevant"),
                map("code", "waiting_on_customer", "kind", "snooze", "label", "Waiting")), world.admin);
        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        int events = fixture.eventsOf(world.org, e.id()).size();

        assertInvalid(post(path(e, "skip"), json(map("reason_code", "waiting_on_customer")), world.csm), "reason_code");
        assertInvalid(post(path(e, "skip"), json(map("reason_code", "no_such_code")), world.csm), "reason_code");
        assertInvalid(post(path(e, "skip"), json(map("reason_code", "retired")), world.csm), "reason_code");
        assertInvalid(post(path(e, "skip"), json(map("reason_code", 7)), world.csm), "reason_code");
        assertInvalid(post(path(e, "skip"), json(map("reason_code", "not_relevant", "note", "x".repeat(501))),
                world.csm), "note");
        assertInvalid(post(path(e, "skip"), json(map("reason_code", "not_relevant", "note", "   ")), world.csm), "note");
        assertInvalid(post(path(e, "skip"), "{\"reason_code\":\"not_relevant\",\"note\":\"a\\u0000b\"}", world.csm),
                "note");
        assertInvalid(post(path(e, "skip"), "{\"reason_code\":\"not_relevant\",\"note\":\"a\\ud800b\"}", world.csm),
                "note");
        assertInvalid(post(path(e, "skip"), json(map("reason_code", "not_relevant", "reason", "both")), world.csm),
                "reason");
        assertInvalid(post(path(e, "skip"), json(map("note", "why")), world.csm), "reason_code");
        assertInvalid(post(path(e, "snooze"), json(map("days", 2, "reason_code", "not_relevant")), world.csm),
                "reason_code");
        assertInvalid(post(path(e, "snooze"), json(map("days", 2, "note", "x".repeat(501))), world.csm), "note");
        // another organization's catalog is not this one's
        World other = new World(fixture);
        put(catalog(map("code", "theirs", "kind", "skip", "label", "Theirs")), other.admin);
        assertInvalid(post(path(e, "skip"), json(map("reason_code", "theirs")), world.csm), "reason_code");

        assertThat(stored(e).status()).isEqualTo(ExecutionStatus.NOT_STARTED);
        assertThat(stored(e).version()).isEqualTo(e.version());
        assertThat(fixture.eventsOf(world.org, e.id())).hasSize(events);
    }

    private JsonNode lastEvent(WorkflowExecution e) {
        JsonNode items = get("/api/orchestrator/executions/" + e.id() + "/events", world.csm).json().path("items");
        return items.get(items.size() - 1);
    }
}
