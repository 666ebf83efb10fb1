package dev.orchestrator.core.domain.priority;

/** The word a dashboard shows next to a priority score; thresholds live in {@link PriorityPolicy}. */
public enum PriorityLabel {
    CRITICAL("Critical"),
    HIGH("High"),
    MEDIUM("Medium"),
    LOW("Low");

    private final String displayName;

    PriorityLabel(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
