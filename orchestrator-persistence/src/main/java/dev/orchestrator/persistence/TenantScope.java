package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The organization whose rows the database lets this thread's work see: the value of the setting
 * {@code orchestrator.organization_id} that row-level security checks (migration V26). An inbound
 * adapter binds it once it knows who is calling (the HTTP API: the verified caller's organization,
 * for the whole request); every connection {@link PostgresStore}'s adapters take while it is bound
 * carries it in each of its transactions ({@link TenantConnections}). Unbound, a role bound by
 * row-level security sees no tenant row at all; the owner role of the batch commands bypasses it.
 *
 * <pre>{@code
 * try (TenantScope.Binding ignored = TenantScope.bind(caller.organizationId())) {
 *     ... every port call here reads and writes only that organization's rows ...
 * }
 * }</pre>
 */
public final class TenantScope {

    /** What a transaction's settings say: the organization, and the caller being authenticated. */
    record Tenant(UUID organization, UUID caller) {
    }

    private static final ThreadLocal<Tenant> CURRENT = new ThreadLocal<>();

    private TenantScope() {
    }

    /** Binds {@code organization} to this thread until the binding is closed (which restores the previous one). */
    public static Binding bind(OrganizationId organization) {
        Objects.requireNonNull(organization, "organization");
        Tenant previous = CURRENT.get();
        CURRENT.set(new Tenant(organization.value(), previous == null ? null : previous.caller()));
        return new Binding(previous);
    }

    /** Unbinds whatever is bound on this thread (a thread pool's thread starts its next task clean). */
    public static void clear() {
        CURRENT.remove();
    }

    /** The organization bound to this thread, if any. */
    public static Optional<OrganizationId> current() {
        Tenant tenant = CURRENT.get();
        return tenant == null || tenant.organization() == null ? Optional.empty()
                : Optional.of(OrganizationId.of(tenant.organization()));
    }

    /**
     * While authenticating: lets the work see the one profile whose id is the token's verified subject
     * (policy {@code caller_reads_own_profile}), before the organization is known.
     */
    static Binding bindCaller(ProfileId caller) {
        Objects.requireNonNull(caller, "caller");
        Tenant previous = CURRENT.get();
        CURRENT.set(new Tenant(previous == null ? null : previous.organization(), caller.value()));
        return new Binding(previous);
    }

    static Tenant tenant() {
        return CURRENT.get();
    }

    /** Closing it restores what was bound before. */
    public static final class Binding implements AutoCloseable {
        private final Tenant previous;

        private Binding(Tenant previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
