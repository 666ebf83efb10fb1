package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.reasons.ReasonKind;

/** {@code reason_codes.kind} as {@link ReasonKind}, by wire name. */
public final class ReasonKindConverter extends WireNameConverter<ReasonKind> {

    public ReasonKindConverter() {
        super(ReasonKind.class);
    }
}
