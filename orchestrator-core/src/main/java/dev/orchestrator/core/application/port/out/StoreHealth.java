package dev.orchestrator.core.application.port.out;

/** Whether the store answers now. */
public interface StoreHealth {
    boolean isReachable();
}
