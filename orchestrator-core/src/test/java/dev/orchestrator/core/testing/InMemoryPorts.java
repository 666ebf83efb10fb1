package dev.orchestrator.core.testing;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.CustomerLookup;
import dev.orchestrator.core.application.port.out.DefinitionLookup;
import dev.orchestrator.core.application.port.out.ExecutionLookup;
import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.application.port.out.SignalInterpretation;
import dev.orchestrator.core.application.port.out.StoreHealth;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.queue.QueueOrdering;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalInterpreter;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every outbound port in memory, computed with the core's own Java rules. It is the reference the
 * real adapters are checked against (same contract tests), and it makes use-case tests fast.
 * Synchronized as a whole: simple and enough for tests.
 */
public final class InMemoryPorts implements PortsFixture, ProfileLookup, CustomerLookup, DefinitionLookup,
        ExecutionLookup, QueueReader, ExecutionWriter, PriorityRecomputation, SignalInterpretation, StoreHealth {

    private final Map<OrganizationId, String> organizations = new LinkedHashMap<>();
    private final Map<ProfileId, Profile> profiles = new LinkedHashMap<>();
    private final Map<CustomerId, Customer> customers = new LinkedHashMap<>();
    private final Map<CustomerId, CustomerSignals> signals = new LinkedHashMap<>();
    private final Map<DefinitionId, WorkflowDefinition> definitions = new LinkedHashMap<>();
    private final Map<ExecutionId, WorkflowExecution> executions = new LinkedHashMap<>();
    private final List<ExecutionEvent> events = new ArrayList<>();
    private final IdGenerator ids;
    private volatile boolean reachable = true;

    public InMemoryPorts(IdGenerator ids) {
        this.ids = ids;
    }

    public OutboundPorts ports() {
        return new OutboundPorts(this, this, this, this, this, this, this, this, ids, this);
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    // ---- fixture -------------------------------------------------------------------------

    @Override
    public synchronized void givenOrganization(OrganizationId id, String name) {
        organizations.put(id, name);
    }

    @Override
    public synchronized void givenProfile(Profile profile) {
        profiles.put(profile.id(), profile);
    }

    @Override
    public synchronized void givenCustomer(Customer customer, CustomerSignals customerSignals) {
        customers.put(customer.id(), customer);
        if (customerSignals != null) {
            signals.put(customer.id(), customerSignals);
        }
    }

    /** Replaces a stored customer's signals ({@code null}: none at all), as an import of new signals would. */
    public synchronized void changeSignals(Customer customer, CustomerSignals customerSignals) {
        if (customerSignals == null) {
            signals.remove(customer.id());
        } else {
            signals.put(customer.id(), customerSignals);
        }
    }

    @Override
    public synchronized void givenDefinition(WorkflowDefinition definition) {
        definitions.put(definition.id(), definition);
    }

    @Override
    public synchronized void givenExecution(WorkflowExecution execution) {
        executions.put(execution.id(), execution);
    }

    @Override
    public synchronized Optional<WorkflowExecution> storedExecution(OrganizationId organizationId, ExecutionId id) {
        return Optional.ofNullable(executions.get(id)).filter(e -> e.organizationId().equals(organizationId));
    }

    @Override
    public synchronized List<WorkflowExecution> storedExecutions(OrganizationId organizationId) {
        return executions.values().stream().filter(e -> e.organizationId().equals(organizationId)).toList();
    }

    @Override
    public synchronized List<ExecutionEvent> eventsOf(OrganizationId organizationId, ExecutionId id) {
        return events.stream()
                .filter(e -> e.organizationId().equals(organizationId) && e.executionId().equals(id))
                .toList();
    }

    // ---- lookups ---------------------------------------------------------------------------

    @Override
    public synchronized Optional<Profile> findCaller(ProfileId id) {
        return Optional.ofNullable(profiles.get(id));
    }

    @Override
    public synchronized Optional<Profile> findProfile(OrganizationId organizationId, ProfileId id) {
        return findCaller(id).filter(p -> p.organizationId().equals(organizationId));
    }

    @Override
    public synchronized Optional<Customer> findCustomer(OrganizationId organizationId, CustomerId id) {
        return Optional.ofNullable(customers.get(id)).filter(c -> c.organizationId().equals(organizationId));
    }

    @Override
    public synchronized CustomerSignals signalsOf(OrganizationId organizationId, CustomerId id) {
        return findCustomer(organizationId, id).map(c -> signals.getOrDefault(id, CustomerSignals.NONE))
                .orElse(CustomerSignals.NONE);
    }

    @Override
    public synchronized List<WorkflowDefinition> activeDemoDefinitions(OrganizationId organizationId) {
        return definitions.values().stream()
                .filter(d -> d.organizationId().equals(organizationId) && d.active() && d.demo())
                .toList();
    }

    @Override
    public synchronized Optional<QueueEntry> findExecution(OrganizationId organizationId, ExecutionId id) {
        return storedExecution(organizationId, id).map(this::entry);
    }

    @Override
    public synchronized List<QueueEntry> queue(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
        return executions.values().stream()
                .filter(e -> e.organizationId().equals(organizationId) && e.assignedCsmId().equals(csmId))
                .map(this::entry)
                .filter(QueueOrdering.membership(mode))
                .sorted(QueueOrdering.comparator(mode))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<QueueEntry> demoExecutions(OrganizationId organizationId, ProfileId csmId) {
        return executions.values().stream()
                .filter(e -> e.organizationId().equals(organizationId) && e.assignedCsmId().equals(csmId) && e.demo())
                .map(this::entry)
                .sorted(QueueOrdering.comparator(QueueMode.DEMO))
                .toList();
    }

    private QueueEntry entry(WorkflowExecution execution) {
        return new QueueEntry(execution, definitions.get(execution.definitionId()),
                customers.get(execution.customerId()), signals.getOrDefault(execution.customerId(), CustomerSignals.NONE));
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public synchronized SaveResult saveTransition(WorkflowExecution next, ExecutionStatus expectedStatus,
            long expectedVersion, ExecutionEvent event) {
        WorkflowExecution stored = storedExecution(next.organizationId(), next.id()).orElse(null);
        if (stored == null) {
            return new SaveResult.Conflict(Optional.empty());
        }
        if (stored.status() != expectedStatus || stored.version() != expectedVersion) {
            return new SaveResult.Conflict(Optional.of(stored.status()));
        }
        WorkflowExecution saved = new WorkflowExecution(next.id(), next.organizationId(), next.definitionId(),
                next.customerId(), next.assignedCsmId(), next.escalationUserId(), next.status(), next.snoozeUntil(),
                next.snoozeDays(), next.snoozedAt(), next.priorityScore(), next.startedAt(), next.completedAt(),
                next.skippedAt(), next.skipReason(), next.executionData(), next.demo(), expectedVersion + 1,
                next.createdAt(), next.updatedAt());
        executions.put(saved.id(), saved);
        events.add(event);
        return new SaveResult.Saved(saved);
    }

    @Override
    public synchronized List<WorkflowExecution> insertNew(List<WorkflowExecution> newExecutions, List<ExecutionEvent> newEvents) {
        List<WorkflowExecution> inserted = new ArrayList<>();
        for (WorkflowExecution execution : newExecutions) {
            if (!hasActive(execution.organizationId(), execution.customerId(), execution.definitionId())) {
                executions.put(execution.id(), execution);
                inserted.add(execution);
            }
        }
        Set<ExecutionId> insertedIds = inserted.stream().map(WorkflowExecution::id).collect(Collectors.toSet());
        newEvents.stream().filter(e -> insertedIds.contains(e.executionId())).forEach(events::add);
        return inserted;
    }

    private boolean hasActive(OrganizationId organizationId, CustomerId customerId, DefinitionId definitionId) {
        return executions.values().stream().anyMatch(e -> e.organizationId().equals(organizationId)
                && e.customerId().equals(customerId) && e.definitionId().equals(definitionId)
                && !e.status().isTerminal());
    }

    // ---- bulk jobs, row by row: fine for a reference ---------------------------------------------

    @Override
    public synchronized RecomputePriorities.Report recompute(Optional<OrganizationId> organization,
            PriorityPolicy policy, LocalDate today) {
        PriorityEvaluator evaluator = new PriorityEvaluator(policy);
        long examined = 0;
        long changed = 0;
        for (WorkflowExecution execution : List.copyOf(executions.values())) {
            if (organization.isPresent() && !organization.get().equals(execution.organizationId())
                    || execution.status().isTerminal()) {
                continue;
            }
            examined++;
            int score = evaluator.evaluate(entry(execution).priorityInput(), today).value();
            if (score != execution.priorityScore()) {
                executions.put(execution.id(), execution.withPriorityScore(score));
                changed++;
            }
        }
        return new RecomputePriorities.Report(examined, changed);
    }

    @Override
    public synchronized InterpretSignals.Report interpret(Optional<OrganizationId> organization,
            SignalPolicy signalPolicy, PriorityPolicy priorityPolicy, LocalDate today, Instant now) {
        SignalScorer scorer = new SignalScorer(signalPolicy);
        PriorityEvaluator evaluator = new PriorityEvaluator(priorityPolicy);
        Map<DefinitionId, Long> created = new TreeMap<>(Comparator.comparing(DefinitionId::value));
        for (Customer customer : List.copyOf(customers.values())) {
            if (organization.isPresent() && !organization.get().equals(customer.organizationId())
                    || customer.csmId() == null) {
                continue;
            }
            CustomerSignals customerSignals = signals.getOrDefault(customer.id(), CustomerSignals.NONE);
            Set<DefinitionId> active = executions.values().stream()
                    .filter(e -> e.customerId().equals(customer.id()) && !e.status().isTerminal())
                    .map(WorkflowExecution::definitionId)
                    .collect(Collectors.toSet());
            List<WorkflowDefinition> candidates = definitions.values().stream()
                    .filter(d -> d.organizationId().equals(customer.organizationId()))
                    .toList();
            for (WorkflowDefinition definition : SignalInterpreter.definitionsToTrigger(
                    scorer.score(customerSignals), candidates, active)) {
                ExecutionId id = ExecutionId.of(ids.newId());
                WorkflowExecution draft = WorkflowExecution.create(id, customer.organizationId(), definition.id(),
                        customer.id(), customer.csmId(), false, 0, now);
                int score = evaluator.evaluate(PriorityInput.of(draft, definition, customerSignals), today).value();
                executions.put(id, draft.withPriorityScore(score));
                events.add(ExecutionEvent.created(id, customer.organizationId(), null, now));
                created.merge(definition.id(), 1L, Long::sum);
            }
        }
        return new InterpretSignals.Report(created.entrySet().stream()
                .map(e -> new InterpretSignals.Created(e.getKey(), definitions.get(e.getKey()).name(), e.getValue()))
                .toList());
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }
}
