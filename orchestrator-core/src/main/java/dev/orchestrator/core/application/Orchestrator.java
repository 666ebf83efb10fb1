package dev.orchestrator.core.application;

import dev.orchestrator.core.application.port.in.ActInBulk;
import dev.orchestrator.core.application.port.in.RebalanceTeam;
import dev.orchestrator.core.application.port.in.ViewAnalytics;
import dev.orchestrator.core.application.port.in.ApplyLifecycleRules;
import dev.orchestrator.core.application.port.in.CheckHealth;
import dev.orchestrator.core.application.port.in.IdentifyCaller;
import dev.orchestrator.core.application.port.in.ImportCatalog;
import dev.orchestrator.core.application.port.in.IngestSignals;
import dev.orchestrator.core.application.port.in.ManageCustomers;
import dev.orchestrator.core.application.port.in.ManageDefinitions;
import dev.orchestrator.core.application.port.in.ManageProfiles;
import dev.orchestrator.core.application.port.in.ManageReasons;
import dev.orchestrator.core.application.port.in.ManageSettings;
import dev.orchestrator.core.application.port.in.RememberAnswers;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.in.InitializeDemo;
import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.in.ViewDemoProgress;
import dev.orchestrator.core.application.port.in.ViewExecutions;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.application.port.in.ViewTeam;
import dev.orchestrator.core.application.service.CallerService;
import dev.orchestrator.core.application.service.DemoService;
import dev.orchestrator.core.application.service.ExecutionViewService;
import dev.orchestrator.core.application.service.AnalyticsService;
import dev.orchestrator.core.application.service.AnswerService;
import dev.orchestrator.core.application.service.BulkActionService;
import dev.orchestrator.core.application.service.RebalanceService;
import dev.orchestrator.core.application.service.TeamService;
import dev.orchestrator.core.application.service.CustomerService;
import dev.orchestrator.core.application.service.DefinitionService;
import dev.orchestrator.core.application.service.ImportService;
import dev.orchestrator.core.application.service.ProfileService;
import dev.orchestrator.core.application.service.ReasonService;
import dev.orchestrator.core.application.service.SettingsService;
import dev.orchestrator.core.application.service.PolicyService;
import dev.orchestrator.core.application.service.PolicySource;
import dev.orchestrator.core.application.service.SimulationService;
import dev.orchestrator.core.application.port.in.SimulatePolicies;
import dev.orchestrator.core.application.port.in.ManagePolicies;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.application.service.SignalService;
import dev.orchestrator.core.application.service.InterpretService;
import dev.orchestrator.core.application.service.LifecycleRulesService;
import dev.orchestrator.core.application.service.QueueService;
import dev.orchestrator.core.application.service.RecomputeService;
import dev.orchestrator.core.application.service.TransitionService;
import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalScorer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * The core, wired: hand it the outbound ports and a clock, and take the use cases. This is all an
 * embedding application needs; the CLI and the HTTP service use it the same way.
 */
public final class Orchestrator {

    private final PriorityPolicy priorityPolicy;
    private final SignalPolicy signalPolicy;
    private final CallerService callers;
    private final QueueService queues;
    private final DemoService demo;
    private final TransitionService transitions;
    private final RecomputeService recompute;
    private final InterpretService interpret;
    private final LifecycleRulesService lifecycleRules;
    private final CatalogReader catalogReader;
    private final ImportService imports;
    private final DefinitionService definitions;
    private final CustomerService customers;
    private final SignalService signals;
    private final ProfileService profiles;
    private final AnswerService answers;
    private final ExecutionViewService executionViews;
    private final TeamService team;
    private final BulkActionService bulk;
    private final RebalanceService rebalance;
    private final ReasonService reasons;
    private final SettingsService settings;
    private final PolicyService policies;
    private final SimulationService simulations;
    private final AnalyticsService analytics;

    /** Rows an import writes per statement. */
    public static final int IMPORT_BATCH_SIZE = 1000;

    /** The standard policies, on {@code clock} (its zone is ignored: the orchestrator's days are UTC days). */
    public Orchestrator(OutboundPorts ports, Clock clock) {
        this(ports, clock, PriorityPolicy.STANDARD, SignalPolicy.STANDARD);
    }

