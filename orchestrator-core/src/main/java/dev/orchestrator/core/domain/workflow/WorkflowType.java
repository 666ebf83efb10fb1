package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of workflow a definition can be; each has a default priority tier in the priority policy. */
public enum WorkflowType implements WireNamed {
    RISK("risk"),
    OPPORTUNITY("opportunity"),
    STRATEGIC("strategic"),
    RENEWAL("renewal"),
    CUSTOM("custom");

    private final String wireName;

    WorkflowType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON, SQL and on the command line. */
    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<WorkflowType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
