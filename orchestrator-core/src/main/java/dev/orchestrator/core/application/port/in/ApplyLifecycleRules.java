package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The daily job's signal-aware lifecycle rules over every execution (or one organization's): early wake,
 * then auto-close. Cooldown needs no action of its own (interpretation applies it). Idempotent: a second
 * application on the same UTC day wakes, counts and closes nothing.
 */
public interface ApplyLifecycleRules {

    Report apply(Optional<OrganizationId> organization);

    /**
     * {@code wokenEarly}: snoozed work woken because risk rose; {@code counted} / {@code reset}: executions
     * whose auto-close run count went up / back to 0; {@code autoClosed}: skipped by the system.
     */
    record Report(long wokenEarly, long counted, long reset, long autoClosed) {

        /** As the daily job records them, in this order. */
        public Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("woken_early", wokenEarly);
            counts.put("auto_close_counted", counted);
            counts.put("auto_close_reset", reset);
            counts.put("auto_closed", autoClosed);
            return counts;
        }
    }
}
