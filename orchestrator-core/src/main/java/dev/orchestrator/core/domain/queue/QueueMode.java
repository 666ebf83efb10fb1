package dev.orchestrator.core.domain.queue;

/**
 * Production ranks real work by priority score; demo walks the demo executions in the fixed order
 * of their definitions' {@code trigger_conditions.order}, for presentations.
 */
public enum QueueMode {
    PRODUCTION,
    DEMO
}
