package dev.orchestrator.testsupport;

import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL database, migrated with the schema from the {@code migrations}
 * module. No mocks, no shared state between test classes.
 *
 * <pre>{@code
 * @WithPostgres
 * class CustomerRepositoryTest {
 *     private final TestDatabase db;
 *
 *     CustomerRepositoryTest(TestDatabase db) {   // or a @BeforeAll / @Test parameter
 *         this.db = db;                          // db.dataSource(), db.jdbcUrl(), db.user(), db.password()
 *     }
 *
 *     @Test
 *     void migratesFromScratch(@EmptyDatabase TestDatabase empty) { ... }  // no schema at all
 * }
 * }</pre>
 *
 * <ul>
 *   <li>The server is chosen once per JVM by {@link PostgresServerChooser} (environment
 *       variable {@code ORCHESTRATOR_TEST_DB_URL}, then 127.0.0.1:5432, then Testcontainers, then
 *       an embedded PostgreSQL); the choice and its reason are printed once to stderr.</li>
 *   <li>Flyway migrates one template database per JVM; each test class gets its own database
 *       cloned from it ({@code CREATE DATABASE ... TEMPLATE}, tens of milliseconds), shared by the
 *       class's test methods and dropped when the class is done. Tests in one class therefore
 *       see each other's rows: use fresh ids per test.</li>
 *   <li>{@link EmptyDatabase @EmptyDatabase} parameters get a new database without any schema.</li>
 *   <li>{@code ORCHESTRATOR_TEST_DB_POOLER=pgbouncer} puts a transaction-pooling PgBouncer between the
 *       code under test and the server ({@link PgBouncerFront}). Where none is installed the tests are
 *       skipped with one line saying how to install it, except under {@code CI=true}, where that is a
 *       failure.</li>
 * </ul>
 */
public final class PostgresExtension implements ParameterResolver, ExecutionCondition {

    private static boolean toldMissingPooler;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!PgBouncerFront.requested() || PgBouncerFront.binary().isPresent()) {
            return ConditionEvaluationResult.enabled("no pooler asked for, or it is installed");
        }
        String why = PgBouncerFront.POOLER + "=pgbouncer but no pgbouncer binary was found: install it"
                + " (apt-get install pgbouncer) or name it with " + PgBouncerFront.BINARY + " to run these tests through it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (under CI=true a missing PgBouncer is a failure, not a skip)");
        }
        synchronized (PostgresExtension.class) {
            if (!toldMissingPooler) {
                toldMissingPooler = true;
                System.err.println("[orchestrator-tests] skipped: " + why);
            }
        }
        return ConditionEvaluationResult.disabled(why);
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final String CLASS_DATABASE = "classDatabase";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.isAnnotated(EmptyDatabase.class)) {
            DroppedOnClose empty = new DroppedOnClose(TestDatabases.get().createEmpty());
            // The store closes it when this context (test method, or class for @BeforeAll) ends.
            context.getStore(NAMESPACE).put(UUID.randomUUID(), empty);
            return empty.database();
        }
        return classDatabase(context);
    }

    /**
     * The class's migrated database, created on first use (lookups also see an enclosing class's).
     * Public for other extensions that build on it (a pool, a fixture) in their own callbacks.
     */
    public static TestDatabase classDatabase(ExtensionContext context) {
        DroppedOnClose existing = context.getStore(NAMESPACE).get(CLASS_DATABASE, DroppedOnClose.class);
        if (existing != null) {
            return existing.database();
        }
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(CLASS_DATABASE, key -> new DroppedOnClose(TestDatabases.get().createMigrated()), DroppedOnClose.class)
                .database();
    }

    /** JUnit closes AutoCloseable store values when their context ends. */
    private record DroppedOnClose(TestDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            TestDatabases.get().drop(database.name());
        }
    }
}