    public Orchestrator(OutboundPorts ports, Clock clock, PriorityPolicy priorityPolicy, SignalPolicy signalPolicy) {
        // UTC days; microsecond ticks because that is what PostgreSQL (and most stores) keep.
        Clock utc = Clock.tick(clock.withZone(ZoneOffset.UTC), Duration.ofNanos(1_000));
        PriorityEvaluator evaluator = new PriorityEvaluator(priorityPolicy);
        // Every use case that scores reads the organization's current policies here; these two are
        // the defaults of an organization that has stored none.
        PolicySource policySource = new PolicySource(ports.policies(), new Policies(priorityPolicy, signalPolicy));
        this.priorityPolicy = priorityPolicy;
        this.signalPolicy = signalPolicy;
        this.callers = new CallerService(ports.profiles(), ports.health());
        this.queues = new QueueService(ports.queues(), ports.profiles(), ports.lifecycle(), policySource, ports.reads(), utc);
        this.demo = new DemoService(ports.customers(), ports.definitions(), ports.queues(), ports.writer(),
                ports.ids(), ports.profiles(), evaluator, policySource, utc);
        this.transitions = new TransitionService(ports.executions(), ports.writer(), ports.profiles(), ports.reasons(),
                policySource, ports.dependencies(), ports.reads(), utc);
        this.recompute = new RecomputeService(ports.recomputation(), policySource, utc);
        this.interpret = new InterpretService(ports.interpretation(), policySource, utc);
        this.lifecycleRules = new LifecycleRulesService(ports.lifecycle(), ports.dependencies(), policySource, utc);
        this.catalogReader = new CatalogReader(priorityPolicy, signalPolicy.maxScore());
        this.imports = new ImportService(ports.catalogOwners(), ports.catalogLoader(), ports.recomputation(),
                ports.ids(), policySource, catalogReader, utc, IMPORT_BATCH_SIZE);
        Function<OrganizationId, CatalogWrites.Scoring> scoring = organization -> {
            Instant now = utc.instant();
            Policies current = policySource.current(organization).policies();
            return new CatalogWrites.Scoring(current.priority(), current.signals(),
                    now.atOffset(ZoneOffset.UTC).toLocalDate(), now);
        };
        this.definitions = new DefinitionService(ports.catalogReads(), ports.catalogWrites(), ports.ids(), policySource,
                scoring);
        this.customers = new CustomerService(ports.catalogReads(), ports.catalogWrites(), ports.profiles(), catalogReader,
                new SignalScorer(signalPolicy), scoring);
        this.signals = new SignalService(ports.catalogWrites(), catalogReader, scoring);
        this.reasons = new ReasonService(ports.reasons());
        this.settings = new SettingsService(ports.settings(), ports.profiles());
        this.profiles = new ProfileService(ports.profiles(), ports.catalogOwners(), ports.catalogLoader(), catalogReader,
                utc);
        this.answers = new AnswerService(ports.idempotency(), utc);
        this.policies = new PolicyService(policySource, ports.policies(), utc);
        this.simulations = new SimulationService(policySource, ports.simulation(), ports.profiles(), ports.catalogReads(),
                utc);
        this.executionViews = new ExecutionViewService(ports.views(), ports.profiles(), ports.settings(), policySource,
                ports.lifecycle(), ports.dependencies(), ports.reads(), utc);
        this.team = new TeamService(ports.teams(), ports.profiles(), ports.settings(), policySource, ports.reads(), utc);
        this.analytics = new AnalyticsService(ports.analytics(), ports.profiles(), ports.catalogReads(), utc);
        this.bulk = new BulkActionService(transitions, executionViews, ports.profiles());
        this.rebalance = new RebalanceService(ports.rebalance(), ports.profiles(), ports.settings(), policySource, bulk,
                utc);
    }

    public PriorityPolicy priorityPolicy() { return priorityPolicy; }
    public SignalPolicy signalPolicy() { return signalPolicy; }
    public IdentifyCaller identifyCaller() { return callers; }
    public CheckHealth checkHealth() { return callers; }
    public ViewQueue viewQueue() { return queues; }
    public ViewDemoProgress viewDemoProgress() { return queues; }
    public InitializeDemo initializeDemo() { return demo; }
    public TransitionExecution transitionExecution() { return transitions; }
    public RecomputePriorities recomputePriorities() { return recompute; }
    public InterpretSignals interpretSignals() { return interpret; }
    public ApplyLifecycleRules applyLifecycleRules() { return lifecycleRules; }
    public ImportCatalog importCatalog() { return imports; }
    public ManageDefinitions manageDefinitions() { return definitions; }
    public ManageCustomers manageCustomers() { return customers; }
    public IngestSignals ingestSignals() { return signals; }
    public ManageProfiles manageProfiles() { return profiles; }

    public ManageReasons manageReasons() { return reasons; }

    public ManageSettings manageSettings() { return settings; }
    public RememberAnswers rememberAnswers() { return answers; }
    public ViewExecutions viewExecutions() { return executionViews; }
    public ViewTeam viewTeam() { return team; }
    public ActInBulk actInBulk() { return bulk; }
    public RebalanceTeam rebalanceTeam() { return rebalance; }
    public ManagePolicies managePolicies() { return policies; }
    public SimulatePolicies simulatePolicies() { return simulations; }
    public ViewAnalytics viewAnalytics() { return analytics; }
    /** The one reader of incoming catalog data, with this orchestrator's policies. */
    public CatalogReader catalogReader() { return catalogReader; }
}
