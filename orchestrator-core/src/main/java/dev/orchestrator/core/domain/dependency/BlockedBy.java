package dev.orchestrator.core.domain.dependency;

import java.util.Objects;

/** A {@link Blocker} with the prerequisite's name, as an API shows it ("Strategic review, still open"). */
public record BlockedBy(Blocker blocker, String prerequisiteName) {
    public BlockedBy {
        Objects.requireNonNull(blocker, "blocker");
        Objects.requireNonNull(prerequisiteName, "prerequisiteName");
    }

    /** "Strategic review (id): its execution … is still open". */
    public String describe() {
        return prerequisiteName + " (" + blocker.prerequisite() + "): " + blocker.reason();
    }
}
