package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.DependencyRule;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What {@code DependencyRule} needs to decide whether one execution is blocked, and the release of
 * dependents when a prerequisite closes. The rule is the core's; stores only read and, on release,
 * apply it as the core defines it.
 */
public interface DependencyBlocks {

    /** A dependency with its prerequisite's name. */
    record Named(Dependency dependency, String prerequisiteName) {
    }

    /** The dependencies of a definition, in their order; empty when it has none (or does not exist). */
    List<Named> dependenciesOf(OrganizationId organization, DefinitionId definition);

    /** Every execution of the customer of one of {@code definitions}, in any status. */
    List<DependencyRule.Run> runs(OrganizationId organization, CustomerId customer, Collection<DefinitionId> definitions);

    /**
     * The release a single close does inside its own write ({@code ExecutionWriter#saveTransition}), for every execution (of {@code organization}, or of all) closed at exactly
     * {@code closedAt} by a set-based rule (the daily auto-close): each dependent released gets one
     * {@code unblocked} event at {@code closedAt}, however many of its prerequisites closed. Returns how many.
     */
    long releaseClosedAt(Optional<OrganizationId> organization, Instant closedAt);
}
