package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITION_DEPENDENCIES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;

import dev.orchestrator.core.domain.dependency.DependencyRule;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.persistence.jooq.tables.WorkflowExecutions;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The stored {@code blocked} marker of {@code workflow_executions} (V41): {@link DependencyRule#blocked} for
 * each row, which the production queue reads ({@code NOT blocked}, inside its index) instead of evaluating
 * the rule for every entry it passes. One statement keeps it, built from the rule's own SQL
 * ({@link DependencySql#blockedInOrganization}, not a copy):
 *
 * <pre>
 * UPDATE workflow_executions e SET blocked = &lt;rule&gt;
 * WHERE &lt;scope&gt; AND e.blocked IS DISTINCT FROM &lt;rule&gt;
 * </pre>
 *
 * run in the transaction of each write that can change the rule's inputs of some row: an execution
 * created ({@code JooqExecutionWriter.insertNew}, the interpreter's INSERT … SELECT, an import, the demo
 * seed, the loaders), a status changed ({@code saveTransition}, the daily auto-close, an import), a
 * definition's {@code depends_on} written (a save, an import). The early wake needs none: snoozed and
 * not started are both blockable and both blocking, so the rule's answer cannot change.
 *
 * <p>The rule only ever looks at one customer's executions, so a write that touched some customers
 * refreshes those customers' rows; a {@code depends_on} write refreshes its definition's rows. The rule
 * leads with "the definition is one of the organization's dependents" (read once per statement): in an
 * organization without dependencies no row probes anything and, since no row there is marked, none is
 * written. A refresh that finds nothing to change writes nothing (the {@code IS DISTINCT FROM}). A write of
 * executions there does not even send it ({@link #dependenciesExist}): the statement is planned anew on
 * every call (0.64 ms against 0.06 ms to run, docs/performance.md), a seventh of a transition.
 *
 * <p>Two writers of one customer at once would each refresh with what it can see, and neither sees the
 * other's uncommitted change; {@link MarkerLocks} orders them: a per-customer writer locks its customers
 * first and refreshes in its transaction ({@link #refresh}); a set-based writer refreshes after its commit
 * in a short locked transaction of its own ({@link #refreshAfterCommit}, {@link #refreshWhereEventsAt}).
 * Between such a write's commit and its refresh (or if the process dies there) its customers' markers
 * may be stale; a start is still refused on the rule itself ({@code TransitionService}), and the
 * customer's next write repairs the marker.
 */
final class BlockedMarker {

    private static final WorkflowExecutions E = WORKFLOW_EXECUTIONS.as("e");
    private static final WorkflowExecutions X = WORKFLOW_EXECUTIONS.as("x");

    /** The rows one refresh looks at, always inside one organization (the rule's dependents are read for it). */
    sealed interface RefreshScope permits OfCustomers, OfDefinitions, OfOrganization, OfEventsAt {
        UUID organization();
    }

    /** Every execution of these customers. */
    record OfCustomers(UUID organization, Collection<UUID> customers) implements RefreshScope {
        OfCustomers {
            Objects.requireNonNull(organization, "organization");
            customers = List.copyOf(customers);
        }
    }

    /** Every execution of these definitions (their {@code depends_on} was written). */
    record OfDefinitions(UUID organization, Collection<UUID> definitions) implements RefreshScope {
        OfDefinitions {
            Objects.requireNonNull(organization, "organization");
            definitions = List.copyOf(definitions);
        }
    }

    /** Every execution of the organization (a bulk load). */
    record OfOrganization(UUID organization) implements RefreshScope {
        OfOrganization {
            Objects.requireNonNull(organization, "organization");
        }
    }

    /**
     * Every execution of the customers that have an execution with an event at {@code at}: what one
     * set-based write created or closed (each of its rows gets an event at its {@code now}), found by
     * {@code workflow_execution_events_by_time} without the write returning its rows. Another write's
     * events at the same instant only widen the scope, which never makes a marker wrong.
     */
    record OfEventsAt(UUID organization, Instant at) implements RefreshScope {
        OfEventsAt {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(at, "at");
        }
    }

    private BlockedMarker() {
    }

    /**
     * Refreshes the marker of the rows in {@code scope}, in {@code t}'s transaction, which holds the
     * scope's {@link MarkerLocks} (or runs where no other writer can); the number of rows changed.
     */
    static int refresh(DSLContext t, RefreshScope scope) {
        if (isEmpty(scope)) {
            return 0;
        }
        return statement(t, scope).execute();
    }

    /**
     * The markers of {@code customers}, grouped by organization (each refresh stays inside one), in
     * {@code t}'s transaction after its {@link MarkerLocks}: in the organizations with a dependency
     * ({@link #dependenciesExist}), since elsewhere a write of executions changes no marker.
     */
    static void refreshCustomers(DSLContext t, Map<UUID, ? extends Collection<UUID>> customersByOrganization) {
        customersByOrganization.forEach((organization, customers) -> {
            if (!customers.isEmpty() && dependenciesExist(t, organization)) {
                refresh(t, new OfCustomers(organization, customers));
            }
        });
    }

    /**
     * After a set-based write of {@code organization} (all of them when empty) that gave each row it
     * created or closed an event at {@code now} (the interpretation, the auto-close), and after its
     * commit: the markers of those rows' customers ({@link OfEventsAt}), each organization in a
     * transaction of its own under its exclusive lock ({@link #refreshAfterCommit}). Across
     * organizations, each one with dependencies (elsewhere nothing can be blocked).
     */
    static void refreshWhereEventsAt(DSLContext sql, Optional<OrganizationId> organization, Instant now) {
        List<UUID> organizations = organization.map(o -> List.of(o.value()))
                .orElseGet(() -> organizationsWithDependencies(sql));
        for (UUID o : organizations) {
            refreshAfterCommit(sql, new OfEventsAt(o, now));
        }
    }

    /**
     * For a write that has committed without {@link MarkerLocks}: the markers of {@code scope}, in a
     * transaction of its own on {@code sql} (not inside another one) that first takes the scope's locks
     * (its customers', or its organization's exclusively), so that it waits for the per-customer writers
     * in flight and sees what they commit. A deadlock with a set-based writer that holds some of its rows
     * (the recompute) is retried. Returns the number of rows changed.
     */
    static int refreshAfterCommit(DSLContext sql, RefreshScope scope) {
        if (isEmpty(scope) || ofWrittenWork(scope) && !dependenciesExist(sql, scope.organization())) {
            return 0;
        }
        return retriedOnDeadlock(() -> sql.transactionResult(tx -> {
            lock(tx.dsl(), scope);
            return refresh(tx.dsl(), scope);
        }), () -> { });
    }

    /** {@link #refreshAfterCommit} on a connection the caller runs transactions on by hand (a load session): commits. */
    static int refreshAfterCommit(java.sql.Connection connection, DSLContext sql, RefreshScope scope) {
        return isEmpty(scope) ? 0 : retriedOnDeadlock(() -> {
            lock(sql, scope);
            int changed = refresh(sql, scope);
            commit(connection);
            return changed;
        }, () -> rollback(connection));
    }

    /** PostgreSQL's SQLSTATE for a deadlock it broke by failing this transaction. */
    private static final String DEADLOCK = "40P01";

    /** {@code attempt}, tried up to three times while PostgreSQL breaks a deadlock by failing it ({@code undo} after each failure). */
    private static int retriedOnDeadlock(java.util.function.IntSupplier attempt, Runnable undo) {
        for (int tries = 1; ; tries++) {
            try {
                return attempt.getAsInt();
            } catch (org.jooq.exception.DataAccessException e) {
                undo.run();
                if (tries >= 3 || !DEADLOCK.equals(e.sqlState())) {
                    throw e;
                }
            }
        }
    }

    private static void commit(java.sql.Connection connection) {
        try {
            connection.commit();
        } catch (java.sql.SQLException e) {
            throw new org.jooq.exception.DataAccessException("the refresh could not be committed: " + e.getMessage(), e);
        }
    }

    private static void rollback(java.sql.Connection connection) {
        try {
            connection.rollback();
        } catch (java.sql.SQLException e) {
            throw new org.jooq.exception.DataAccessException("the refresh could not be rolled back: " + e.getMessage(), e);
        }
    }

    /** The locks a refresh of {@code scope} takes first, when its write did not take them. */
    private static void lock(DSLContext t, RefreshScope scope) {
        if (scope instanceof OfCustomers c) {
            MarkerLocks.forCustomers(t, Map.of(c.organization(), c.customers()));
        } else {
            MarkerLocks.forOrganization(t, scope.organization());
        }
    }

    /**
     * The organization has a dependency: in {@code t}'s transaction, read after its {@link MarkerLocks}
     * (a statement after them, so that its snapshot is too), or after the commit of a write without them.
     * Where it has none, a write of executions (created, or a status changed) can leave every marker as it
     * is (none is set there), and the write may skip its refresh and the release of dependents. A
     * {@code depends_on} write that commits meanwhile does not miss it: that write refreshes its
     * definitions' rows after its commit under the organization's <em>exclusive</em> lock, which waits for
     * the transaction that holds the shared one, and so sees what it wrote; if instead the refresh got the
     * lock first, the {@code depends_on} write committed before this read, which sees it.
     */
    static Field<Boolean> dependenciesExist(Field<UUID> organization) {
        var d = WORKFLOW_DEFINITION_DEPENDENCIES;
        return DSL.field(DSL.exists(DSL.selectOne().from(d).where(d.ORGANIZATION_ID.eq(organization))));
    }

    /** {@link #dependenciesExist(Field)} as a statement of its own. */
    static boolean dependenciesExist(DSLContext t, UUID organization) {
        return t.select(dependenciesExist(DSL.val(organization))).fetchSingle().value1();
    }

    /**
     * The scope is that of a write of executions (not of {@code depends_on}, whose refresh must also run
     * when the organization's last dependency is gone: it unmarks what that dependency blocked).
     */
    private static boolean ofWrittenWork(RefreshScope scope) {
        return scope instanceof OfCustomers || scope instanceof OfEventsAt;
    }

    private static boolean isEmpty(RefreshScope scope) {
        return scope instanceof OfCustomers c && c.customers().isEmpty()
                || scope instanceof OfDefinitions d && d.definitions().isEmpty();
    }

    /** The statement {@link #refresh} runs (package-private for plan tests). */
    static org.jooq.Query statement(DSLContext t, RefreshScope scope) {
        Field<Boolean> rule = rule(scope.organization());
        return t.update(E)
                .set(E.BLOCKED, rule)
                .where(E.ORGANIZATION_ID.eq(scope.organization()))
                .and(rows(scope))
                .and(E.BLOCKED.isDistinctFrom(rule));
    }

    /**
     * The organizations a write across organizations (a daily job run for all) refreshes: those with
     * dependencies. Elsewhere no row is marked (the write that removes an organization's last dependency
     * refreshes that definition's rows), and no row can become blocked.
     */
    static List<UUID> organizationsWithDependencies(DSLContext t) {
        var d = WORKFLOW_DEFINITION_DEPENDENCIES;
        return t.selectDistinct(d.ORGANIZATION_ID).from(d).orderBy(d.ORGANIZATION_ID).fetch(d.ORGANIZATION_ID);
    }

    /** {@link DependencyRule#blocked} of the row {@code e}, as a value. */
    static Field<Boolean> rule(UUID organization) {
        return DSL.field(DependencySql.blockedInOrganization(organization, E.ORGANIZATION_ID, E.CUSTOMER_ID,
                E.WORKFLOW_DEFINITION_ID, E.STATUS, E.CREATED_AT));
    }

    private static Condition rows(RefreshScope scope) {
        if (scope instanceof OfCustomers c) {
            return E.CUSTOMER_ID.eq(DSL.any(c.customers().toArray(UUID[]::new)));
        }
        if (scope instanceof OfDefinitions d) {
            return E.WORKFLOW_DEFINITION_ID.eq(DSL.any(d.definitions().toArray(UUID[]::new)));
        }
        if (scope instanceof OfEventsAt a) {
            var ev = WORKFLOW_EXECUTION_EVENTS;
            return E.CUSTOMER_ID.in(DSL.select(X.CUSTOMER_ID).from(ev)
                    .join(X).on(X.ORGANIZATION_ID.eq(ev.ORGANIZATION_ID)).and(X.ID.eq(ev.EXECUTION_ID))
                    .where(ev.ORGANIZATION_ID.eq(a.organization()))
                    .and(ev.OCCURRED_AT.eq(Codes.timestamp(a.at()))));
        }
        return DSL.noCondition(); // OfOrganization
    }
}
