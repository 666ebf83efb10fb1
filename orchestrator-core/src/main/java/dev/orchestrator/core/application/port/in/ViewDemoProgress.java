package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.DemoProgress;
import java.util.Optional;

/** How far a CSM is through the demo sequence. */
public interface ViewDemoProgress {
    Result<DemoProgress> progress(Profile caller, Optional<ProfileId> csmId);
}
