package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** serve binds before migrating: until the migrations are current, API calls and readiness answer 503. */
class MigrationGateTest extends ApiTestBase {

    private final AtomicBoolean migrated = new AtomicBoolean(false);

    @Override
    protected Operations operations() {
        return Operations.defaults().withMigrationsCurrent(migrated::get);
    }

    @Test
    void api_calls_answer_503_until_the_migrations_are_current() {
        ApiResponse early = get("/api/orchestrator/queue", world.csm);
        assertProblem(early, 503);
        assertThat(early.header("Retry-After")).isPresent();
        ApiResponse notReady = get("/health/ready", null);
        assertProblem(notReady, 503);
        assertThat(notReady.json().at("/components/migrations/status").asText()).isEqualTo("pending");
        assertThat(notReady.json().at("/components/database/status").asText()).isEqualTo("up");
        assertThat(get("/health/live", null).status()).isEqualTo(200);

        migrated.set(true);

        assertThat(get("/api/orchestrator/queue", world.csm).status()).isEqualTo(200);
        assertThat(get("/health/ready", null).status()).isEqualTo(200);
    }
}
