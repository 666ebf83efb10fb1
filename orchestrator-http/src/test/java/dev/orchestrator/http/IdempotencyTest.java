package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on the POST routes. */
class IdempotencyTest extends ApiTestBase {

    @Test
    void aRetriedSnoozeGetsTheFirstAnswerAndSnoozesOnce() {
        WorkflowExecution execution = execution(world.csm, ExecutionStatus.NOT_STARTED);
        String path = "/api/orchestrator/executions/" + execution.id() + "/snooze";
        String key = UUID.randomUUID().toString();

        ApiResponse first = exchange("POST", path, json(map("days", 3)), world.csm, "Idempotency-Key", key);
        clock.advance(java.time.Duration.ofMinutes(5));
        ApiResponse retried = exchange("POST", path, json(map("days", 3)), world.csm, "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.header("Idempotent-Replayed")).contains("true");
        assertThat(fixture.eventsOf(world.org, execution.id())).hasSize(1); // the one snooze (the fixture wrote none)
        assertProblem(exchange("POST", path, json(map("days", 4)), world.csm, "Idempotency-Key", key), 422);
        assertInvalid(exchange("POST", path, json(map("days", 4)), world.csm, "Idempotency-Key", "with space"),
                "Idempotency-Key");
    }

    @Test
    void aFailedRequestIsNotRememberedSoItsRetryRunsAgain() {
        WorkflowExecution execution = execution(world.csm, ExecutionStatus.NOT_STARTED);
        String path = "/api/orchestrator/executions/" + execution.id() + "/snooze";
        String key = UUID.randomUUID().toString();

        assertProblem(exchange("POST", path, json(map("days", 0)), world.csm, "Idempotency-Key", key), 400);
        ApiResponse fixed = exchange("POST", path, json(map("days", 0)), world.csm, "Idempotency-Key", key);
        assertProblem(fixed, 400);
        assertThat(fixed.header("Idempotent-Replayed")).isEmpty();
    }
}
