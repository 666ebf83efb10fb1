package dev.orchestrator.core.domain.reasons;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Arrays;
import java.util.Optional;

/** What a reason code explains: a skip or a snooze. The migration's CHECK lists the same wire names. */
public enum ReasonKind implements WireNamed {
    SKIP("skip"),
    SNOOZE("snooze");

    private final String wireName;

    ReasonKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<ReasonKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
