package dev.orchestrator.core.domain.jobs;

import dev.orchestrator.core.domain.ids.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of a job: which job, on which instance, over one organization ({@code organization} non-null)
 * or all, why it ran, and how it went. {@code finishedAt} is null exactly while it is running; {@code error}
 * (at most {@value #MAX_ERROR} characters) says why a failed run failed.
 */
public record JobRun(UUID id, String job, String instance, OrganizationId organization, JobTrigger trigger,
        JobStatus status, Instant startedAt, Instant finishedAt, List<StepReport> steps, String error) {

    public static final int MAX_ERROR = 2000;

    public JobRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        if ((status == JobStatus.RUNNING) != (finishedAt == null)) {
            throw new IllegalArgumentException("finishedAt must be null exactly while the run is running");
        }
        steps = List.copyOf(steps);
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR - 1) + "…";
        }
    }

    /** A run that has just started: no steps yet. */
    public static JobRun started(UUID id, String job, String instance, Optional<OrganizationId> organization,
            JobTrigger trigger, Instant at) {
        return new JobRun(id, job, instance, organization.orElse(null), trigger, JobStatus.RUNNING, at, null,
                List.of(), null);
    }

    public Optional<OrganizationId> organizationScope() {
        return Optional.ofNullable(organization);
    }

    public JobRun succeeded(List<StepReport> doneSteps, Instant at) {
        return new JobRun(id, job, instance, organization, trigger, JobStatus.SUCCEEDED, startedAt, at, doneSteps, null);
    }

    public JobRun failed(List<StepReport> doneSteps, Instant at, String why) {
        return new JobRun(id, job, instance, organization, trigger, JobStatus.FAILED, startedAt, at, doneSteps, why);
    }

    /** Total of one count over the steps (0 when no step counted it). */
    public long count(String step, String what) {
        return steps.stream().filter(s -> s.name().equals(step))
                .mapToLong(s -> s.counts().getOrDefault(what, 0L)).sum();
    }
}
