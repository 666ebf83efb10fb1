package dev.orchestrator.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The locks that keep the stored {@code blocked} marker ({@link BlockedMarker}) right when two writers of
 * one customer's work run at once. Without them each writer refreshes the customer's markers with what it
 * can see, and neither sees the other's uncommitted change: a dependent created while its prerequisite is
 * being completed could stay marked blocked until the customer's next write.
 *
 * <ul>
 * <li>A writer of some customers' executions (a transition, new executions) takes, as the first statement
 * of its transaction and before any row lock, the organization's lock <em>shared</em> and each customer's
 * lock exclusive, then writes and refreshes in that transaction. Two writers of one customer therefore run
 * one after the other, and the second one's refresh sees the first one's commit.
 * <li>A set-based writer (the daily interpretation and auto-close, an import, a catalog write) does its
 * work without these locks and refreshes after its commit, in a short transaction of its own that first
 * takes the locks of what it refreshes (the organization's exclusively for a wide scope). That refresh
 * waits for the per-customer writers in flight and sees everything committed; a writer that starts after
 * it waits for it. Taking the organization's lock for the whole set-based write instead would hold that
 * organization's transitions for the length of a daily run; taking it after the write's row locks
 * deadlocks with a transition waiting for one of those rows.
 * </ul>
 *
 * <p>Keys are in the two-int form (a space of its own, then a hash), like {@link AdvisoryJobLock}'s, so they
 * never meet the single-key locks other code might take. Two customers with the same hash only wait for
 * each other. Every writer takes its keys in one order (organizations, then customers, each ascending), so
 * that two writers of overlapping customers queue instead of deadlocking.
 */
final class MarkerLocks {

    /** The first key of an organization's lock (the second: {@link #organizationKey}); 14 is the dependency writers'. */
    static final int ORGANIZATION_SPACE = 15;
    /** The first key of a customer's lock (the second: {@link #customerKey}). */
    static final int CUSTOMER_SPACE = 16;
    /** Lock calls per statement (each call two bind values). */
    private static final int CALLS_PER_STATEMENT = 500;

    private MarkerLocks() {
    }

    /** In {@code t}'s transaction, before its first row lock: the locks of a writer of these customers' executions. */
    static void forCustomers(DSLContext t, Map<UUID, ? extends Collection<UUID>> customersByOrganization) {
        TreeSet<Integer> organizations = new TreeSet<>();
        TreeSet<Integer> customers = new TreeSet<>();
        customersByOrganization.forEach((organization, ids) -> {
            if (!ids.isEmpty()) {
                organizations.add(organizationKey(organization));
                ids.forEach(c -> customers.add(customerKey(organization, c)));
            }
        });
        List<Call> calls = new ArrayList<>();
        organizations.forEach(k -> calls.add(new Call(SHARED_ORGANIZATION, k)));
        customers.forEach(k -> calls.add(new Call(CUSTOMER, k)));
        for (int from = 0; from < calls.size(); from += CALLS_PER_STATEMENT) {
            lock(t, calls.subList(from, Math.min(calls.size(), from + CALLS_PER_STATEMENT)));
        }
    }

    /** One lock call of a statement: the function with its key space, and the key, bound. */
    private record Call(String function, int key) {
    }

    private static final String SHARED_ORGANIZATION = "pg_advisory_xact_lock_shared(" + ORGANIZATION_SPACE + ", ?)";
    private static final String ORGANIZATION = "pg_advisory_xact_lock(" + ORGANIZATION_SPACE + ", ?)";
    private static final String CUSTOMER = "pg_advisory_xact_lock(" + CUSTOMER_SPACE + ", ?)";

    /**
     * The calls as one statement, {@code SELECT f(space, ?), …}: the select list is evaluated left to right,
     * so the keys are taken in the calls' order. Written as its SQL text (no jOOQ query to render: the text
     * is the function calls alone), run bound by position, on every transition.
     */
    private static void lock(DSLContext t, List<Call> calls) {
        StringBuilder statement = new StringBuilder("SELECT ");
        Param<?>[] keys = new Param<?>[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            statement.append(i == 0 ? "" : ", ").append(calls.get(i).function());
            keys[i] = DSL.val(calls.get(i).key(), SQLDataType.INTEGER);
        }
        RenderedOnce.execute(t, statement.toString(), keys);
    }

    /** In {@code t}'s transaction, before its first row lock: the organization's lock, exclusively (a wide refresh). */
    static void forOrganization(DSLContext t, UUID organization) {
        lock(t, List.of(new Call(ORGANIZATION, organizationKey(organization))));
    }

    static int organizationKey(UUID organization) {
        return organization.hashCode();
    }

    static int customerKey(UUID organization, UUID customer) {
        return 31 * organization.hashCode() + customer.hashCode();
    }
}
