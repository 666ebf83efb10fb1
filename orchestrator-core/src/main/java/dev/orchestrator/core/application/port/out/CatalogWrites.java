package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

/**
 * Single writes of catalog data that change work, each in ONE transaction with what follows from
 * it: a definition's open executions re-scored; a customer's open executions moved to its new CSM,
 * re-scored, and its signals interpreted (creating what they now call for). {@code expectedVersion}
 * empty means "create, or replace whatever is there"; present, the stored version must equal it.
 */
public interface CatalogWrites {

    /** How a write affected the work: executions created, re-scored, moved. */
    record WorkChanges(List<Created> created, List<Rescored> rescored, long reassigned) {
        public static final WorkChanges NONE = new WorkChanges(List.of(), List.of(), 0);

        public WorkChanges {
            created = List.copyOf(created);
            rescored = List.copyOf(rescored);
        }

        /** The difference between the open executions before a write and after it. */
        public static WorkChanges between(List<OpenExecution> before, List<OpenExecution> after, long reassigned) {
            java.util.Map<ExecutionId, OpenExecution> was = new java.util.HashMap<>();
            before.forEach(e -> was.put(e.id(), e));
            List<Created> created = new java.util.ArrayList<>();
            List<Rescored> rescored = new java.util.ArrayList<>();
            for (OpenExecution now : after) {
                OpenExecution then = was.get(now.id());
                if (then == null) {
                    created.add(new Created(now.id(), now.definition(), now.customer(), now.score()));
                } else if (then.score() != now.score()) {
                    rescored.add(new Rescored(now.id(), then.score(), now.score()));
                }
            }
            return new WorkChanges(created, rescored, reassigned);
        }
    }

    /** An open execution as a write's before/after comparison sees it. */
    record OpenExecution(ExecutionId id, DefinitionId definition, CustomerId customer, int score) {
    }

    record Created(ExecutionId execution, DefinitionId definition, CustomerId customer, int priorityScore) {
    }

    record Rescored(ExecutionId execution, int from, int to) {
    }

    /** The policies and the moment a write is scored with. */
    record Scoring(PriorityPolicy priorityPolicy, SignalPolicy signalPolicy, LocalDate today, Instant now) {
    }

    sealed interface Outcome {
        /** Written: the new version, whether the row is new, and what it did to the work. */
        record Saved(long version, boolean created, WorkChanges changes) implements Outcome {
        }

        /** The stored version is not the expected one (or the row is gone): nothing was written. */
        record Stale(OptionalLong currentVersion) implements Outcome {
        }

        /** The id belongs to another organization: nothing was written (and the caller is told it does not exist). */
        record Foreign() implements Outcome {
        }

        /** The store refused the row (a unique email...): nothing was written. */
        record Refused(Problem problem) implements Outcome {
        }
    }

    Outcome saveDefinition(WorkflowDefinition definition, OptionalLong expectedVersion, Scoring scoring);

    Outcome saveCustomer(CustomerEntry customer, OptionalLong expectedVersion, Scoring scoring);

    /** One customer's partial signals: the fields present replace (null clears), the others stay. */
    record SignalUpdate(CustomerId customer, SignalValues patch) {
    }

    /** What a signal update did; {@code found} false when the organization has no such customer. */
    record SignalOutcome(CustomerId customer, boolean found, WorkChanges changes) {
    }

    /**
     * Applies signal updates of one organization in one transaction (a customer may appear more than
     * once: later updates win), then re-scores and interprets the customers updated. One outcome
     * per update, in order.
     */
    List<SignalOutcome> applySignals(OrganizationId organization, List<SignalUpdate> updates, Scoring scoring);
}
