package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The orchestrator's day as one job, {@value #NAME}: ordered steps (interpret signals, apply the
 * auto-close and early-wake rules, then recompute priorities), each recording its counts and duration, under the job's lock (one run at a time across
 * instances) and recorded in the run history. Idempotent: a second run the same day creates nothing and
 * changes nothing. Scheduled runs and manual ones go through this same use case.
 */
public interface RunDailyJob {

    String NAME = "daily";

    /** The steps, in the order they run. */
    List<String> STEPS = List.of("interpret_signals", "apply_lifecycle_rules", "recompute_priorities");

    Outcome run(Request request);

    /** {@code instance}: who runs it (recorded in the history), e.g. host and process id. */
    record Request(Optional<OrganizationId> organization, String instance, JobTrigger trigger) {
        public Request {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    sealed interface Outcome {
    }

    /** It ran: {@code run} says how (succeeded, or failed with the steps done and the error). */
    record Ran(JobRun run) implements Outcome {
    }

    /** Another run holds the lock; {@code running} is its history entry, when one is recorded. */
    record AlreadyRunning(Optional<JobRun> running) implements Outcome {
    }
}
