package dev.orchestrator.core.domain.views;

import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Objects;

/** A profile as a view names it: its id and full name. */
public record Person(ProfileId id, String name) {
    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
