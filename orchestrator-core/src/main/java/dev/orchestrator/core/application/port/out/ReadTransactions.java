package dev.orchestrator.core.application.port.out;

import java.util.function.Supplier;

/**
 * Runs a use case's reads as one unit: a view that reads several ports (the caller's team, the policy,
 * a page, its total) asks the store once instead of once per port. What the reads see is what each
 * would see on its own; a store with transactions may run them in one (read-only) transaction, with one
 * tenant binding, instead of one each (docs/performance.md, "lists in one transaction"). Only reads: a
 * write inside may be refused. Nested calls join the outer one.
 */
public interface ReadTransactions {

    /** Each read on its own: for stores without transactions (and the in-memory fake). */
    ReadTransactions SEPARATE = new ReadTransactions() {
        @Override
        public <T> T together(Supplier<T> reads) {
            return reads.get();
        }

        @Override
        public <T> T readsThenWrite(Supplier<T> work) {
            return work.get();
        }
    };

    /** {@code reads}' result (or exception), its port reads run together. */
    <T> T together(Supplier<T> reads);

    /**
     * {@code work}'s result (or exception): a use case's reads and the one guarded write they lead to, run
     * as one unit. A store with transactions may run them in one read-write transaction (one tenant
     * binding, one BEGIN and one COMMIT) instead of one per read and one for the write: a transition
     * took four transactions before (less work for the database and the pool; no faster on loopback:
     * docs/performance.md, "2026-12-02 (morning)"). What the reads see is what they would see on their own (each statement sees what was
     * committed before it, not a snapshot of the unit's start), and the write stays guarded by version and
     * status, so nothing read is trusted past what the guard checks again. A unit of this kind inside a
     * unit of reads runs on its own; nested inside one of its kind, it joins it.
     */
    <T> T readsThenWrite(Supplier<T> work);
}
