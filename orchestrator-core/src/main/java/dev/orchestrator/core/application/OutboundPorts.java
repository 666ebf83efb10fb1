package dev.orchestrator.core.application;

import dev.orchestrator.core.application.port.out.AnalyticsReads;
import dev.orchestrator.core.application.port.out.CatalogLoader;
import dev.orchestrator.core.application.port.out.CatalogOwners;
import dev.orchestrator.core.application.port.out.CatalogReads;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.out.CustomerLookup;
import dev.orchestrator.core.application.port.out.DefinitionLookup;
import dev.orchestrator.core.application.port.out.DependencyBlocks;
import dev.orchestrator.core.application.port.out.ExecutionLookup;
import dev.orchestrator.core.application.port.out.ExecutionViews;
import dev.orchestrator.core.application.port.out.ExecutionWriter;
import dev.orchestrator.core.application.port.out.IdGenerator;
import dev.orchestrator.core.application.port.out.IdempotencyRecords;
import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.application.port.out.PolicySimulation;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.application.port.out.RebalanceReads;
import dev.orchestrator.core.application.port.out.ReadTransactions;
import dev.orchestrator.core.application.port.out.ReasonCodes;
import dev.orchestrator.core.application.port.out.SignalInterpretation;
import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.application.port.out.StoreHealth;
import dev.orchestrator.core.application.port.out.TeamViews;
import java.util.Objects;

/** Everything the core needs from the outside world; an adapter (PostgreSQL, or your own) supplies each. */
public record OutboundPorts(
        ProfileLookup profiles,
        CustomerLookup customers,
        DefinitionLookup definitions,
        ExecutionLookup executions,
        QueueReader queues,
        ExecutionWriter writer,
        PriorityRecomputation recomputation,
        SignalInterpretation interpretation,
        IdGenerator ids,
        StoreHealth health,
        CatalogOwners catalogOwners,
        CatalogLoader catalogLoader,
        CatalogReads catalogReads,
        CatalogWrites catalogWrites,
        IdempotencyRecords idempotency,
        ExecutionViews views,
        SignalLifecycle lifecycle,
        TeamViews teams,
        ReasonCodes reasons,
        OrganizationSettingsStore settings,
        PolicyVersions policies,
        PolicySimulation simulation,
        DependencyBlocks dependencies,
        RebalanceReads rebalance,
        AnalyticsReads analytics,
        ReadTransactions reads) {
    /** Without a way to read together: every read on its own ({@link ReadTransactions#SEPARATE}). */
    public OutboundPorts(ProfileLookup profiles, CustomerLookup customers, DefinitionLookup definitions,
            ExecutionLookup executions, QueueReader queues, ExecutionWriter writer, PriorityRecomputation recomputation,
            SignalInterpretation interpretation, IdGenerator ids, StoreHealth health, CatalogOwners catalogOwners,
            CatalogLoader catalogLoader, CatalogReads catalogReads, CatalogWrites catalogWrites,
            IdempotencyRecords idempotency, ExecutionViews views, SignalLifecycle lifecycle, TeamViews teams,
            ReasonCodes reasons, OrganizationSettingsStore settings, PolicyVersions policies,
            PolicySimulation simulation, DependencyBlocks dependencies, RebalanceReads rebalance,
            AnalyticsReads analytics) {
        this(profiles, customers, definitions, executions, queues, writer, recomputation, interpretation, ids, health,
                catalogOwners, catalogLoader, catalogReads, catalogWrites, idempotency, views, lifecycle, teams, reasons,
                settings, policies, simulation, dependencies, rebalance, analytics, ReadTransactions.SEPARATE);
    }

    public OutboundPorts {
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(definitions, "definitions");
        Objects.requireNonNull(executions, "executions");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(recomputation, "recomputation");
        Objects.requireNonNull(interpretation, "interpretation");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(catalogOwners, "catalogOwners");
        Objects.requireNonNull(catalogLoader, "catalogLoader");
        Objects.requireNonNull(catalogReads, "catalogReads");
        Objects.requireNonNull(catalogWrites, "catalogWrites");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(teams, "teams");
        Objects.requireNonNull(reasons, "reasons");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(dependencies, "dependencies");
        Objects.requireNonNull(rebalance, "rebalance");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(reads, "reads");
    }

    /** These ports with another queue reader (for wrapping one port, e.g. in tests or for caching). */
    public OutboundPorts withQueues(QueueReader other) {
        return new OutboundPorts(profiles, customers, definitions, executions, other, writer, recomputation,
                interpretation, ids, health, catalogOwners, catalogLoader, catalogReads, catalogWrites, idempotency, views,
                lifecycle, teams, reasons, settings, policies, simulation, dependencies, rebalance, analytics, reads);
    }

    /** These ports with another health check. */
    public OutboundPorts withHealth(StoreHealth other) {
        return new OutboundPorts(profiles, customers, definitions, executions, queues, writer, recomputation,
                interpretation, ids, other, catalogOwners, catalogLoader, catalogReads, catalogWrites, idempotency, views,
                lifecycle, teams, reasons, settings, policies, simulation, dependencies, rebalance, analytics, reads);
    }

    /** These ports with another bulk re-scoring. */
    public OutboundPorts withRecomputation(PriorityRecomputation other) {
        return new OutboundPorts(profiles, customers, definitions, executions, queues, writer, other,
                interpretation, ids, health, catalogOwners, catalogLoader, catalogReads, catalogWrites, idempotency, views,
                lifecycle, teams, reasons, settings, policies, simulation, dependencies, rebalance, analytics, reads);
    }

    /** These ports with another rebalance read. */
    public OutboundPorts withRebalance(RebalanceReads other) {
        return new OutboundPorts(profiles, customers, definitions, executions, queues, writer, recomputation,
                interpretation, ids, health, catalogOwners, catalogLoader, catalogReads, catalogWrites, idempotency, views,
                lifecycle, teams, reasons, settings, policies, simulation, dependencies, other, analytics, reads);
    }
}
