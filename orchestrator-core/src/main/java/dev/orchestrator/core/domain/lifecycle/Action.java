package dev.orchestrator.core.domain.lifecycle;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/** Everything that can happen to an execution, as recorded in its event history. */
public enum Action implements WireNamed {
    /** The execution came into being (signal interpreter, demo initializer, import). Not a transition. */
    CREATE("create"),
    START("start"),
    COMPLETE("complete"),
    SNOOZE("snooze"),
    SKIP("skip"),
    /** Adds an escalation user (a manager, usually); the assigned CSM stays the owner. */
    ESCALATE("escalate"),
    /** Ends a snooze early: back to not started. */
    WAKE("wake"),
    /** Saves progress ({@code execution_data}) without changing the status. */
    UPDATE_DATA("update_data"),
    /**
     * The execution moved to another CSM: with its customer (the catalog's write, by the system), or on
     * its own ({@code POST …/reassign}, a manager or an admin). The status stays.
     */
    REASSIGN("reassign"),
    /** The person escalated to takes the escalation on. Not a status change. */
    ACKNOWLEDGE("acknowledge"),
    /** The person escalated to closes the escalation. Not a status change. */
    RESOLVE("resolve"),
    /**
     * A prerequisite of the execution's definition was closed and nothing blocks it any more
     * ({@code DependencyRule}): it is offered again. Not a status change; no actor (the system).
     */
    UNBLOCKED("unblocked");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Action> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
