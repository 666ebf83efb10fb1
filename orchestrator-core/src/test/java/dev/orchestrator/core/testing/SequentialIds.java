package dev.orchestrator.core.testing;

import dev.orchestrator.core.application.port.out.IdGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable ids for tests: 00000000-0000-4000-8000-000000000001, ...2, ... */
public final class SequentialIds implements IdGenerator {

    private final AtomicLong next = new AtomicLong(1);
    private final long prefix;

    public SequentialIds(long prefix) {
        this.prefix = prefix;
    }

    @Override
    public UUID newId() {
        return new UUID(prefix << 32 | 0x4000L, 0x8000_0000_0000_0000L | next.getAndIncrement());
    }
}
