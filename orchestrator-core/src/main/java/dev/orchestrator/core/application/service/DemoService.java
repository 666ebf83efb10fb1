package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.InitializeDemo;
import dev.orchestrator.core.application.port.out.CustomerLookup;
import dev.orchestrator.core.application.port.out.DefinitionLookup;
import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.signals.SignalScores;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sets up the demo sequence for a CSM and a customer, once. */
public final class DemoService implements InitializeDemo {

    private final CustomerLookup customers;
    private final DefinitionLookup definitions;
    private final QueueReader queues;
    private final ExecutionWriter writer;
    private final IdGenerator ids;
    private final CsmResolver csms;
    private final PriorityEvaluator evaluator;
    private final PolicySource policies;
    private final Clock clock;

    /** {@code policies} scores the customer for the definitions' template steps (the organization's signal policy). */
    public DemoService(CustomerLookup customers, DefinitionLookup definitions, QueueReader queues,
            ExecutionWriter writer, IdGenerator ids, ProfileLookup profiles, PriorityEvaluator evaluator,
            PolicySource policies, Clock clock) {
        this.customers = customers;
        this.definitions = definitions;
        this.queues = queues;
        this.writer = writer;
        this.ids = ids;
        this.csms = new CsmResolver(profiles);
        this.evaluator = evaluator;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public Result<Initialization> initialize(Profile caller, CustomerId customerId, Optional<ProfileId> csmId) {
        return csms.resolve(caller, csmId).flatMap(csm -> customers
                .findCustomer(caller.organizationId(), customerId)
                .map(customer -> initialize(caller, csm, customer))
                .orElseGet(() -> Result.err(new Failure.NotFound("customer " + customerId + " not found"))));
    }

    private Result<Initialization> initialize(Profile caller, Profile csm, Customer customer) {
        List<WorkflowDefinition> sequence = definitions.activeDemoDefinitions(caller.organizationId()).stream()
                .sorted(Comparator.comparing((WorkflowDefinition d) -> d.triggerConditions().order().orElse(Long.MAX_VALUE))
                        .thenComparing(WorkflowDefinition::name))
                .toList();
        if (sequence.isEmpty()) {
            return Result.err(new Failure.NotFound(
                    "the organization has no active demo workflow definitions (the CLI's `seed demo` creates them)"));
        }
        Map<DefinitionId, ExecutionId> existing = existingFor(caller, csm, customer);
        List<WorkflowDefinition> missing = sequence.stream().filter(d -> !existing.containsKey(d.id())).toList();
        if (!missing.isEmpty()) {
            create(caller, csm, customer, missing);
        }
        // Read back rather than trust our own inserts: a concurrent initialization may have won.
        Map<DefinitionId, ExecutionId> now = existingFor(caller, csm, customer);
        List<ExecutionId> ordered = sequence.stream().map(d -> now.get(d.id())).filter(id -> id != null).toList();
        return Result.ok(new Initialization(!missing.isEmpty() && !existing.equals(now), ordered));
    }

    private Map<DefinitionId, ExecutionId> existingFor(Profile caller, Profile csm, Customer customer) {
        Map<DefinitionId, ExecutionId> byDefinition = new LinkedHashMap<>();
        queues.demoExecutions(caller.organizationId(), csm.id()).stream()
                .map(QueueEntry::execution)
                .filter(e -> e.customerId().equals(customer.id()))
                .sorted(Comparator.comparing(WorkflowExecution::createdAt))
                .forEach(e -> byDefinition.put(e.definitionId(), e.id()));
        return byDefinition;
    }

    private void create(Profile caller, Profile csm, Customer customer, List<WorkflowDefinition> missing) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        CustomerSignals signals = customers.signalsOf(caller.organizationId(), customer.id());
        SignalScores scores = new SignalScorer(policies.current(caller.organizationId()).policies().signals())
                .score(signals);
        List<WorkflowExecution> executions = new ArrayList<>();
        List<ExecutionEvent> events = new ArrayList<>();
        for (WorkflowDefinition definition : missing) {
            ExecutionId id = ExecutionId.of(ids.newId());
            WorkflowExecution draft = WorkflowExecution.create(id, caller.organizationId(), definition.id(),
                    customer.id(), csm.id(), true, 0, now);
            int score = evaluator.evaluate(PriorityInput.of(draft, definition, signals), today).value();
            // A demo definition may carry template steps too: the same checklist as signal-created work.
            executions.add(draft.withPriorityScore(score)
                    .withExecutionData(TemplateSteps.executionData(definition, signals, scores, today)));
            events.add(ExecutionEvent.created(id, caller.organizationId(), caller.id(), now));
        }
        writer.insertNew(executions, events);
    }
}
