package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.List;
import java.util.Optional;

/**
 * Creates one execution per active demo definition for a CSM and a customer, in demo order.
 * Idempotent: a second call creates nothing and returns the same ids.
 */
public interface InitializeDemo {

    Result<Initialization> initialize(Profile caller, CustomerId customerId, Optional<ProfileId> csmId);

    /** {@code created} is false when every execution already existed. */
    record Initialization(boolean created, List<ExecutionId> executionIds) {
        public Initialization {
            executionIds = List.copyOf(executionIds);
        }
    }
}
