package dev.orchestrator.core.testing;

import dev.orchestrator.core.application.port.out.JobCalendar;
import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.jobs.JobRun;
import dev.orchestrator.core.domain.jobs.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The job ports in memory: a run history, a lock per job name (held until closed) and a calendar the
 * test sets. The reference the PostgreSQL adapters are checked against ({@link JobPortsContract}).
 */
public final class InMemoryJobs implements JobRunLog, JobLock, JobCalendar {

    private final Map<UUID, JobRun> runs = new LinkedHashMap<>();
    private final Set<String> held = new HashSet<>();
    private final Map<String, Planned> planned = new LinkedHashMap<>();

    public synchronized void plan(String job, Planned plan) {
        planned.put(job, plan);
    }

    @Override
    public synchronized void started(JobRun run) {
        if (runs.containsKey(run.id())) {
            throw new IllegalStateException("run " + run.id() + " already recorded");
        }
        runs.put(run.id(), run);
    }

    @Override
    public synchronized void finished(JobRun run) {
        if (!runs.containsKey(run.id())) {
            throw new IllegalStateException("run " + run.id() + " was never started");
        }
        runs.put(run.id(), run);
    }

    @Override
    public synchronized List<JobRun> latest(String job, int limit) {
        return runs.values().stream().filter(r -> r.job().equals(job))
                .sorted(Comparator.comparing(JobRun::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int abandonRunning(String job, Instant at) {
        List<JobRun> running = new ArrayList<>(runs.values().stream()
                .filter(r -> r.job().equals(job) && r.status() == JobStatus.RUNNING).toList());
        for (JobRun r : running) {
            runs.put(r.id(), new JobRun(r.id(), r.job(), r.instance(), r.organization(), r.trigger(),
                    JobStatus.ABANDONED, r.startedAt(), at, r.steps(), r.error()));
        }
        return running.size();
    }

    @Override
    public synchronized Optional<Held> tryLock(String job) {
        if (!held.add(job)) {
            return Optional.empty();
        }
        return Optional.of(new Held() {
            private boolean released;

            @Override
            public void close() {
                synchronized (InMemoryJobs.this) {
                    if (!released) {
                        released = true;
                        held.remove(job);
                    }
                }
            }
        });
    }

    @Override
    public synchronized Optional<Planned> planned(String job) {
        return Optional.ofNullable(planned.get(job));
    }
}
