package dev.orchestrator.core.domain.jobs;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What one step of a job run did: its name, what it counted (in the step's own order) and how long it took. */
public record StepReport(String name, Map<String, Long> counts, Duration duration) {

    public StepReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duration, "duration");
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public double seconds() {
        return duration.toNanos() / 1e9;
    }
}
