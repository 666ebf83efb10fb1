package dev.orchestrator.core.testing;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogOwners;
import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.domain.dependency.Dependency;
import dev.orchestrator.core.domain.dependency.DependencyRule;
import dev.orchestrator.core.application.port.out.CatalogReads;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.out.CustomerLookup;
import dev.orchestrator.core.application.port.out.DefinitionLookup;
import dev.orchestrator.core.application.port.out.ExecutionLookup;
import dev.orchestrator.core.application.port.out.ExecutionViews;
import dev.orchestrator.core.application.port.out.TeamViews;
import dev.orchestrator.core.application.port.out.RebalanceReads;
import dev.orchestrator.core.application.port.out.AnalyticsReads;
import dev.orchestrator.core.domain.team.CsmWorkload;
import dev.orchestrator.core.domain.team.TeamWindows;
import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.application.port.out.IdempotencyRecords;
import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.application.port.out.PolicySimulation;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.policy.SimulationReport;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.PolicyVersion;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.application.port.out.ReadTransactions;
import dev.orchestrator.core.application.port.out.ReasonCodes;
import dev.orchestrator.core.application.port.out.SignalInterpretation;
import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.application.port.out.StoreHealth;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.ContactEntry;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.catalog.Versioned;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.customer.RelationshipStrength;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.customer.CustomerDates;
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
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.priority.ScoreChange;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.queue.QueueOrdering;
import dev.orchestrator.core.domain.reasons.ReasonCode;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalInterpreter;
import dev.orchestrator.core.domain.signals.TriggeredWorkflow;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.views.ExecutionFilter;
import dev.orchestrator.core.domain.views.ExecutionView;
import dev.orchestrator.core.domain.views.HistoryEntry;
import dev.orchestrator.core.domain.views.ListSort;
import dev.orchestrator.core.domain.views.Person;
import dev.orchestrator.core.domain.views.Visibility;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.UUID;
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
        ExecutionLookup, QueueReader, ExecutionWriter, PriorityRecomputation, SignalInterpretation, StoreHealth,
        CatalogOwners, CatalogLoader, CatalogReads, CatalogWrites, IdempotencyRecords, ExecutionViews,
        SignalLifecycle, TeamViews, ReasonCodes, OrganizationSettingsStore, PolicyVersions, PolicySimulation,
        DependencyBlocks, RebalanceReads, AnalyticsReads, ReadTransactions {

    private Map<OrganizationId, String> organizations = new LinkedHashMap<>();
    private Map<ProfileId, Profile> profiles = new LinkedHashMap<>();
    private Map<CustomerId, Customer> customers = new LinkedHashMap<>();
    private Map<CustomerId, CustomerSignals> signals = new LinkedHashMap<>();
    private Map<CustomerId, List<ContactEntry>> contacts = new LinkedHashMap<>();
    /** Customers' ARR and renewal date, as last loaded (fixtures' customers have none). */
    private Map<CustomerId, CustomerEntry> customerDetails = new LinkedHashMap<>();
    /** Renewal and review dates given by a fixture (loaded customers carry theirs in {@code customerDetails}). */
    private Map<CustomerId, CustomerDates> givenDates = new LinkedHashMap<>();
    /** Versions of customers and definitions, by id: 0 when created, one more on each write. */
    private Map<UUID, Long> versions = new HashMap<>();
    private Map<DefinitionId, WorkflowDefinition> definitions = new LinkedHashMap<>();
    private Map<ExecutionId, WorkflowExecution> executions = new LinkedHashMap<>();
    /** The remembered score changes (the SQL store keeps them in V39's columns). */
    private final Map<ExecutionId, ScoreMemo> scoreMemos = new HashMap<>();
    private List<ExecutionEvent> events = new ArrayList<>();
    /** Executions' due dates ({@code due_at}), which {@link WorkflowExecution} does not carry. */
    private Map<ExecutionId, Instant> dueAts = new HashMap<>();
    /** The signal-aware lifecycle's per-execution state (the columns V24 adds to workflow_executions). */
    private final Set<ExecutionId> createdBySignals = new java.util.HashSet<>();
    private final Map<ExecutionId, AutoCloseCount> autoCloseCounts = new HashMap<>();
    private final Map<ExecutionId, Integer> snoozeRiskScores = new HashMap<>();
    private final Map<ExecutionId, Integer> wokenRiskScores = new HashMap<>();
    private final Map<OrganizationId, List<ReasonCode>> reasonCodes = new HashMap<>();
    private final Map<OrganizationId, OrganizationSettings> settings = new HashMap<>();
    /** Each organization's stored policy versions, oldest first (the table V30 creates). */
    private final Map<OrganizationId, List<PolicyVersion>> policyVersions = new HashMap<>();
    private final IdGenerator ids;
    private volatile boolean reachable = true;

    public InMemoryPorts(IdGenerator ids) {
        this.ids = ids;
    }

    public OutboundPorts ports() {
        return new OutboundPorts(this, this, this, this, this, this, this, this, ids, this, this, this, this, this, this, this,
                this, this, this, this, this, this, this, this, this, this);
    }

    /** Reads together hold the fake's lock throughout: they see one state, as in one transaction. */
    @Override
    public synchronized <T> T together(java.util.function.Supplier<T> reads) {
        return reads.get();
    }

    /** Reads and their write hold the fake's lock throughout, as one transaction. */
    @Override
    public synchronized <T> T readsThenWrite(java.util.function.Supplier<T> work) {
        return work.get();
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

    @Override
    public synchronized void givenCustomer(Customer customer, CustomerSignals customerSignals, CustomerDates dates) {
        givenCustomer(customer, customerSignals);
        givenDates.put(customer.id(), dates);
    }

    private CustomerDates datesOf(CustomerId id) {
        CustomerEntry details = customerDetails.get(id);
        return details != null ? details.dates() : givenDates.getOrDefault(id, CustomerDates.NONE);
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
    public synchronized List<Profile> profiles(OrganizationId organizationId, Optional<Role> role) {
        return profiles.values().stream()
                .filter(p -> p.organizationId().equals(organizationId) && role.map(r -> r == p.role()).orElse(true))
                .sorted(Comparator.comparing(Profile::fullName).thenComparing(p -> p.id().value()))
                .toList();
    }

    @Override
    public synchronized List<Profile> reportsOf(OrganizationId organizationId, ProfileId manager) {
        return profiles(organizationId, Optional.empty()).stream().filter(p -> manager.equals(p.managerId())).toList();
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
    public synchronized List<QueueEntry> findExecutions(OrganizationId organizationId,
            java.util.Collection<ExecutionId> ids) {
        return new java.util.LinkedHashSet<>(ids).stream()
                .flatMap(id -> storedExecution(organizationId, id).map(this::entry).stream()).toList();
    }

    @Override
    public synchronized List<QueueEntry> queue(OrganizationId organizationId, ProfileId csmId, QueueMode mode, int limit) {
        return executions.values().stream()
                .filter(e -> e.organizationId().equals(organizationId) && e.assignedCsmId().equals(csmId))
                .map(this::entry)
                .filter(QueueOrdering.membership(mode))
                // The production queue leaves blocked work out (QueueOrdering, DependencyRule).
                .filter(e -> mode != QueueMode.PRODUCTION || !blockedNow(e.execution()))
                .sorted(QueueOrdering.comparator(mode))
                .limit(limit)
                .toList();
    }

    // ---- dependencies ------------------------------------------------------------------------

    private boolean blockedNow(WorkflowExecution e) {
        WorkflowDefinition d = definitions.get(e.definitionId());
        return d != null && DependencyRule.blocked(e.status(), e.createdAt(), d.dependsOn(), runsOf(e.organizationId(),
                e.customerId()));
    }

    private List<DependencyRule.Run> runsOf(OrganizationId organization, CustomerId customer) {
        return executions.values().stream()
                .filter(x -> x.organizationId().equals(organization) && x.customerId().equals(customer))
                .map(x -> new DependencyRule.Run(x.id(), x.definitionId(), x.status(), x.completedAt()))
                .toList();
    }

    @Override
    public synchronized List<Named> dependenciesOf(OrganizationId organization, DefinitionId definition) {
        WorkflowDefinition d = definitions.get(definition);
        if (d == null || !d.organizationId().equals(organization)) {
            return List.of();
        }
        return d.dependsOn().stream()
                .map(x -> new Named(x, definitions.get(x.prerequisite()).name()))
                .toList();
    }

    @Override
    public synchronized List<DependencyRule.Run> runs(OrganizationId organization, CustomerId customer,
            Collection<DefinitionId> definitionIds) {
        return runsOf(organization, customer).stream().filter(r -> definitionIds.contains(r.definition())).toList();
    }

    @Override
    public synchronized long releaseClosedAt(Optional<OrganizationId> organization, Instant closedAt) {
        List<WorkflowExecution> closed = executions.values().stream()
                .filter(e -> organization.map(e.organizationId()::equals).orElse(true) && e.status().isTerminal()
                        && (closedAt.equals(e.completedAt()) || closedAt.equals(e.skippedAt())))
                .toList();
        return release(closed, closedAt).size();
    }

    /** The dependents no longer blocked of any of {@code closed}, each with one 'unblocked' event. */
    private List<ExecutionId> release(List<WorkflowExecution> closed, Instant now) {
        java.util.Set<ExecutionId> released = new java.util.LinkedHashSet<>();
        for (WorkflowExecution c : closed) {
            released.addAll(dependentsReleasedBy(c));
        }
        List<ExecutionId> ids = new ArrayList<>(released);
        ids.sort((a, b) -> QueueOrdering.compareUuids(a.value(), b.value()));
        for (ExecutionId id : ids) {
            WorkflowExecution e = executions.get(id);
            events.add(new ExecutionEvent(id, e.organizationId(), null, dev.orchestrator.core.domain.lifecycle.Action.UNBLOCKED,
                    e.status(), e.status(), null, null, null, now));
        }
        return List.copyOf(ids);
    }

    private List<ExecutionId> dependentsReleasedBy(WorkflowExecution c) {
        OrganizationId organization = c.organizationId();
        List<ExecutionId> released = new ArrayList<>();
        for (WorkflowExecution e : executions.values()) {
            WorkflowDefinition d = definitions.get(e.definitionId());
            if (e.organizationId().equals(organization) && e.customerId().equals(c.customerId())
                    && DependencyRule.BLOCKABLE.contains(e.status()) && d != null
                    && d.dependsOn().stream().anyMatch(x -> x.prerequisite().equals(c.definitionId()))
                    && !blockedNow(e)) {
                released.add(e.id());
            }
        }
        return released;
    }

    @Override
    public synchronized Map<DefinitionId, List<DefinitionId>> storedDependencies(OrganizationId organization) {
        Map<DefinitionId, List<DefinitionId>> stored = new LinkedHashMap<>();
        for (WorkflowDefinition d : definitions.values()) {
            if (d.organizationId().equals(organization) && !d.dependsOn().isEmpty()) {
                stored.put(d.id(), d.dependsOn().stream().map(Dependency::prerequisite).toList());
            }
        }
        return stored;
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
        ScoreMemo memo = scoreMemos.get(execution.id());
        ScoreChange change = memo == null || memo.changedOn() == null || memo.previousScore() == null ? null
                : new ScoreChange(memo.previousScore(), memo.previousParts(), memo.changedOn());
        return new QueueEntry(execution, definitions.get(execution.definitionId()),
                customers.get(execution.customerId()), signals.getOrDefault(execution.customerId(), CustomerSignals.NONE),
                change);
    }

    // ---- reason codes ------------------------------------------------------------------------

    @Override
    public synchronized List<ReasonCode> reasonCodes(OrganizationId organization) {
        return reasonCodes.getOrDefault(organization, List.of());
    }

    @Override
    public synchronized void replaceReasonCodes(OrganizationId organization, List<ReasonCode> codes) {
        reasonCodes.put(organization, List.copyOf(codes));
    }

    // ---- organization settings ---------------------------------------------------------------

    @Override
    public synchronized OrganizationSettings settings(OrganizationId organization) {
        return settings.getOrDefault(organization, OrganizationSettings.DEFAULTS);
    }

    @Override
    public synchronized void saveSettings(OrganizationId organization, OrganizationSettings value) {
        if (!organizations.containsKey(organization)) {
            throw new IllegalArgumentException("no organization " + organization);
        }
        settings.put(organization, value);
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public synchronized SaveResult saveTransition(WorkflowExecution next, ExecutionStatus expectedStatus,
            long expectedVersion, ExecutionEvent event, Integer riskScore) {
        WorkflowExecution stored = storedExecution(next.organizationId(), next.id()).orElse(null);
        if (stored == null) {
            return new SaveResult.Conflict(Optional.empty());
        }
        if (stored.status() != expectedStatus || stored.version() != expectedVersion) {
            return new SaveResult.Conflict(Optional.of(stored.status()));
        }
        WorkflowExecution saved = next.withVersion(expectedVersion + 1);
        executions.put(saved.id(), saved);
        events.add(event);
        if (!expectedStatus.isTerminal() && saved.status().isTerminal()) {
            release(List.of(saved), event.occurredAt());
        }
        autoCloseCounts.remove(saved.id());
        wokenRiskScores.remove(saved.id());
        if (event.action() == dev.orchestrator.core.domain.lifecycle.Action.SNOOZE && riskScore != null) {
            snoozeRiskScores.put(saved.id(), riskScore);
        } else {
            snoozeRiskScores.remove(saved.id());
        }
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
    public synchronized RecomputePriorities.Report recompute(WorkScope scope, PriorityPolicy policy, LocalDate today) {
        return rescore(scope, policy, today, true);
    }

    /**
     * What the remembered change of an execution's score is (V39's columns): the parts of the stored
     * score, and the score and parts before the day's first change.
     */
    private record ScoreMemo(Map<String, Integer> parts, Integer previousScore, Map<String, Integer> previousParts,
            LocalDate changedOn) {
    }

    /**
     * Re-scores like the SQL recompute, remembering each change; {@code forgetOlder} (the full
     * recompute) also forgets changes of earlier days on rows whose score stays.
     */
    private RecomputePriorities.Report rescore(WorkScope scope, PriorityPolicy policy, LocalDate today,
            boolean forgetOlder) {
        PriorityEvaluator evaluator = new PriorityEvaluator(policy);
        long examined = 0;
        long changed = 0;
        for (WorkflowExecution execution : List.copyOf(executions.values())) {
            if (!scope.covers(execution.organizationId(), execution.customerId(), execution.definitionId())
                    || execution.status().isTerminal()) {
                continue;
            }
            examined++;
            PriorityScore score = evaluator.evaluate(entry(execution).priorityInput(), today);
            ScoreMemo memo = scoreMemos.get(execution.id());
            if (score.value() != execution.priorityScore()) {
                boolean changedToday = memo != null && today.equals(memo.changedOn());
                scoreMemos.put(execution.id(), new ScoreMemo(ScoreChange.parts(score.explanation()),
                        changedToday ? memo.previousScore() : Integer.valueOf(execution.priorityScore()),
                        changedToday ? memo.previousParts() : memo == null ? null : memo.parts(), today));
                executions.put(execution.id(), execution.withPriorityScore(score.value()));
                changed++;
            } else if (forgetOlder && memo != null && memo.changedOn() != null && memo.changedOn().isBefore(today)) {
                scoreMemos.put(execution.id(), new ScoreMemo(memo.parts(), null, null, null));
            }
        }
        return new RecomputePriorities.Report(examined, changed);
    }

    @Override
    public synchronized InterpretSignals.Report interpret(WorkScope scope, SignalPolicy signalPolicy,
            PriorityPolicy priorityPolicy, LocalDate today, Instant now) {
        SignalScorer scorer = new SignalScorer(signalPolicy);
        PriorityEvaluator evaluator = new PriorityEvaluator(priorityPolicy);
        Map<DefinitionId, Long> created = new TreeMap<>(Comparator.comparing(DefinitionId::value));
        assignFromPools(scope, scorer, today, now);
        for (Customer customer : List.copyOf(customers.values())) {
            if (!scope.covers(customer.organizationId(), customer.id(), null) || customer.csmId() == null) {
                continue;
            }
            CustomerSignals customerSignals = signals.getOrDefault(customer.id(), CustomerSignals.NONE);
            Set<DefinitionId> active = executions.values().stream()
                    .filter(e -> e.customerId().equals(customer.id()) && !e.status().isTerminal())
                    .map(WorkflowExecution::definitionId)
                    .collect(Collectors.toSet());
            Map<DefinitionId, Instant> lastClosed = lastClosed(customer.id());
            List<WorkflowDefinition> candidates = definitions.values().stream()
                    .filter(d -> d.organizationId().equals(customer.organizationId()))
                    .filter(d -> scope.definition().map(d.id()::equals).orElse(true))
                    .toList();
            // As one SQL statement does: against the customer's work before this run, and what it triggers.
            List<DependencyRule.Run> before = runsOf(customer.organizationId(), customer.id());
            List<TriggeredWorkflow> triggeredNow = SignalInterpreter.triggered(
                    scorer.score(customerSignals), datesOf(customer.id()), today, candidates, active, lastClosed, now);
            Set<DefinitionId> createdWithIt = triggeredNow.stream().map(t -> t.definition().id())
                    .collect(Collectors.toSet());
            for (TriggeredWorkflow triggered : triggeredNow) {
                WorkflowDefinition definition = triggered.definition();
                if (DependencyRule.waits(definition.dependsOn(), before, createdWithIt, now)) {
                    continue;
                }
                ExecutionId id = ExecutionId.of(ids.newId());
                WorkflowExecution draft = WorkflowExecution.create(id, customer.organizationId(), definition.id(),
                        customer.id(), customer.csmId(), false, 0, now, triggered.dueAt());
                int score = evaluator.evaluate(PriorityInput.of(draft, definition, customerSignals), today).value();
                JsonObject data = TemplateSteps.executionData(definition, customerSignals, scorer.score(customerSignals),
                        today);
                executions.put(id, draft.withPriorityScore(score).withExecutionData(data));
                createdBySignals.add(id);
                events.add(ExecutionEvent.created(id, customer.organizationId(), null, now));
                created.merge(definition.id(), 1L, Long::sum);
            }
        }
        return new InterpretSignals.Report(created.entrySet().stream()
                .map(e -> new InterpretSignals.Created(e.getKey(), definitions.get(e.getKey()).name(), e.getValue()))
                .toList());
    }

    /** Each organization's round-robin turn (organizations.assignment_turn). */
    private final Map<OrganizationId, Long> assignmentTurns = new HashMap<>();

    /**
     * Customers without a CSM that this run creates work for get one from their organization's pool
     * ({@code AssignmentRule}), counting open work as it is before the run.
     */
    private void assignFromPools(WorkScope scope, SignalScorer scorer, LocalDate today, Instant now) {
        Map<OrganizationId, List<CustomerId>> waiting = new LinkedHashMap<>();
        for (Customer customer : customers.values()) {
            if (customer.csmId() != null || !scope.covers(customer.organizationId(), customer.id(), null)) {
                continue;
            }
            Set<DefinitionId> active = executions.values().stream()
                    .filter(e -> e.customerId().equals(customer.id()) && !e.status().isTerminal())
                    .map(WorkflowExecution::definitionId).collect(Collectors.toSet());
            List<WorkflowDefinition> candidates = definitions.values().stream()
                    .filter(d -> d.organizationId().equals(customer.organizationId()))
                    .filter(d -> scope.definition().map(d.id()::equals).orElse(true)).toList();
            if (!SignalInterpreter.triggered(scorer.score(signals.getOrDefault(customer.id(), CustomerSignals.NONE)),
                    datesOf(customer.id()), today, candidates, active, lastClosed(customer.id()), now).isEmpty()) {
                waiting.computeIfAbsent(customer.organizationId(), k -> new ArrayList<>()).add(customer.id());
            }
        }
        waiting.forEach((organization, ids) -> {
            OrganizationSettings current = settings(organization);
            Map<ProfileId, Long> open = new HashMap<>();
            executions.values().stream().filter(e -> e.organizationId().equals(organization) && !e.demo()
                    && !e.status().isTerminal()).forEach(e -> open.merge(e.assignedCsmId(), 1L, Long::sum));
            long turn = assignmentTurns.getOrDefault(organization, 0L);
            Map<CustomerId, ProfileId> assigned = dev.orchestrator.core.domain.workload.AssignmentRule.assign(
                    current.assignmentStrategy(), current.assignmentPool(), open, turn, ids);
            assigned.forEach((id, csm) -> {
                Customer c = customers.get(id);
                customers.put(id, new Customer(c.id(), c.organizationId(), c.name(), csm));
                CustomerEntry detail = customerDetails.get(id);
                if (detail != null) {
                    customerDetails.put(id, new CustomerEntry(detail.id(), detail.organizationId(), detail.name(), csm,
                            detail.arr(), detail.renewalDate(), detail.annualReviewDate(), detail.properties(),
                            detail.contacts()));
                }
            });
            assignmentTurns.put(organization, dev.orchestrator.core.domain.workload.AssignmentRule.turnAfter(
                    current.assignmentStrategy(), turn, assigned.size()));
        });
    }

    /** The organization's round-robin turn (for the PoolAssignment contract). */
    public synchronized long assignmentTurn(OrganizationId organization) {
        return assignmentTurns.getOrDefault(organization, 0L);
    }

    /** When the customer's executions of each definition last closed (completed or skipped). */
    private Map<DefinitionId, Instant> lastClosed(CustomerId customer) {
        Map<DefinitionId, Instant> closed = new HashMap<>();
        for (WorkflowExecution e : executions.values()) {
            Instant at = e.status() == ExecutionStatus.COMPLETED ? e.completedAt()
                    : e.status() == ExecutionStatus.SKIPPED ? e.skippedAt() : null;
            if (e.customerId().equals(customer) && at != null) {
                closed.merge(e.definitionId(), at, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return closed;
    }

    // ---- the signal-aware lifecycle rules, row by row ---------------------------------------------

    private record AutoCloseCount(long runs, LocalDate countedOn) {
    }

    @Override
    public synchronized AutoCloseReport autoClose(Optional<OrganizationId> organization, SignalPolicy policy,
            LocalDate today, Instant now) {
        SignalScorer scorer = new SignalScorer(policy);
        long counted = 0;
        long reset = 0;
        long closed = 0;
        for (WorkflowExecution e : List.copyOf(executions.values())) {
            if (!WorkScope.of(organization).covers(e.organizationId(), e.customerId(), e.definitionId())
                    || e.status() != ExecutionStatus.NOT_STARTED || e.demo() || !createdBySignals.contains(e.id())) {
                continue;
            }
            WorkflowDefinition definition = definitions.get(e.definitionId());
            AutoCloseCount before = autoCloseCounts.getOrDefault(e.id(), new AutoCloseCount(0, null));
            dev.orchestrator.core.domain.signals.AutoCloseRule.Decision decision =
                    dev.orchestrator.core.domain.signals.AutoCloseRule.decide(definition.triggerConditions(),
                            scorer.score(signals.getOrDefault(e.customerId(), CustomerSignals.NONE)),
                            before.runs(), before.countedOn(), today);
            if (decision.runs() > before.runs()) {
                counted++;
            } else if (decision.runs() < before.runs()) {
                reset++;
            }
            autoCloseCounts.put(e.id(), new AutoCloseCount(decision.runs(), decision.countedOn()));
            if (decision.closeReason().isPresent()) {
                String reason = decision.closeReason().get();
                WorkflowExecution skipped = e.change().status(ExecutionStatus.SKIPPED).skipped(now, reason).at(now);
                executions.put(e.id(), skipped);
                events.add(new ExecutionEvent(e.id(), e.organizationId(), null,
                        dev.orchestrator.core.domain.lifecycle.Action.SKIP, ExecutionStatus.NOT_STARTED,
                        ExecutionStatus.SKIPPED, null, reason, null, now));
                closed++;
            }
        }
        return new AutoCloseReport(counted, reset, closed);
    }

    @Override
    public synchronized long wakeEarly(Optional<OrganizationId> organization, SignalPolicy policy, Instant now) {
        SignalScorer scorer = new SignalScorer(policy);
        long woken = 0;
        for (WorkflowExecution e : List.copyOf(executions.values())) {
            if (!WorkScope.of(organization).covers(e.organizationId(), e.customerId(), e.definitionId())
                    || e.status() != ExecutionStatus.SNOOZED) {
                continue;
            }
            Integer before = snoozeRiskScores.get(e.id());
            int risk = scorer.score(signals.getOrDefault(e.customerId(), CustomerSignals.NONE)).risk().value();
            if (!dev.orchestrator.core.domain.signals.EarlyWakeRule.wakes(
                    definitions.get(e.definitionId()).triggerConditions(), before, risk)) {
                continue;
            }
            executions.put(e.id(), e.change().status(ExecutionStatus.NOT_STARTED).snooze(null, null, null).at(now));
            events.add(new ExecutionEvent(e.id(), e.organizationId(), null,
                    dev.orchestrator.core.domain.lifecycle.Action.WAKE, ExecutionStatus.SNOOZED,
                    ExecutionStatus.NOT_STARTED, null,
                    dev.orchestrator.core.domain.signals.EarlyWakeRule.reason(before, risk), null, now));
            wokenRiskScores.put(e.id(), risk);
            autoCloseCounts.remove(e.id());
            woken++;
        }
        return woken;
    }

    @Override
    public synchronized Map<ExecutionId, WokenEarly> wokenEarly(OrganizationId organization,
            Collection<ExecutionId> ids) {
        Map<ExecutionId, WokenEarly> found = new HashMap<>();
        for (ExecutionId id : ids) {
            WorkflowExecution e = executions.get(id);
            if (e != null && e.organizationId().equals(organization) && e.status() == ExecutionStatus.NOT_STARTED
                    && wokenRiskScores.containsKey(id) && snoozeRiskScores.containsKey(id)) {
                found.put(id, new WokenEarly(snoozeRiskScores.get(id), wokenRiskScores.get(id)));
            }
        }
        return found;
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }

    // ---- catalog -----------------------------------------------------------------------------

    @Override
    public synchronized Map<UUID, UUID> organizationsOf(CatalogSection section, Collection<UUID> ids) {
        Map<UUID, UUID> found = new HashMap<>();
        for (UUID id : ids) {
            OrganizationId owner = switch (section) {
                case ORGANIZATIONS -> organizations.containsKey(new OrganizationId(id)) ? new OrganizationId(id) : null;
                case PROFILES -> Optional.ofNullable(profiles.get(new ProfileId(id))).map(Profile::organizationId).orElse(null);
                case CUSTOMERS -> Optional.ofNullable(customers.get(new CustomerId(id))).map(Customer::organizationId).orElse(null);
                case WORKFLOW_DEFINITIONS -> Optional.ofNullable(definitions.get(new DefinitionId(id)))
                        .map(WorkflowDefinition::organizationId).orElse(null);
                case WORKFLOW_EXECUTIONS -> Optional.ofNullable(executions.get(new ExecutionId(id)))
                        .map(WorkflowExecution::organizationId).orElse(null);
            };
            if (owner != null) {
                found.put(id, owner.value());
            }
        }
        return found;
    }

    /**
     * A session works on a copy of everything and swaps it in on commit: all or nothing, as the
     * contract asks. Other sessions and writes in between are not merged (tests do not race them).
     */
    @Override
    public synchronized Session begin(Instant now) {
        return new MemorySession(now);
    }

    private final class MemorySession implements Session {
        private final Instant now;
        private final Map<OrganizationId, String> orgs;
        private final Map<ProfileId, Profile> people;
        private final Map<CustomerId, Customer> accounts;
        private final Map<CustomerId, CustomerSignals> accountSignals;
        private final Map<CustomerId, List<ContactEntry>> accountContacts;
        private final Map<CustomerId, CustomerEntry> accountDetails;
        private final Map<UUID, Long> rowVersions;
        private final Map<DefinitionId, WorkflowDefinition> templates;
        private final Map<ExecutionId, WorkflowExecution> runs;
        private final List<ExecutionEvent> history;
        private final Map<ProfileId, ProfileId> managers = new LinkedHashMap<>();
        private final Map<String, Counts> counts = new LinkedHashMap<>();
        private boolean committed;

        MemorySession(Instant now) {
            this.now = now;
            orgs = new LinkedHashMap<>(organizations);
            people = new LinkedHashMap<>(profiles);
            accounts = new LinkedHashMap<>(customers);
            accountSignals = new LinkedHashMap<>(signals);
            accountContacts = new LinkedHashMap<>(contacts);
            accountDetails = new LinkedHashMap<>(customerDetails);
            rowVersions = new HashMap<>(versions);
            templates = new LinkedHashMap<>(definitions);
            runs = new LinkedHashMap<>(executions);
            history = new ArrayList<>(events);
        }

        private void count(String table, boolean inserted) {
            counts.merge(table, inserted ? new Counts(1, 0) : new Counts(0, 1), Counts::plus);
        }

        private Optional<Problem> otherOrganization(String path, Object id, OrganizationId stored, OrganizationId incoming) {
            if (stored != null && !stored.equals(incoming)) {
                return Optional.of(new Problem(path + ".id", id + " already exists in another organization; it cannot be moved"));
            }
            return Optional.empty();
        }

        @Override
        public Optional<Problem> organizations(List<Located<OrganizationEntry>> rows) {
            for (Located<OrganizationEntry> l : rows) {
                count("organizations", orgs.put(l.row().id(), l.row().name()) == null);
            }
            return Optional.empty();
        }

        @Override
        public Optional<Problem> profiles(List<Located<Profile>> rows) {
            for (Located<Profile> l : rows) {
                Profile p = l.row();
                Profile stored = people.get(p.id());
                Optional<Problem> moved = otherOrganization(l.path(), p.id().value(),
                        stored == null ? null : stored.organizationId(), p.organizationId());
                if (moved.isPresent()) {
                    return moved;
                }
                boolean emailTaken = people.values().stream().anyMatch(o -> !o.id().equals(p.id())
                        && o.organizationId().equals(p.organizationId()) && o.email().equals(p.email()));
                if (emailTaken) {
                    return Optional.of(new Problem(l.path() + ".email", "is already the email of another profile in this organization"));
                }
                people.put(p.id(), new Profile(p.id(), p.organizationId(), p.email(), p.fullName(), p.role(),
                        stored == null ? null : stored.managerId(), p.capacity()));
                managers.put(p.id(), p.managerId());
                count("profiles", stored == null);
            }
            return Optional.empty();
        }

        private void applyManagers() {
            managers.forEach((id, manager) -> {
                Profile p = people.get(id);
                people.put(id, new Profile(p.id(), p.organizationId(), p.email(), p.fullName(), p.role(), manager,
                        p.capacity()));
            });
            managers.clear();
        }

        @Override
        public Optional<Problem> customers(List<Located<CustomerEntry>> rows) {
            applyManagers();
            for (Located<CustomerEntry> l : rows) {
                CustomerEntry c = l.row();
                Customer stored = accounts.get(c.id());
                Optional<Problem> moved = otherOrganization(l.path(), c.id().value(),
                        stored == null ? null : stored.organizationId(), c.organizationId());
                if (moved.isPresent()) {
                    return moved;
                }
                accounts.put(c.id(), c.customer());
                accountDetails.put(c.id(), c);
                rowVersions.merge(c.id().value(), stored == null && !rowVersions.containsKey(c.id().value()) ? 0L : 1L,
                        Long::sum);
                if (stored != null && stored.csmId() != null && c.csmId() != null && !stored.csmId().equals(c.csmId())) {
                    for (WorkflowExecution e : List.copyOf(runs.values())) {
                        if (e.customerId().equals(c.id()) && e.assignedCsmId().equals(stored.csmId())
                                && !e.status().isTerminal()) {
                            runs.put(e.id(), new WorkflowExecution(e.id(), e.organizationId(), e.definitionId(),
                                    e.customerId(), c.csmId(), e.escalationUserId(), e.status(), e.snoozeUntil(),
                                    e.snoozeDays(), e.snoozedAt(), e.priorityScore(), e.startedAt(), e.completedAt(),
                                    e.skippedAt(), e.skipReason(), e.executionData(), e.demo(), e.version() + 1,
                                    e.createdAt(), now, e.dueAt(), e.reasonCode(), e.escalation()));
                            history.add(ExecutionEvent.reassigned(e.id(), e.organizationId(), e.status(),
                                    stored.csmId(), c.csmId(), now));
                            counts.merge("reassigned_executions", new Counts(1, 0), Counts::plus);
                        }
                    }
                }
                if (c.contacts() != null) {
                    accountContacts.put(c.id(), c.contacts());
                    counts.merge("contacts", new Counts(c.contacts().size(), 0), Counts::plus);
                }
                boolean strong = accountContacts.getOrDefault(c.id(), List.of()).stream()
                        .anyMatch(k -> k.strength() == RelationshipStrength.STRONG);
                SignalValues values = c.properties() != null ? c.properties()
                        : SignalValues.of(accountSignals.getOrDefault(c.id(), CustomerSignals.NONE));
                if (c.properties() != null || accountSignals.containsKey(c.id()) || c.contacts() != null) {
                    accountSignals.put(c.id(), values.toSignals(strong));
                }
                count("customers", stored == null);
            }
            return Optional.empty();
        }

        @Override
        public Optional<Problem> definitions(List<Located<WorkflowDefinition>> rows) {
            applyManagers();
            for (Located<WorkflowDefinition> l : rows) {
                WorkflowDefinition d = l.row();
                WorkflowDefinition stored = templates.get(d.id());
                Optional<Problem> moved = otherOrganization(l.path(), d.id().value(),
                        stored == null ? null : stored.organizationId(), d.organizationId());
                if (moved.isPresent()) {
                    return moved;
                }
                templates.put(d.id(), d);
                rowVersions.merge(d.id().value(), stored == null ? 0L : 1L, Long::sum);
                count("workflow_definitions", stored == null);
            }
            return Optional.empty();
        }

        @Override
        public Optional<Problem> executions(List<Located<ExecutionEntry>> rows) {
            applyManagers();
            for (Located<ExecutionEntry> l : rows) {
                ExecutionEntry e = l.row();
                WorkflowExecution stored = runs.get(e.id());
                Optional<Problem> moved = otherOrganization(l.path(), e.id().value(),
                        stored == null ? null : stored.organizationId(), e.organizationId());
                if (moved.isPresent()) {
                    return moved;
                }
                boolean clash = !e.status().isTerminal() && runs.values().stream().anyMatch(o -> !o.id().equals(e.id())
                        && o.organizationId().equals(e.organizationId()) && o.customerId().equals(e.customerId())
                        && o.definitionId().equals(e.definitionId()) && !o.status().isTerminal());
                if (clash) {
                    return Optional.of(new Problem(l.path(), "the customer already has an open execution of this definition"));
                }
                ExecutionStatus st = e.status();
                Instant started = stored != null && stored.startedAt() != null ? stored.startedAt()
                        : st == ExecutionStatus.UNDERWAY || st == ExecutionStatus.COMPLETED ? now : null;
                Instant completed = stored != null && stored.completedAt() != null ? stored.completedAt()
                        : st == ExecutionStatus.COMPLETED ? now : null;
                Instant skipped = stored != null && stored.skippedAt() != null ? stored.skippedAt()
                        : st == ExecutionStatus.SKIPPED ? now : null;
                Instant snoozed = stored != null && stored.snoozedAt() != null ? stored.snoozedAt()
                        : st == ExecutionStatus.SNOOZED ? now : null;
                WorkflowExecution next = new WorkflowExecution(e.id(), e.organizationId(), e.definitionId(),
                        e.customerId(), e.assignedCsmId(), stored == null ? null : stored.escalationUserId(), st,
                        e.snoozeUntil(), stored == null ? null : stored.snoozeDays(), snoozed,
                        stored == null ? 0 : stored.priorityScore(), started, completed, skipped, e.skipReason(),
                        e.executionData(), e.demo(), stored == null ? 0 : stored.version() + 1,
                        stored == null ? now : stored.createdAt(), now, e.dueAt());
                runs.put(e.id(), next);
                if (stored == null) {
                    history.add(ExecutionEvent.created(e.id(), e.organizationId(), null, now));
                }
                count("workflow_executions", stored == null);
            }
            return Optional.empty();
        }

        @Override
        public Map<String, Counts> commit() {
            applyManagers();
            synchronized (InMemoryPorts.this) {
                organizations = orgs;
                profiles = people;
                customers = accounts;
                signals = accountSignals;
                contacts = accountContacts;
                customerDetails = accountDetails;
                versions = rowVersions;
                definitions = templates;
                executions = runs;
                events = history;
            }
            committed = true;
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        @Override
        public void close() {
            // Nothing to undo: an uncommitted session's copies are dropped.
        }
    }

    // ---- catalog reads and single writes ------------------------------------------------------

    @Override
    public synchronized List<Versioned<WorkflowDefinition>> definitions(OrganizationId organization) {
        return definitions.values().stream().filter(d -> d.organizationId().equals(organization))
                .sorted(Comparator.comparing(WorkflowDefinition::name).thenComparing(d -> d.id().value()))
                .map(d -> new Versioned<>(d, versions.getOrDefault(d.id().value(), 0L))).toList();
    }

    @Override
    public synchronized Optional<Versioned<WorkflowDefinition>> definition(OrganizationId organization, DefinitionId id) {
        return Optional.ofNullable(definitions.get(id)).filter(d -> d.organizationId().equals(organization))
                .map(d -> new Versioned<>(d, versions.getOrDefault(d.id().value(), 0L)));
    }

    @Override
    public synchronized Optional<StoredCustomer> customer(OrganizationId organization, CustomerId id) {
        return findCustomer(organization, id).map(this::stored);
    }

    private StoredCustomer stored(Customer c) {
        CustomerEntry details = customerDetails.get(c.id());
        CustomerSignals customerSignals = signals.getOrDefault(c.id(), CustomerSignals.NONE);
        CustomerEntry entry = new CustomerEntry(c.id(), c.organizationId(), c.name(), c.csmId(),
                details == null ? null : details.arr(), details == null ? null : details.renewalDate(),
                details == null ? null : details.annualReviewDate(),
                SignalValues.of(customerSignals), contacts.getOrDefault(c.id(), List.of()));
        return new StoredCustomer(entry, versions.getOrDefault(c.id().value(), 0L), customerSignals);
    }

    @Override
    public synchronized List<StoredCustomer> customers(OrganizationId organization, Optional<Set<ProfileId>> csms,
            Optional<CustomerId> after, int limit) {
        return customers.values().stream()
                .filter(c -> c.organizationId().equals(organization))
                .filter(c -> csms.map(set -> set.contains(c.csmId())).orElse(true))
                .filter(c -> after.map(a -> c.id().value().compareTo(a.value()) > 0).orElse(true))
                .sorted(Comparator.comparing(c -> c.id().value()))
                .limit(limit)
                .map(this::stored)
                .toList();
    }

    @Override
    public synchronized Outcome saveDefinition(WorkflowDefinition definition, java.util.OptionalLong expectedVersion,
            Scoring scoring) {
        WorkflowDefinition stored = definitions.get(definition.id());
        if (stored != null && !stored.organizationId().equals(definition.organizationId())) {
            return new Outcome.Foreign();
        }
        Outcome stale = staleness(stored == null ? null : definition.id().value(), expectedVersion);
        if (stale != null) {
            return stale;
        }
        List<OpenExecution> before = open(WorkScope.definition(definition.organizationId(), definition.id()));
        try (Session session = begin(scoring.now())) {
            session.definitions(List.of(new Located<>("", definition)));
            session.commit();
        }
        rescore(WorkScope.definition(definition.organizationId(), definition.id()), scoring.priorityPolicy(),
                scoring.today(), false);
        List<OpenExecution> after = open(WorkScope.definition(definition.organizationId(), definition.id()));
        return new Outcome.Saved(versions.get(definition.id().value()), stored == null,
                WorkChanges.between(before, after, 0));
    }

    @Override
    public synchronized Outcome saveCustomer(CustomerEntry customer, java.util.OptionalLong expectedVersion,
            Scoring scoring) {
        Customer stored = customers.get(customer.id());
        if (stored != null && !stored.organizationId().equals(customer.organizationId())) {
            return new Outcome.Foreign();
        }
        Outcome stale = staleness(stored == null ? null : customer.id().value(), expectedVersion);
        if (stale != null) {
            return stale;
        }
        WorkScope scope = WorkScope.customers(customer.organizationId(), Set.of(customer.id()));
        List<OpenExecution> before = open(scope);
        Map<String, Counts> counts;
        try (Session session = begin(scoring.now())) {
            session.customers(List.of(new Located<>("", customer)));
            counts = session.commit();
        }
        rescore(scope, scoring.priorityPolicy(), scoring.today(), false);
        interpret(scope, scoring.signalPolicy(), scoring.priorityPolicy(), scoring.today(), scoring.now());
        long reassigned = counts.containsKey("reassigned_executions") ? counts.get("reassigned_executions").inserted() : 0;
        return new Outcome.Saved(versions.get(customer.id().value()), stored == null,
                WorkChanges.between(before, open(scope), reassigned));
    }

    @Override
    public synchronized List<SignalOutcome> applySignals(OrganizationId organization, List<SignalUpdate> updates,
            Scoring scoring) {
        Map<CustomerId, SignalValues> patches = new LinkedHashMap<>();
        updates.forEach(u -> patches.merge(u.customer(), u.patch(), SignalValues::patchedWith));
        Map<CustomerId, WorkChanges> changes = new HashMap<>();
        patches.forEach((id, patch) -> {
            if (findCustomer(organization, id).isEmpty()) {
                return;
            }
            WorkScope scope = WorkScope.customers(organization, Set.of(id));
            List<OpenExecution> before = open(scope);
            CustomerSignals current = signals.getOrDefault(id, CustomerSignals.NONE);
            signals.put(id, SignalValues.of(current).patchedWith(patch).toSignals(current.hasStrongContact()));
            rescore(scope, scoring.priorityPolicy(), scoring.today(), false);
            interpret(scope, scoring.signalPolicy(), scoring.priorityPolicy(), scoring.today(), scoring.now());
            changes.put(id, WorkChanges.between(before, open(scope), 0));
        });
        Map<CustomerId, Integer> last = new HashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            last.put(updates.get(i).customer(), i);
        }
        List<SignalOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            CustomerId id = updates.get(i).customer();
            boolean found = changes.containsKey(id);
            outcomes.add(new SignalOutcome(id, found, found && last.get(id) == i ? changes.get(id) : WorkChanges.NONE));
        }
        return outcomes;
    }

    private Outcome staleness(UUID storedId, java.util.OptionalLong expectedVersion) {
        if (expectedVersion.isEmpty()) {
            return null;
        }
        if (storedId == null) {
            return new Outcome.Stale(java.util.OptionalLong.empty());
        }
        long current = versions.getOrDefault(storedId, 0L);
        return current == expectedVersion.getAsLong() ? null : new Outcome.Stale(java.util.OptionalLong.of(current));
    }

    private List<OpenExecution> open(WorkScope scope) {
        return executions.values().stream()
                .filter(e -> !e.status().isTerminal() && scope.covers(e.organizationId(), e.customerId(), e.definitionId()))
                .map(e -> new OpenExecution(e.id(), e.definitionId(), e.customerId(), e.priorityScore()))
                .toList();
    }

    // ---- work views ----------------------------------------------------------------------------

    @Override
    public synchronized void givenDueAt(OrganizationId organizationId, ExecutionId id, Instant dueAt) {
        if (storedExecution(organizationId, id).isEmpty()) {
            throw new IllegalArgumentException("no execution " + id);
        }
        dueAts.put(id, dueAt);
    }

    @Override
    public synchronized Optional<ExecutionView> view(OrganizationId organizationId, ExecutionId id) {
        return storedExecution(organizationId, id).map(e -> {
            Instant escalatedAt = events.stream()
                    .filter(ev -> ev.executionId().equals(id) && ev.action() == dev.orchestrator.core.domain.lifecycle.Action.ESCALATE)
                    .map(ExecutionEvent::occurredAt).max(Comparator.naturalOrder()).orElse(null);
            ExecutionView listed = view(e);
            return new ExecutionView(listed.entry(), listed.dueAt(), listed.assignedCsm(), listed.escalationUser(),
                    escalatedAt);
        });
    }

    private ExecutionView view(WorkflowExecution e) {
        return new ExecutionView(entry(e), dueAts.get(e.id()), person(e.assignedCsmId()), person(e.escalationUserId()),
                null);
    }

    private Person person(ProfileId id) {
        return id == null ? null : new Person(id, profiles.get(id).fullName());
    }

    @Override
    public synchronized List<HistoryEntry> history(OrganizationId organizationId, ExecutionId id, long afterSequence,
            int limit) {
        List<HistoryEntry> history = new ArrayList<>();
        for (int i = (int) Math.max(0, afterSequence); i < events.size() && history.size() < limit; i++) {
            ExecutionEvent e = events.get(i);
            if (e.organizationId().equals(organizationId) && e.executionId().equals(id)) {
                history.add(new HistoryEntry(i + 1, e, person(e.actor()), person(e.escalationUserId()),
                        person(e.fromCsmId()), person(e.toCsmId())));
            }
        }
        return history;
    }

    @Override
    public synchronized List<ExecutionView> list(OrganizationId organizationId, Visibility visibility,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels, ListSort sort,
            Optional<ListSort.Position> after, int limit) {
        return listed(organizationId, visibility, filter, labels)
                .filter(v -> after.map(p -> sort.positions().compare(sort.position(v), p) > 0).orElse(true))
                .sorted(sort.comparator())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized long countUpTo(OrganizationId organizationId, Visibility visibility, ExecutionFilter filter,
            PriorityPolicy.LabelThresholds labels, long atMost) {
        return listed(organizationId, visibility, filter, labels).limit(atMost).count();
    }

    private java.util.stream.Stream<ExecutionView> listed(OrganizationId organizationId, Visibility visibility,
            ExecutionFilter filter, PriorityPolicy.LabelThresholds labels) {
        return executions.values().stream()
                .filter(e -> e.organizationId().equals(organizationId) && visibility.covers(e))
                .map(this::view)
                .filter(v -> filter.matches(v, labels));
    }

    @Override
    public synchronized Optional<OrganizationId> organizationOf(ExecutionId id) {
        return Optional.ofNullable(executions.get(id)).map(WorkflowExecution::organizationId);
    }

    // ---- idempotency ----------------------------------------------------------------------------

    private record AnswerKey(OrganizationId organization, ProfileId caller, String key) {
    }

    private record StoredAnswer(String hash, Instant at, Claim.Answered answer) {
    }

    private final Map<AnswerKey, StoredAnswer> answers = new HashMap<>();

    @Override
    public synchronized Claim claim(OrganizationId organization, ProfileId caller, String key, String requestHash,
            Instant now, Instant expiredBefore) {
        AnswerKey id = new AnswerKey(organization, caller, key);
        StoredAnswer stored = answers.get(id);
        if (stored == null || stored.at().isBefore(expiredBefore)) {
            answers.put(id, new StoredAnswer(requestHash, now, null));
            return new Claim.Claimed();
        }
        if (!stored.hash().equals(requestHash)) {
            return new Claim.Mismatch();
        }
        return stored.answer() == null ? new Claim.InProgress() : stored.answer();
    }

    @Override
    public synchronized void complete(OrganizationId organization, ProfileId caller, String key, int status,
            String contentType, byte[] body) {
        AnswerKey id = new AnswerKey(organization, caller, key);
        StoredAnswer stored = answers.get(id);
        answers.put(id, new StoredAnswer(stored.hash(), stored.at(), new Claim.Answered(status, contentType, body)));
    }

    @Override
    public synchronized void release(OrganizationId organization, ProfileId caller, String key) {
        AnswerKey id = new AnswerKey(organization, caller, key);
        if (answers.containsKey(id) && answers.get(id).answer() == null) {
            answers.remove(id);
        }
    }

    // ---- team view -------------------------------------------------------------------------

    @Override
    public synchronized List<CsmWorkload> workloads(OrganizationId organizationId, Set<ProfileId> csms,
            TeamWindows windows, PriorityPolicy.LabelThresholds labels) {
        List<CsmWorkload.Counted> rows = executions.values().stream()
                .filter(e -> e.organizationId().equals(organizationId))
                .map(e -> new CsmWorkload.Counted(e, events.stream()
                        .filter(v -> v.executionId().equals(e.id()) && v.action() == dev.orchestrator.core.domain.lifecycle.Action.ESCALATE)
                        .map(ExecutionEvent::occurredAt).max(Instant::compareTo).orElse(null)))
                .toList();
        return csms.stream().map(csm -> CsmWorkload.tally(csm, rows, windows, labels))
                .filter(line -> !line.equals(CsmWorkload.none(line.csm()))).toList();
    }

    // ---- rebalance ----------------------------------------------------------------------

    @Override
    public synchronized RebalanceReads.TeamLoad read(OrganizationId organization, Map<ProfileId, Integer> capacities,
            dev.orchestrator.core.domain.workload.RebalancePolicy policy, PriorityPolicy.LabelThresholds labels) {
        List<WorkflowExecution> mine = executions.values().stream()
                .filter(e -> e.organizationId().equals(organization)).toList();
        return new RebalanceReads.TeamLoad(policy.loads(mine, capacities.keySet(), labels),
                policy.candidates(mine, capacities, labels, id -> customers.get(id).name()));
    }

    // ---- policy versions -----------------------------------------------------------------

    @Override
    public synchronized PolicyVersion currentPolicies(OrganizationId organization) {
        List<PolicyVersion> stored = policyVersions.getOrDefault(organization, List.of());
        return stored.isEmpty() ? PolicyVersion.builtIn() : stored.get(stored.size() - 1);
    }

    @Override
    public synchronized List<PolicyVersion> policyHistory(OrganizationId organization) {
        List<PolicyVersion> history = new ArrayList<>(policyVersions.getOrDefault(organization, List.of()));
        java.util.Collections.reverse(history);
        return history;
    }

    @Override
    public synchronized Map<OrganizationId, PolicyVersion> policiesOfEveryOrganization() {
        Map<OrganizationId, PolicyVersion> every = new LinkedHashMap<>();
        organizations.keySet().forEach(org -> every.put(org, currentPolicies(org)));
        return every;
    }

    @Override
    public synchronized Optional<Applied> applyPolicies(OrganizationId organization, long expectedCurrent,
            Policies policies, ProfileId author, Instant at, LocalDate today) {
        if (currentPolicies(organization).version() != expectedCurrent) {
            return Optional.empty();
        }
        PolicyVersion version = PolicyVersion.stored(expectedCurrent + 1, policies, author, at);
        policyVersions.computeIfAbsent(organization, o -> new ArrayList<>()).add(version);
        return Optional.of(new Applied(version, recompute(WorkScope.organization(organization), policies.priority(), today)));
    }

    // ---- what-if simulation, row by row --------------------------------------------------------

    @Override
    public synchronized SimulationReport simulate(OrganizationId organization, Optional<Set<ProfileId>> csms,
            Policies current, Policies candidate, List<WorkflowDefinition> changedDefinitions, int topN, LocalDate today,
            Instant now) {
        Map<DefinitionId, WorkflowDefinition> changed = new HashMap<>();
        changedDefinitions.forEach(d -> changed.put(d.id(), d));
        PriorityEvaluator before = new PriorityEvaluator(current.priority());
        PriorityEvaluator after = new PriorityEvaluator(candidate.priority());
        record Scored(WorkflowExecution execution, int before, int after) {
        }
        Map<ProfileId, List<Scored>> byCsm = new TreeMap<>(Comparator.comparing(ProfileId::value));
        Map<PriorityLabel, long[]> labels = new EnumMap<>(PriorityLabel.class);
        for (PriorityLabel label : PriorityLabel.values()) {
            labels.put(label, new long[2]);
        }
        for (WorkflowExecution e : executions.values()) {
            if (!e.organizationId().equals(organization) || e.status().isTerminal()
                    || csms.map(c -> !c.contains(e.assignedCsmId())).orElse(false)) {
                continue;
            }
            QueueEntry entry = entry(e);
            var input = entry.priorityInput();
            var changedInput = PriorityInput.of(e, changed.getOrDefault(e.definitionId(), entry.definition()),
                    entry.signals());
            Scored scored = new Scored(e, before.evaluate(input, today).value(),
                    after.evaluate(changedInput, today).value());
            byCsm.computeIfAbsent(e.assignedCsmId(), k -> new ArrayList<>()).add(scored);
            labels.get(current.priority().labels().labelFor(scored.before()))[0]++;
            labels.get(candidate.priority().labels().labelFor(scored.after()))[1]++;
        }
        List<SimulationReport.CsmQueue> queues = new ArrayList<>();
        byCsm.forEach((csm, items) -> {
            Map<ExecutionId, Long> rankBefore = ranks(items.stream().map(i -> Map.entry(i.execution(), i.before())).toList());
            Map<ExecutionId, Long> rankAfter = ranks(items.stream().map(i -> Map.entry(i.execution(), i.after())).toList());
            List<SimulationReport.RankedItem> top = items.stream()
                    .filter(i -> rankBefore.get(i.execution().id()) <= topN || rankAfter.get(i.execution().id()) <= topN)
                    .map(i -> new SimulationReport.RankedItem(i.execution().id(), i.execution().customerId(),
                            i.execution().definitionId(), i.before(), i.after(), rankBefore.get(i.execution().id()),
                            rankAfter.get(i.execution().id()), customers.get(i.execution().customerId()).name(),
                            definitions.get(i.execution().definitionId()).name()))
                    .sorted(Comparator.comparing(r -> r.execution().value()))
                    .toList();
            queues.add(new SimulationReport.CsmQueue(csm, top, topN));
        });
        Map<DefinitionId, Long> createdBefore = wouldCreate(organization, csms, current.signals(), Map.of(), today, now);
        Map<DefinitionId, Long> createdAfter = wouldCreate(organization, csms, candidate.signals(), changed, today, now);
        Map<DefinitionId, Long> closedBefore = wouldClose(organization, csms, current.signals(), Map.of());
        Map<DefinitionId, Long> closedAfter = wouldClose(organization, csms, candidate.signals(), changed);
        Set<DefinitionId> touched = new java.util.TreeSet<>(Comparator.comparing(DefinitionId::value));
        touched.addAll(createdBefore.keySet());
        touched.addAll(createdAfter.keySet());
        touched.addAll(closedBefore.keySet());
        touched.addAll(closedAfter.keySet());
        List<SimulationReport.DefinitionImpact> impacts = touched.stream()
                .map(d -> new SimulationReport.DefinitionImpact(d, definitions.get(d).name(),
                        createdBefore.getOrDefault(d, 0L), createdAfter.getOrDefault(d, 0L),
                        closedBefore.getOrDefault(d, 0L), closedAfter.getOrDefault(d, 0L)))
                .toList();
        List<SimulationReport.LabelTotal> totals = labels.entrySet().stream()
                .map(e -> new SimulationReport.LabelTotal(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new SimulationReport(topN, queues, impacts, totals);
    }

    /** Rank 1.. in queue order: score descending, then oldest first, then id. */
    private static Map<ExecutionId, Long> ranks(List<Map.Entry<WorkflowExecution, Integer>> scored) {
        List<Map.Entry<WorkflowExecution, Integer>> ordered = new ArrayList<>(scored);
        ordered.sort(Comparator.<Map.Entry<WorkflowExecution, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(e -> e.getKey().createdAt())
                .thenComparing(e -> e.getKey().id().value()));
        Map<ExecutionId, Long> ranks = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            ranks.put(ordered.get(i).getKey().id(), (long) i + 1);
        }
        return ranks;
    }

    /** What {@link #interpret} would create now under {@code policy}, per definition, without creating it. */
    private Map<DefinitionId, Long> wouldCreate(OrganizationId organization, Optional<Set<ProfileId>> csms,
            SignalPolicy policy, Map<DefinitionId, WorkflowDefinition> changed, LocalDate today, Instant now) {
        SignalScorer scorer = new SignalScorer(policy);
        Map<DefinitionId, Long> created = new HashMap<>();
        for (Customer customer : customers.values()) {
            // Without a CSM it gets work only where the pool will give it one (PoolAssignmentSql).
            if (!customer.organizationId().equals(organization)
                    || (customer.csmId() == null && settings(organization).assignmentPool().isEmpty())
                    || csms.map(c -> !c.contains(customer.csmId())).orElse(false)) {
                continue;
            }
            Set<DefinitionId> active = executions.values().stream()
                    .filter(e -> e.customerId().equals(customer.id()) && !e.status().isTerminal())
                    .map(WorkflowExecution::definitionId)
                    .collect(Collectors.toSet());
            List<WorkflowDefinition> candidates = definitions.values().stream()
                    .filter(d -> d.organizationId().equals(organization))
                    .map(d -> changed.getOrDefault(d.id(), d)).toList();
            for (TriggeredWorkflow triggered : SignalInterpreter.triggered(
                    scorer.score(signals.getOrDefault(customer.id(), CustomerSignals.NONE)), datesOf(customer.id()),
                    today, candidates, active, lastClosed(customer.id()), now)) {
                created.merge(triggered.definition().id(), 1L, Long::sum);
            }
        }
        return created;
    }

    /** What {@link #autoClose} would close at the next run, per definition, signals staying as they are. */
    private Map<DefinitionId, Long> wouldClose(OrganizationId organization, Optional<Set<ProfileId>> csms,
            SignalPolicy policy, Map<DefinitionId, WorkflowDefinition> changed) {
        SignalScorer scorer = new SignalScorer(policy);
        Map<DefinitionId, Long> closed = new HashMap<>();
        for (WorkflowExecution e : executions.values()) {
            if (!e.organizationId().equals(organization) || e.status() != ExecutionStatus.NOT_STARTED || e.demo()
                    || !createdBySignals.contains(e.id()) || csms.map(c -> !c.contains(e.assignedCsmId())).orElse(false)) {
                continue;
            }
            WorkflowDefinition definition = changed.getOrDefault(e.definitionId(), definitions.get(e.definitionId()));
            long runs = autoCloseCounts.getOrDefault(e.id(), new AutoCloseCount(0, null)).runs();
            if (dev.orchestrator.core.domain.signals.AutoCloseRule.closesAtNextRun(definition.triggerConditions(),
                    scorer.score(signals.getOrDefault(e.customerId(), CustomerSignals.NONE)), runs)) {
                closed.merge(e.definitionId(), 1L, Long::sum);
            }
        }
        return closed;
    }

    // ---- analytics ---------------------------------------------------------------------------

    /** The core's rules themselves, over every execution of the organization with its whole history. */
    @Override
    public synchronized dev.orchestrator.core.domain.analytics.AnalyticsFacts.Totals totals(
            OrganizationId organization, dev.orchestrator.core.domain.views.Visibility scope,
            dev.orchestrator.core.domain.analytics.AnalyticsPeriod period,
            Optional<dev.orchestrator.core.domain.analytics.AnalyticsGrouping> grouping, Instant asOf) {
        if (scope instanceof dev.orchestrator.core.domain.views.Visibility.EscalatedTo) {
            throw new IllegalArgumentException("analytics cover the organization or assigned work");
        }
        return dev.orchestrator.core.domain.analytics.AnalyticsFacts.totals(histories(organization), scope, period,
                grouping, asOf);
    }

    /** Each execution of the organization as analytics read it. */
    public synchronized List<dev.orchestrator.core.domain.analytics.AnalyticsFacts.History> histories(
            OrganizationId organization) {
        Map<ExecutionId, List<ExecutionEvent>> byExecution = new HashMap<>();
        events.stream().filter(e -> e.organizationId().equals(organization))
                .forEach(e -> byExecution.computeIfAbsent(e.executionId(), k -> new ArrayList<>()).add(e));
        return executions.values().stream().filter(e -> e.organizationId().equals(organization))
                .map(e -> new dev.orchestrator.core.domain.analytics.AnalyticsFacts.History(e,
                        definitions.get(e.definitionId()).type(), dueAts.getOrDefault(e.id(), e.dueAt()),
                        byExecution.getOrDefault(e.id(), List.of())))
                .toList();
    }
}
