package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ActInBulk;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a bulk call's items a few at a time. Each item is still its own single-call transition (its
 * own transaction): run side by side, their commits share the database's WAL flushes, which is what a
 * thousand one-row transactions wait on (about 2 ms each on a shared disk, one after another). Each
 * worker binds the caller's organization for the item, as the request thread is bound.
 */
final class BulkItemRunner {

    /** Items in flight per call; a few, so that one bulk call does not take the whole connection pool. */
    static final int PARALLELISM = 4;

    private final ExecutorService workers;
    private final TenantBinding tenant;

    BulkItemRunner(TenantBinding tenant) {
        this.tenant = tenant;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(PARALLELISM, task -> {
            Thread thread = new Thread(task, "bulk-item-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    ActInBulk.ItemRunner forOrganization(OrganizationId organization) {
        return items -> run(organization, items);
    }

    private List<ActInBulk.ItemResult> run(OrganizationId organization, List<Supplier<ActInBulk.ItemResult>> items) {
        List<Future<ActInBulk.ItemResult>> running = new ArrayList<>(items.size());
        for (Supplier<ActInBulk.ItemResult> item : items) {
            running.add(workers.submit(() -> {
                tenant.bind(organization);
                try {
                    return item.get();
                } finally {
                    tenant.clear();
                }
            }));
        }
        List<ActInBulk.ItemResult> results = new ArrayList<>(items.size());
        try {
            for (Future<ActInBulk.ItemResult> result : running) {
                results.add(result.get());
            }
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a bulk call's items", e);
        } catch (ExecutionException e) {
            // An unexpected failure (the database gone, say) is the request's, as in a single call.
            running.forEach(f -> f.cancel(false));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    void stop() {
        workers.shutdownNow();
    }
}
