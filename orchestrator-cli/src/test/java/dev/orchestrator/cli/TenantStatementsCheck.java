package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.DriverStatementLog;
import dev.orchestrator.testsupport.PostgresExtension;
import dev.orchestrator.testsupport.TenantPredicates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The statement-predicate check of the HTTP suite (docs/scaling.md, "Citus on paper") over the CLI suite:
 * the commands open their own pools inside the product, so the statements are read from the JDBC
 * driver's own log ({@link DriverStatementLog}) while each test class runs, and the class fails if an
 * adapter sent a statement on a tenant table without an {@code organization_id} predicate. Registered for
 * every test class of this module (META-INF/services, autodetection in junit-platform.properties).
 * The jobs' statements over every organization are the known exception ({@link #JOBS_OVER_EVERY_ORGANIZATION}).
 */
public final class TenantStatementsCheck implements BeforeAllCallback, AfterAllCallback {

    /**
     * The daily job's steps and the CLI's batch commands run for every organization at once, on purpose
     * (docs/scaling.md: on Citus a multi-shard statement, or a loop over the organizations).
     */
    static final Set<String> JOBS_OVER_EVERY_ORGANIZATION = Set.of(
            "JooqPolicyVersions#policiesOfEveryOrganization", // which policies each organization's work runs with
            "SqlPriorityRecomputation#recompute",            // recompute / the daily job's last step, every organization
            "SqlSignalInterpretation#interpret",             // interpret-signals / the daily job's first step
            "SqlSignalLifecycle#autoClose",                  // the daily job's lifecycle rules
            "SqlSignalLifecycle#wakeEarly",
            "BlockedMarker#organizationsWithDependencies",   // after those two for every organization: whose markers to refresh
            "Migrator#migrate",                              // migrations and their backfills change every row
            "JooqExecutionViews#organizationOf");            // history --execution ID: whose execution is it (by id)

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TenantStatementsCheck.class);
    private static Set<String> tenantTables;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("log", DriverStatementLog.start());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DriverStatementLog log = context.getStore(NAMESPACE).remove("log", DriverStatementLog.class);
        log.stop();
        if (log.recorded().isEmpty()) {
            return;
        }
        Set<String> allowed = new TreeSet<>(TenantPredicates.CROSS_ORGANIZATION);
        allowed.addAll(JOBS_OVER_EVERY_ORGANIZATION);
        Map<String, List<String>> violations = TenantPredicates.violations(log.recorded(), tenantTables(context), allowed);
        assertThat(violations).as("adapter statements on tenant tables without an organization_id predicate").isEmpty();
    }

    private static synchronized Set<String> tenantTables(ExtensionContext context) {
        if (tenantTables == null) {
            Set<String> tables = new TreeSet<>(TenantPredicates.tenantTables(
                    PostgresExtension.classDatabase(context).dataSource()));
            tables.removeAll(TenantPredicates.LOCAL_TABLES);
            tenantTables = Set.copyOf(tables);
        }
        return tenantTables;
    }
}
