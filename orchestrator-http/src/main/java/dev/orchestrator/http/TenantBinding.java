package dev.orchestrator.http;

import dev.orchestrator.core.domain.ids.OrganizationId;

/**
 * Hands the verified caller's organization to the store for the rest of the request, on the thread
 * that serves it: the PostgreSQL store then lets the database's row-level security admit that
 * organization's rows only (docs/operations.md#roles-and-row-level-security). The composition root
 * supplies it ({@link Operations#withTenantBinding}); the in-memory store needs none.
 */
public interface TenantBinding {

    /** Nothing to bind. */
    TenantBinding NONE = new TenantBinding() {
        @Override
        public void bind(OrganizationId organization) {
        }

        @Override
        public void clear() {
        }
    };

    /** From now until {@link #clear()}, this thread's work is {@code organization}'s. */
    void bind(OrganizationId organization);

    /** Ends the binding (called when a request starts and when it has been answered). */
    void clear();
}
