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
    };

    /** {@code reads}' result (or exception), its port reads run together. */
    <T> T together(Supplier<T> reads);
}
