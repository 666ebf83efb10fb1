package dev.orchestrator.core.application.port.in;

/** Whether the service can do its work now (its store answers). */
public interface CheckHealth {
    boolean ready();
}
