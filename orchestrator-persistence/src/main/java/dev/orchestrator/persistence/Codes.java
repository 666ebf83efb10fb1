package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.persistence.types.ExecutionAction;
import dev.orchestrator.persistence.types.ExecutionStatus;
import dev.orchestrator.persistence.types.ProfileRole;
import dev.orchestrator.persistence.types.WorkflowType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Core values to and from their stored form. Enums are matched on the stored literal (the core's
 * wire name), never on the Java constant name, so either side may rename constants freely.
 */
final class Codes {

    private Codes() {
    }

    static ExecutionStatus status(dev.orchestrator.core.domain.execution.ExecutionStatus status) {
        return status == null ? null : byLiteral(ExecutionStatus.values(), status.wireName());
    }

    static dev.orchestrator.core.domain.execution.ExecutionStatus status(ExecutionStatus status) {
        return status == null ? null : dev.orchestrator.core.domain.execution.ExecutionStatus
                .fromWireName(status.getLiteral()).orElseThrow(() -> unknown(status));
    }

    static ExecutionAction action(Action action) {
        return byLiteral(ExecutionAction.values(), action.wireName());
    }

    static Action action(ExecutionAction action) {
        return Action.fromWireName(action.getLiteral()).orElseThrow(() -> unknown(action));
    }

    static WorkflowType type(dev.orchestrator.core.domain.workflow.WorkflowType type) {
        return byLiteral(WorkflowType.values(), type.wireName());
    }

    static dev.orchestrator.core.domain.workflow.WorkflowType type(WorkflowType type) {
        return dev.orchestrator.core.domain.workflow.WorkflowType.fromWireName(type.getLiteral())
                .orElseThrow(() -> unknown(type));
    }

    static ProfileRole role(Role role) {
        return byLiteral(ProfileRole.values(), role.wireName());
    }

    static Role role(ProfileRole role) {
        return Role.fromWireName(role.getLiteral()).orElseThrow(() -> unknown(role));
    }

    /**
     * The statuses as inline literals of {@code field}'s type. Partial indexes are only usable when
     * their predicate is written with literals (a bound list defeats cached generic plans).
     */
    static List<Field<ExecutionStatus>> inlineStatuses(Field<ExecutionStatus> field,
            Collection<dev.orchestrator.core.domain.execution.ExecutionStatus> statuses) {
        return statuses.stream().sorted().<Field<ExecutionStatus>>map(s -> DSL.inline(status(s), field)).toList();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static <T, R> R mapNullable(T value, Function<T, R> mapper) {
        return value == null ? null : mapper.apply(value);
    }

    private static <E extends EnumType> E byLiteral(E[] values, String literal) {
        return Arrays.stream(values).filter(v -> v.getLiteral().equals(literal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stored value for " + literal));
    }

    private static IllegalStateException unknown(EnumType value) {
        return new IllegalStateException("the core has no value for stored " + value.getLiteral());
    }
}
