package dev.orchestrator.core.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** When the jobs run: what the scheduler adapter has planned for each. */
public interface JobCalendar {

    /** The plan for {@code job}: empty when no scheduler knows it. */
    Optional<Planned> planned(String job);

    /** {@code schedule} in words (e.g. "daily at 00:05 UTC"); {@code nextRunAt} empty when nothing is planned yet. */
    record Planned(String schedule, Optional<Instant> nextRunAt) {
    }
}
