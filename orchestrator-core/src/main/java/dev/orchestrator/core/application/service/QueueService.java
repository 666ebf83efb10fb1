package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ViewDemoProgress;
import dev.orchestrator.core.application.port.in.ViewQueue;
import dev.orchestrator.core.application.port.out.ProfileLookup;
import dev.orchestrator.core.application.port.out.QueueReader;
import dev.orchestrator.core.application.port.out.ReadTransactions;
import dev.orchestrator.core.application.port.out.SignalLifecycle;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.queue.DemoProgress;
import dev.orchestrator.core.domain.queue.QueueEntry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads queues and demo progress for a CSM the caller may act for. */
public final class QueueService implements ViewQueue, ViewDemoProgress {

    private final QueueReader reader;
    private final CsmResolver csms;
    private final ExplainedPriorities explained;
    private final ReadTransactions reads;
    private final Clock clock;

    public QueueService(QueueReader reader, ProfileLookup profiles, SignalLifecycle lifecycle,
            PolicySource policies, ReadTransactions reads, Clock clock) {
        this.reader = reader;
        this.reads = reads;
        this.csms = new CsmResolver(profiles);
        this.explained = new ExplainedPriorities(policies, lifecycle);
        this.clock = clock;
    }

    @Override
    public Result<List<QueueItem>> queue(Profile caller, Query query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            return Result.err(Failure.Invalid.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        LocalDate today = LocalDate.now(clock);
        // The CSM's profile, the page, the policies and the early wakes: one unit of reads (one
        // transaction on PostgreSQL instead of one each; docs/performance.md).
        return reads.together(() -> csms.resolve(caller, query.csmId()).map(csm -> {
            List<QueueEntry> entries = reader.queue(caller.organizationId(), csm.id(), query.mode(), query.limit());
            List<PriorityScore> priorities = explained.of(caller.organizationId(), entries, today);
            List<QueueItem> items = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                items.add(new QueueItem(entries.get(i), priorities.get(i)));
            }
            return List.copyOf(items);
        }));
    }

    @Override
    public Result<DemoProgress> progress(Profile caller, Optional<ProfileId> csmId) {
        return reads.together(() -> csms.resolve(caller, csmId)
                .map(csm -> DemoProgress.of(reader.demoExecutions(caller.organizationId(), csm.id()))));
    }
}
