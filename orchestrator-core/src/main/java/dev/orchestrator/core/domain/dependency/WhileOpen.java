package dev.orchestrator.core.domain.dependency;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the signal interpreter does with a dependent workflow while its prerequisite would block it:
 * create it anyway (visible, but blocked until the prerequisite is done), or wait and create it once
 * the prerequisite no longer blocks. The migrations' CHECK is tied to these wire names.
 */
public enum WhileOpen implements WireNamed {
    /** Create the dependent execution at once; it stays blocked (visible, not offered) until released. */
    CREATE("create"),
    /** Do not create the dependent execution while it would be blocked. */
    WAIT("wait");

    private final String wireName;

    WhileOpen(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<WhileOpen> fromWireName(String name) {
        return Arrays.stream(values()).filter(w -> w.wireName.equals(name)).findFirst();
    }
}
