package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.analytics.AnalyticsMetric;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.testing.World;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/orchestrator/analytics} over HTTP on PostgreSQL: work done through the routes shows in
 * the metrics, each caller sees their scope, and bad parameters are named.
 */
class AnalyticsRoutesTest extends ApiTestBase {

    private static final String ANALYTICS = "/api/orchestrator/analytics";

    private void at(Duration sinceT0) {
        clock.set(World.T0.plus(sinceT0));
    }

    private String path(WorkflowExecution e, String action) {
        return "/api/orchestrator/executions/" + e.id() + "/" + action;
    }

    private void status(WorkflowExecution e, String status, Profile as) {
        assertThat(patch(path(e, "status"), json(map("status", status)), as).status()).isEqualTo(200);
    }

    @Test
    void work_done_through_the_routes_shows_in_the_metrics_of_each_scope() {
        // Created a day before T0 (the fixture records no create event: imported work).
        WorkflowExecution done = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution noise = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution snoozed = execution(world.teammate, ExecutionStatus.NOT_STARTED);
        WorkflowExecution elsewhere = execution(world.outsider, ExecutionStatus.NOT_STARTED);
        at(Duration.ofHours(2));
        status(done, "underway", world.csm);
        at(Duration.ofHours(5));
        status(done, "completed", world.csm);
        assertThat(post(path(noise, "skip"), json(map("reason_code", "not_relevant")), world.csm).status())
                .isEqualTo(200);
        assertThat(post(path(snoozed, "snooze"), json(map("days", 3)), world.teammate).status()).isEqualTo(200);
        assertThat(post(path(snoozed, "escalate"), json(map("escalation_user_id", world.manager.id().toString())),
                world.teammate).status()).isEqualTo(200);
        at(Duration.ofHours(9));
        assertThat(post(path(snoozed, "escalation/acknowledge"), "{}", world.manager).status()).isEqualTo(200);
        assertThat(post(path(elsewhere, "skip"), json(map("reason_code", "duplicate")), world.outsider).status())
                .isEqualTo(200);

        ApiResponse response = get(ANALYTICS + "?group_by=csm", world.manager);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("to").asText()).isEqualTo("2026-03-02");
        assertThat(report.path("from").asText()).as("30 days up to today").isEqualTo("2026-02-01");
        JsonNode total = report.path("total");
        assertThat(total.path("completed").asLong()).isEqualTo(1);
        assertThat(total.path("skipped").asLong()).as("the outsider is not in the manager's team").isEqualTo(1);
        assertThat(total.path("skipped_by_reason").path("not_relevant").asLong()).isEqualTo(1);
        assertThat(total.path("snoozed").asLong()).isEqualTo(1);
        assertThat(total.path("escalations").asLong()).isEqualTo(1);
        assertThat(total.path("completion_rate").asDouble()).isEqualTo(0.5);
        assertThat(total.path("snoozes_per_completed").asDouble()).isEqualTo(1.0);
        // created at T0 - 1 day: started 26 h, completed 29 h after; acknowledged 4 h after the escalation
        assertThat(total.path("time_to_start_median_seconds").asLong()).isEqualTo(26 * 3600);
        assertThat(total.path("time_to_complete_p90_seconds").asLong()).isEqualTo(29 * 3600);
        assertThat(total.path("time_to_acknowledge_median_seconds").asLong()).isEqualTo(4 * 3600);
        assertThat(total.path("auto_closed").asLong()).isZero();
        assertThat(total.path("created").asLong()).isZero();
        assertThat(report.path("groups").findValuesAsText("label")).containsExactly("csm", "teammate");
        JsonNode quality = report.path("rule_quality");
        assertThat(quality).hasSize(2);
        assertThat(quality.get(0).path("noise_share").asDouble()).as("worst first").isEqualTo(1.0);
        assertThat(quality.get(0).path("noisy_age_median_seconds").asLong()).isEqualTo(29 * 3600);
        assertThat(quality.get(1).path("noise_share").asDouble()).isZero();

