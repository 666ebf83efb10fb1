package dev.orchestrator.core.domain.jobs;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/** Why a job ran: its schedule came due, or someone ran it by hand ({@code orchestrator jobs run}). */
public enum JobTrigger implements WireNamed {
    SCHEDULE("schedule"),
    MANUAL("manual");

    private final String wireName;

    JobTrigger(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<JobTrigger> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
