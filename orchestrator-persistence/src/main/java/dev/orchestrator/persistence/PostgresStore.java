package dev.orchestrator.persistence;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.JobLock;
import dev.orchestrator.core.application.port.out.JobRunLog;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL implementation of every outbound port of the core, on one {@link DataSource}
 * (use a pool: {@link ConnectionPool#create}). The schema must be migrated ({@link Migrator}).
 *
 * <pre>{@code
 * HikariDataSource pool = ConnectionPool.create(url, user, password);
 * OutboundPorts ports = PostgresStore.create(pool).ports();
 * }</pre>
 * Every port call is one statement, or one transaction for a write with its event; each takes a
 * connection from the DataSource for its duration only, except inside {@code ports().reads().together(...)},
 * where a use case's reads share one read-only transaction ({@link TenantConnections#together}). Thread-safe.
 * Each transaction carries the organization bound with {@link TenantScope} into the database's row-level
 * security.
 */
public final class PostgresStore {

    static {
        // jOOQ logs a banner and a "tip of the day" on first use; a CLI's output is no place for them.
        // Only a default: an explicit -Dorg.jooq.no-logo=false still wins.
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private final OutboundPorts ports;
    private final JobRunLog jobRuns;
    private final JobLock jobLock;

    private PostgresStore(DataSource pool) {
        Objects.requireNonNull(pool, "dataSource");
        // Every adapter takes its connections here, so each transaction carries the bound tenant.
        TenantConnections dataSource = TenantConnections.over(pool);
        Settings settings = settings();
        DSLContext sql = DSL.using(dataSource, SQLDialect.POSTGRES, settings);
        JooqCatalogLoader loader = new JooqCatalogLoader(dataSource, settings);
        this.ports = new OutboundPorts(
                new JooqProfileLookup(sql),
                new JooqCustomerLookup(sql),
                new JooqDefinitionLookup(sql),
                new JooqExecutionLookup(sql),
                new JooqQueueReader(sql),
                new JooqExecutionWriter(sql),
                new SqlPriorityRecomputation(sql),
                new SqlSignalInterpretation(sql),
                new RandomIds(),
                new JdbcStoreHealth(dataSource),
                new JooqCatalogOwners(sql),
                loader,
                new JooqCatalogReads(sql),
                new JooqCatalogWrites(loader, new RenderedOnce(sql)),
                new JooqIdempotencyRecords(sql),
                new JooqExecutionViews(sql), new SqlSignalLifecycle(sql),
                new SqlTeamViews(sql), new JooqReasonCodes(sql), new JooqOrganizationSettings(sql),
                new JooqPolicyVersions(sql), new SqlPolicySimulation(sql), new JooqDependencyBlocks(sql),
                new SqlRebalanceReads(sql), new SqlAnalytics(sql), dataSource);
        this.jobRuns = new JooqJobRunLog(sql);
        this.jobLock = new AdvisoryJobLock(dataSource);
    }

    public static PostgresStore create(DataSource dataSource) {
        return new PostgresStore(dataSource);
    }

    /** Every outbound port, backed by this store. */
    public OutboundPorts ports() {
        return ports;
    }

    /** The history of job runs ({@code job_runs}). */
    public JobRunLog jobRuns() {
        return jobRuns;
    }

    private static Settings settings() {
        return new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false);
    }

    /**
     * The SQL the queue port runs for one page (binds: the organization, the CSM), so that a benchmark
     * measuring the statement over plain JDBC measures exactly what the service runs.
     */
    public static String queuePageSql(QueueMode mode, int limit) {
        return new JooqQueueReader(DSL.using(SQLDialect.POSTGRES, settings())).pageSql(mode, limit);
    }

    /**
     * The production page as {@link #queuePageSql} rendered it before workflow dependencies (issue 14),
     * without "not blocked": the benchmark's baseline for what dependencies cost. The service never runs
     * it. Since V41 the queue index leaves blocked rows out, so this page needs V8's index to be read as
     * it was (the benchmark creates it for its baseline phase).
     */
    public static String queuePageSqlBeforeDependencies(int limit) {
        return new JooqQueueReader(DSL.using(SQLDialect.POSTGRES, settings()), false).pageSql(QueueMode.PRODUCTION, limit);
    }

    /**
     * The statements the daily interpretation of every organization on the standard policies runs in its
     * transaction, in order: the planner settings, then the interpretation itself with its values
     * inlined (the pool assignment before them is left out). For a benchmark that EXPLAINs exactly what
     * the service runs.
     */
    public static List<String> dailyInterpretationSql(LocalDate today, Instant now) {
        DSLContext sql = DSL.using(SQLDialect.POSTGRES, settings());
        List<String> statements = new ArrayList<>(SqlSignalInterpretation.BATCH_SETTINGS);
        statements.add(sql.renderInlined(SqlSignalInterpretation.statement(sql, WorkScope.of(Optional.empty()),
                SignalPolicy.STANDARD, PriorityPolicy.STANDARD, today, now)));
        return statements;
    }

    /**
     * Refreshes the stored {@code blocked} marker (V41, {@link BlockedMarker}) of every execution of
     * {@code organizations}, on {@code connection} and in its transaction, for a writer that bypasses the
     * ports: a loader or seeder writing rows with plain SQL, a benchmark writing dependencies. The
     * connection must see the organizations' rows (an owner role that bypasses row-level security).
     * Returns the number of rows whose marker changed.
     */
    public static long refreshBlockedMarkers(Connection connection, Collection<UUID> organizations) {
        DSLContext sql = DSL.using(connection, SQLDialect.POSTGRES, settings());
        long changed = 0;
        for (UUID organization : organizations) {
            changed += BlockedMarker.refresh(sql, new BlockedMarker.OfOrganization(organization));
        }
        return changed;
    }

    /** The job lock: a transaction-level advisory lock, released also when its holder dies. */
    public JobLock jobLock() {
        return jobLock;
    }
}
