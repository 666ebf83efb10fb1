package dev.orchestrator.core.domain.jobs;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/** Where a job run stands: running until it finishes; abandoned when its instance died and a later run found it. */
public enum JobStatus implements WireNamed {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    ABANDONED("abandoned");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<JobStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
