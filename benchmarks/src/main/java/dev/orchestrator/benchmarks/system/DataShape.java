package dev.orchestrator.benchmarks.system;

/**
 * The shape of one synthetic data set: hundreds of CSMs, tens of thousands of customers.
 *
 * @param organizations tenants
 * @param csms CSMs in all
 * @param customers customers in all
 * @param executions workflow executions in all
 */
record DataShape(long organizations, long csms, long customers, long executions) {

    /** The data set for the recompute, queue and transition figures at {@code executions} rows. */
    static DataShape forExecutions(long executions) {
        long organizations = executions <= 10_000 ? 1 : executions <= 200_000 ? 2 : executions <= 2_000_000 ? 4 : 8;
        long csms = executions <= 10_000 ? 10 : executions <= 200_000 ? 200 : executions <= 2_000_000 ? 400 : 800;
        // One customer per 6 executions: seed synthetic keeps at most one open execution per
        // (customer, definition) and makes 5-10 definitions per organization, so fewer customers
        // cap the open share well below the ~70 % asked (50,000 customers gave 30 % open at 1M).
        long customers = Math.max(executions / 6, 100);
        return new DataShape(organizations, csms, customers, executions);
    }

    /** The data set for signal interpretation over {@code customers} customers (few executions). */
    static DataShape forCustomers(long customers) {
        DataShape base = forExecutions(customers);
        return new DataShape(base.organizations, base.csms, customers, Math.max(customers / 10, 100));
    }

    String describe() {
        return String.format("%,d organizations, %,d CSMs, %,d customers, %,d executions",
                organizations, csms, customers, executions);
    }
}
