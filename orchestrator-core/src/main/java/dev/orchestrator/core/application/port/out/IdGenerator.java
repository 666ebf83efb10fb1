package dev.orchestrator.core.application.port.out;

import java.util.UUID;

/** Where new ids come from, so that the core never calls {@code UUID.randomUUID()} itself. */
public interface IdGenerator {
    UUID newId();
}
