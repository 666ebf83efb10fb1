package dev.orchestrator.core.application.port.out;

import java.util.Optional;

/**
 * One run of a job at a time, across every instance that shares the store: the lock is held for the
 * whole run and released when it is closed, or when the holder dies (a database adapter ties it to a
 * session, so a killed process cannot keep it).
 */
public interface JobLock {

    /** The lock, if nobody holds it now; empty when a run holds it (here or on another instance). */
    Optional<Held> tryLock(String job);

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