        JsonNode own = get(ANALYTICS, world.teammate).json();
        assertThat(own.path("total").path("snoozed").asLong()).isEqualTo(1);
        assertThat(own.path("total").path("completed").asLong()).as("a CSM sees their own work only").isZero();
        assertThat(own.path("groups")).isEmpty();
        JsonNode organization = get(ANALYTICS + "?group_by=workflow_type", world.admin).json();
        assertThat(organization.path("total").path("skipped").asLong()).as("an admin sees everyone's").isEqualTo(2);
        assertThat(organization.path("groups").findValuesAsText("key")).containsExactly("renewal");
        JsonNode weeks = get(ANALYTICS + "?group_by=week&from=2026-02-20&to=2026-03-10", world.admin).json();
        assertThat(weeks.path("groups").findValuesAsText("key")).containsExactly("2026-03-02");
        JsonNode before = get(ANALYTICS + "?from=2026-01-01&to=2026-03-01", world.admin).json();
        assertThat(before.path("total").path("completed").asLong()).as("the period ends before T0's day").isZero();
    }

    @Test
    void auto_closed_work_and_overdue_work_are_counted() {
        WorkflowExecution closed = execution(world.csm, ExecutionStatus.NOT_STARTED);
        WorkflowExecution late = execution(world.csm, ExecutionStatus.NOT_STARTED);
        fixture.givenDueAt(world.org, late.id(), World.T0.minus(Duration.ofHours(3)));
        // The daily job's auto-close: a skip without an actor or a code.
        WorkflowExecution current = stored(closed);
        fixture.ports().writer().saveTransition(current.change().status(ExecutionStatus.SKIPPED)
                        .skipped(World.T0, "condition cleared").at(World.T0), ExecutionStatus.NOT_STARTED,
                current.version(), new ExecutionEvent(closed.id(), world.org, null, Action.SKIP,
                        ExecutionStatus.NOT_STARTED, ExecutionStatus.SKIPPED, null, "condition cleared", null, World.T0));

        JsonNode total = get(ANALYTICS, world.csm).json().path("total");

        assertThat(total.path("auto_closed").asLong()).isEqualTo(1);
        assertThat(total.path("skipped").asLong()).isZero();
        assertThat(total.path("overdue").asLong()).isEqualTo(1);
        assertThat(total.path("completion_rate").asDouble()).isZero();
        assertThat(total.path("time_to_start_median_seconds").isNull()).isTrue();
    }

    @Test
    void bad_parameters_are_named_and_integrations_are_forbidden() {
        assertInvalid(get(ANALYTICS + "?from=yesterday", world.admin), "from");
        assertInvalid(get(ANALYTICS + "?from=2026-13-01&to=x", world.admin), "from", "to");
        assertInvalid(get(ANALYTICS + "?from=2026-03-02&to=2026-03-01", world.admin), "to");
        assertInvalid(get(ANALYTICS + "?from=2025-02-28&to=2026-03-01", world.admin), "from");
        assertThat(get(ANALYTICS + "?from=2025-03-01&to=2026-03-01", world.admin).status()).as("366 days")
                .isEqualTo(200);
        assertInvalid(get(ANALYTICS + "?group_by=team", world.admin), "group_by");
        assertInvalid(get(ANALYTICS + "?groupby=csm&since=1", world.admin), "groupby", "since");
        assertInvalid(get(ANALYTICS + "?group_by=csm&group_by=week", world.admin), "group_by");
        assertProblem(get(ANALYTICS, world.profile(dev.orchestrator.core.domain.access.Role.INTEGRATION, null, "sync")),
                403);
        assertProblem(get(ANALYTICS, null), 401);
    }

    @Test
    void openapi_lists_every_metric_of_the_core() throws IOException {
        JsonNode document;
        try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
            document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        List<String> properties = new ArrayList<>();
        document.at("/components/schemas/AnalyticsLine/properties").fieldNames().forEachRemaining(properties::add);
        for (AnalyticsMetric metric : AnalyticsMetric.values()) {
            assertThat(properties).as("AnalyticsLine").contains(metric.wireName());
        }
    }
}
