package dev.orchestrator.benchmarks.system;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.InterpretSignals;
import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.in.TransitionExecution;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.persistence.ConnectionPool;
import dev.orchestrator.persistence.PostgresStore;
import dev.orchestrator.persistence.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The product in the peer benchmark, in-process and through its own use cases and adapters only
 * ({@link Orchestrator} on {@link PostgresStore}, as {@code serve} composes them; no SQL of its
 * own): the queue is {@link ViewQueue}, completing is {@link TransitionExecution}, re-prioritizing
 * is the recompute port, creating work is {@link InterpretSignals}. Each call binds the caller's
 * organization ({@link TenantScope}) as the HTTP adapter does.
 */
final class ProductPeer implements AutoCloseable {

    private final HikariDataSource pool;
    private final OutboundPorts ports;
    private final Orchestrator orchestrator;
    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();

    ProductPeer(String url, String user, String password) {
        this.pool = ConnectionPool.create(url, user, password);
        this.ports = PostgresStore.create(pool).ports();
        this.orchestrator = new Orchestrator(ports, Clock.systemUTC());
    }

    String name() {
        return "product (in-process, through its ports)";
    }

    private Profile profile(String csm) {
        return profiles.computeIfAbsent(csm, id -> ports.profiles().findCaller(ProfileId.of(UUID.fromString(id)))
                .orElseThrow(() -> new IllegalStateException("no profile " + id)));
    }

    /** The CSM's own queue, as {@code GET /api/orchestrator/queue?limit=…} asks the use case for it. */
    List<PeerEngine.Ranked> myQueue(String csm, int limit) {
        Profile caller = profile(csm);
        try (TenantScope.Binding ignored = TenantScope.bind(caller.organizationId())) {
            Result<List<ViewQueue.QueueItem>> page = orchestrator.viewQueue().queue(caller,
                    new ViewQueue.Query(Optional.empty(), QueueMode.PRODUCTION, limit));
            return value(page).stream()
                    .map(i -> new PeerEngine.Ranked(i.entry().execution().id().value().toString(),
                            i.entry().execution().priorityScore()))
                    .toList();
        }
    }

    /**
     * The same page through the queue port alone ({@code QueueReader}: one statement, no explained
     * priorities), the product's analogue of a peer's task query.
     */
    List<PeerEngine.Ranked> myQueuePage(String csm, int limit) {
        Profile caller = profile(csm);
        try (TenantScope.Binding ignored = TenantScope.bind(caller.organizationId())) {
            return ports.queues().queue(caller.organizationId(), caller.id(), QueueMode.PRODUCTION, limit).stream()
                    .map(e -> new PeerEngine.Ranked(e.execution().id().value().toString(), e.execution().priorityScore()))
                    .toList();
        }
    }

    /**
     * Completes the execution as its assigned CSM. The lifecycle completes only work underway, so
     * work not started (or snoozed) is started first, as a CSM does: two transitions, like TASKANA's
     * claim and complete. Starting work already underway is refused without a write; that refusal
     * is expected here.
     */
    void complete(PeerEngine.OpenTask task) {
        Profile caller = profile(task.assignee());
        ExecutionId id = ExecutionId.of(UUID.fromString(task.key()));
        try (TenantScope.Binding ignored = TenantScope.bind(caller.organizationId())) {
            orchestrator.transitionExecution().transition(caller, id, new Transition.Start(), null);
            value(orchestrator.transitionExecution().transition(caller, id, new Transition.Complete(), null));
        }
    }

    /** The recompute port over every organization, with {@code policy}, as {@code recompute} runs it. */
    RecomputePriorities.Report recompute(PriorityPolicy policy) {
        return ports.recomputation().recompute(Optional.empty(), policy, LocalDate.now(ZoneOffset.UTC));
    }

    /** {@code interpret-signals} over every organization. */
    InterpretSignals.Report interpret() {
        return orchestrator.interpretSignals().interpret(Optional.empty());
    }

    private static <T> T value(Result<T> result) {
        if (result instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("the product refused: " + ((Result.Err<T>) result).failure());
    }

    @Override
    public void close() {
        pool.close();
    }
}
