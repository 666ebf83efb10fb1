package dev.orchestrator.persistence;

import dev.orchestrator.core.application.port.out.IdGenerator;
import java.util.UUID;

/** Random (version 4) UUIDs, as PostgreSQL's gen_random_uuid() makes them. */
final class RandomIds implements IdGenerator {
    @Override
    public UUID newId() {
        return UUID.randomUUID();
    }
}
