package dev.orchestrator.core.domain.reasons;

import java.util.Objects;

/**
 * One entry of an organization's catalog of skip and snooze reasons: a stable {@code code} that
 * events and executions keep, the {@code label} people read, and whether it may still be chosen
 * ({@code active}; an inactive code stays readable in the history).
 */
public record ReasonCode(String code, ReasonKind kind, String label, boolean active) {

    public ReasonCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
    }
}
