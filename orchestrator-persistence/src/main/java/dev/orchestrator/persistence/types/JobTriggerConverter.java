package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.jobs.JobTrigger;

/** {@code job_runs.trigger} as {@link JobTrigger}, by wire name. */
public final class JobTriggerConverter extends WireNameConverter<JobTrigger> {

    public JobTriggerConverter() {
        super(JobTrigger.class);
    }
}
