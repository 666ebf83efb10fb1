package dev.orchestrator.core.domain.views;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of the execution list, all of which must hold (an absent one holds for every row).
 * {@link #matches} is the rule; the SQL adapter writes the same conditions and the list contract test
 * checks both on random data. Only production executions are listed (demo ones have the demo routes).
 *
 * @param statuses any of these statuses (empty: any status)
 * @param label the label of the stored priority score, under the policy's thresholds
 * @param dueAtOrBefore due at or before this instant (executions without a due date never match)
 * @param snoozedUntilBefore snoozed, and back before this instant
 * @param text the customer's or the definition's name contains it, ignoring case
 */
public record ExecutionFilter(Set<ExecutionStatus> statuses, Optional<WorkflowType> workflowType,
        Optional<PriorityLabel> label, Optional<CustomerId> customer, Optional<ProfileId> csm,
        Optional<DefinitionId> definition, Optional<Instant> dueAtOrBefore, Optional<Instant> snoozedUntilBefore,
        Optional<String> text) {

    public static final ExecutionFilter NONE = new ExecutionFilter(Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ExecutionFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(csm, "csm");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(dueAtOrBefore, "dueAtOrBefore");
        Objects.requireNonNull(snoozedUntilBefore, "snoozedUntilBefore");
        Objects.requireNonNull(text, "text");
    }

    /** The text as it is compared: lower case, language-neutral. */
    public static String folded(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    public boolean matches(ExecutionView view, PriorityPolicy.LabelThresholds labels) {
        WorkflowExecution e = view.entry().execution();
        return !e.demo()
                && (statuses.isEmpty() || statuses.contains(e.status()))
                && workflowType.map(t -> t == view.entry().definition().type()).orElse(true)
                && label.map(l -> labels.labelFor(e.priorityScore()) == l).orElse(true)
                && customer.map(c -> c.equals(e.customerId())).orElse(true)
                && csm.map(c -> c.equals(e.assignedCsmId())).orElse(true)
                && definition.map(d -> d.equals(e.definitionId())).orElse(true)
                && dueAtOrBefore.map(t -> view.dueAt() != null && !view.dueAt().isAfter(t)).orElse(true)
                && snoozedUntilBefore.map(t -> e.status() == ExecutionStatus.SNOOZED && e.snoozeUntil() != null
                        && e.snoozeUntil().isBefore(t)).orElse(true)
                && text.map(ExecutionFilter::folded).map(q -> folded(view.entry().customer().name()).contains(q)
                        || folded(view.entry().definition().name()).contains(q)).orElse(true);
    }
}
