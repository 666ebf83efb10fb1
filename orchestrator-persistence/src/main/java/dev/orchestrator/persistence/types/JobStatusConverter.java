package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.jobs.JobStatus;

/** {@code job_runs.status} as {@link JobStatus}, by wire name. */
public final class JobStatusConverter extends WireNameConverter<JobStatus> {

    public JobStatusConverter() {
        super(JobStatus.class);
    }
}
