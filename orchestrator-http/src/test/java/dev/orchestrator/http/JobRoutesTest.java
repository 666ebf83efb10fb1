package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobRoutesTest extends ApiTestBase {

    private static final String JOBS = "/api/admin/jobs";

    @Test
    void an_admin_sees_the_daily_job_with_its_plan_and_its_latest_runs_newest_first() {
        definition("Churn watch", WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        world.customer(world.csm, World.signals(5, 8, 40));
        jobs.runDailyJob().run(new RunDailyJob.Request(Optional.of(world.org), "host-a:1", JobTrigger.MANUAL));
        clock.advance(Duration.ofMinutes(1));
        jobs.runDailyJob().run(new RunDailyJob.Request(Optional.of(world.org), "host-b:2", JobTrigger.SCHEDULE));

        ApiResponse response = get(JOBS, world.admin);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode daily = response.json().path("jobs").get(0);
        assertThat(daily.path("name").asText()).isEqualTo("daily");
        assertThat(daily.path("schedule").asText()).isEqualTo("daily at 00:05 UTC");
        assertThat(daily.path("next_run_at").asText()).isEqualTo(TestBackend.NEXT_DAILY.toString());
        JsonNode latest = daily.path("last_runs").get(0);
        assertThat(latest.path("instance").asText()).isEqualTo("host-b:2");
        assertThat(latest.path("status").asText()).isEqualTo("succeeded");
        assertThat(latest.path("trigger").asText()).isEqualTo("schedule");
        assertThat(latest.path("organization_id").asText()).isEqualTo(world.org.toString());
        assertThat(latest.path("steps").get(0).path("name").asText()).isEqualTo("interpret_signals");
        assertThat(latest.path("steps").get(0).path("counts").path("created").asLong()).isZero();
        assertThat(latest.path("steps").get(1).path("name").asText()).isEqualTo("apply_lifecycle_rules");
        assertThat(latest.path("steps").get(1).path("counts").path("auto_closed").asLong()).isZero();
        assertThat(latest.path("steps").get(2).path("name").asText()).isEqualTo("recompute_priorities");
        assertThat(latest.path("steps").get(2).path("counts").path("examined").asLong()).isEqualTo(1);
        assertThat(latest.path("steps").get(2).path("seconds").isNumber()).isTrue();
        JsonNode earlier = daily.path("last_runs").get(1);
        assertThat(earlier.path("instance").asText()).isEqualTo("host-a:1");
        assertThat(earlier.path("steps").get(0).path("counts").path("created").asLong()).isEqualTo(1);
    }

    @Test
    void only_admins_may_see_the_jobs() {
        assertThat(get(JOBS, world.csm).status()).isEqualTo(403);
        assertThat(get(JOBS, world.manager).status()).isEqualTo(403);
        assertThat(get(JOBS, null).status()).isEqualTo(401);
        assertThat(get(JOBS, world.admin).status()).isEqualTo(200);
    }
}
