package dev.orchestrator.core.testing;

import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;

/** The in-memory job ports honour their contract, so use-case tests on them mean something. */
class InMemoryJobPortsContractTest extends JobPortsContract {

    private final InMemoryJobs jobs = new InMemoryJobs();

    @Override
    protected JobRunLog runs() {
        return jobs;
    }

    @Override
    protected JobLock lock() {
        return jobs;
    }
}
