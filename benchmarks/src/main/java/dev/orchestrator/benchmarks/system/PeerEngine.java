package dev.orchestrator.benchmarks.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One of the open-source engines a team could embed instead of the product (issue 16), driven
 * through its own documented Java API on its own database: standalone human tasks (no process
 * model) carrying the product's open executions, one task per execution, assigned to the
 * execution's CSM, with the execution's priority score as the task's priority.
 */
interface PeerEngine extends AutoCloseable {

    /** One open execution as a peer holds it: its id as the task's key, its CSM, its score. */
    record OpenTask(String key, String assignee, int priority) {
    }

    /** One row of a queue page: the task's key and its priority. */
    record Ranked(String key, int priority) {
    }

    /** The engine and its version, for the report. */
    String name();

    /** The settings that matter for the figures (history, jobs, ids, pool). */
    List<String> settings();

    /** How {@link #load} and {@link #create} write (the fastest path its API offers). */
    String loadPath();

    /** Creates the tasks (the initial load, or new work), {@code threads} writers at once. */
    void create(List<OpenTask> tasks, int threads) throws Exception;

    /** "My queue": the assignee's {@code limit} open tasks of highest priority, highest first. */
    List<Ranked> myQueue(String assignee, int limit) throws Exception;

    /** Completes one open task, as its assignee (the peer's own notion of finishing work). */
    void complete(OpenTask task) throws Exception;

    /** Gives every listed task its new priority; returns the tasks written. */
    long reprioritize(Map<String, Integer> priorities, int threads) throws Exception;

    /** How {@link #reprioritize} writes. */
    String reprioritizePath();

    /** Items in slices of {@code batch}, {@code threads} slices at a time; the first failure is rethrown. */
    static <T> void inParallel(List<T> items, int batch, int threads, SliceWork<T> work) throws Exception {
        List<List<T>> slices = new ArrayList<>();
        for (int i = 0; i < items.size(); i += batch) {
            slices.add(items.subList(i, Math.min(items.size(), i + batch)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<T> slice : slices) {
                futures.add(pool.submit(() -> {
                    work.run(slice);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface SliceWork<T> {
        void run(List<T> slice) throws Exception;
    }

    /** The same pool for every peer: HikariCP, as many connections as the product's pool. */
    static com.zaxxer.hikari.HikariDataSource pool(String url, String user, String password, String name) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("peer-" + name);
        config.setMaximumPoolSize(dev.orchestrator.persistence.ConnectionPool.MAXIMUM_POOL_SIZE);
        config.setAutoCommit(true);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    /** Entries as tasks' new priorities, in a list (for slicing). */
    static List<Map.Entry<String, Integer>> entries(Map<String, Integer> priorities) {
        return new ArrayList<>(priorities.entrySet());
    }
}
