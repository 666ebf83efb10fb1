package dev.orchestrator.core.domain.signals;

/** A customer's opportunity and risk scores. */
public record SignalScores(SignalScore opportunity, SignalScore risk) {
}
