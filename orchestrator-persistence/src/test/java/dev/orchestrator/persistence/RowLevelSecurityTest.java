package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.queue.QueueMode;
import dev.orchestrator.persistence.SchemaFixtures.Tenant;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation by the database itself (migration V26), seen as the service sees it: connected as
 * a login member of {@code orchestrator_service} (the server's own user is a superuser and bypasses
 * row-level security even when it is FORCE'd). The data is seeded as the owner.
 */
@WithPostgres
class RowLevelSecurityTest {

    private static SchemaFixtures owner;
    private static DataSource service;
    private static Tenant a;
    private static Tenant b;

    @BeforeAll
    static void seedTwoOrganizations(TestDatabase db) {
        owner = new SchemaFixtures(db.dataSource());
        service = db.serviceDataSource();
        a = owner.tenant();
        b = owner.tenant();
        owner.execution(a, ExecutionStatus.NOT_STARTED);
        owner.execution(b, ExecutionStatus.NOT_STARTED);
    }

    /** Generic over the catalog, so that a table a later migration adds cannot forget it. */
    @Test
    void everyTableWithAnOrganizationIdAndOrganizationsItselfHaveForcedRowLevelSecurity() {
        List<String> tenantTables = tenantTables();
        assertThat(tenantTables).contains("organizations", "profiles", "customers", "customer_properties", "contacts",
                "workflow_definitions", "workflow_executions", "workflow_execution_events", "idempotency_keys",
                "job_runs");
        List<String> missing = new ArrayList<>();
        for (String table : tenantTables) {
            List<Boolean> flags = owner.sql.fetch("SELECT relrowsecurity, relforcerowsecurity FROM pg_class"
                    + " WHERE oid = to_regclass({0})", table).map(r -> r.get(0, Boolean.class) && r.get(1, Boolean.class));
            String column = table.equals("organizations") ? "id" : "organization_id";
            long policies = number(owner.sql, "SELECT count(*) FROM pg_policies WHERE schemaname = current_schema()"
                    + " AND tablename = {0} AND policyname = 'tenant_isolation' AND cmd = 'ALL' AND permissive = 'PERMISSIVE'"
                    + " AND qual = {1} AND with_check = {1}", table,
                    "(" + column + " = orchestrator_organization())");
            if (!flags.equals(List.of(true)) || policies != 1) {
                missing.add(table);
            }
        }
        assertThat(missing).as("tables without FORCE'd row-level security and the tenant_isolation policy "
                + "(add them to the migration that creates the table, as V26 does)").isEmpty();
    }

    @Test
    void theServiceRoleIsNoSuperuserCannotBypassAndOwnsNothing() {
        DSLContext sql = DSL.using(service, SQLDialect.POSTGRES);
        assertThat(sql.fetchOne("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").intoList())
                .containsExactly(false, false);
        assertThat(number(sql, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND pg_has_role(current_user, c.relowner, 'USAGE')"))
                .isZero();
        assertThat(sql.fetchValue("SELECT has_table_privilege('flyway_schema_history', 'INSERT')"
                + " OR has_table_privilege('scheduled_tasks', 'SELECT')")).isEqualTo(false);
    }

    @Test
    void withNoOrganizationSetEveryTenantTableIsEmptyAndNothingCanBeWritten() throws SQLException {
        try (Connection c = service.getConnection(); Statement s = c.createStatement()) {
            for (String table : tenantTables()) {
                assertThat(count(s, table)).as(table).isZero();
            }
            assertThat(count(owner.sql, "customers")).isGreaterThanOrEqualTo(2);
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO organizations (id, name) VALUES ('"
                    + UUID.randomUUID() + "', 'sneaked in')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            assertThat(s.executeUpdate("UPDATE customers SET name = 'renamed'")).isZero();
            assertThat(s.executeUpdate("DELETE FROM contacts")).isZero();
        }
    }

    @Test
    void anAdapterMissingItsWhereReadsAndWritesOnlyTheBoundOrganization() {
        // What a careless adapter in PostgresStore would run: its connections come from TenantConnections.
        DSLContext careless = DSL.using(TenantConnections.over(service), SQLDialect.POSTGRES);
        try (TenantScope.Binding ignored = TenantScope.bind(OrganizationId.of(a.organizationId()))) {
            assertThat(careless.selectFrom(CUSTOMERS).fetch(CUSTOMERS.ORGANIZATION_ID)).containsOnly(a.organizationId());
            assertThat(careless.selectFrom(WORKFLOW_EXECUTIONS).fetch(WORKFLOW_EXECUTIONS.ID)).hasSize(1);

            String before = customerName(b);
            assertThat(careless.update(CUSTOMERS).set(CUSTOMERS.NAME, "Taken over").execute()).isEqualTo(1);
            assertThat(customerName(b)).isEqualTo(before);
            assertThat(customerName(a)).isEqualTo("Taken over");

            // moving a row into the other organization, or writing one there, is refused
            assertThatThrownBy(() -> careless.update(CUSTOMERS).set(CUSTOMERS.ORGANIZATION_ID, b.organizationId())
                    .where(CUSTOMERS.ID.eq(a.customerId())).execute())
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> careless.insertInto(PROFILES)
                    .set(PROFILES.ID, UUID.randomUUID()).set(PROFILES.ORGANIZATION_ID, b.organizationId())
                    .set(PROFILES.EMAIL, "intruder@example.org").set(PROFILES.FULL_NAME, "Intruder")
                    .set(PROFILES.ROLE, Role.ADMIN).execute())
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("row-level security");
            assertThat(careless.deleteFrom(WORKFLOW_EXECUTIONS)
                    .where(WORKFLOW_EXECUTIONS.ORGANIZATION_ID.eq(b.organizationId())).execute()).isZero();
        }
        assertThat(count(owner.sql, "workflow_executions WHERE organization_id = '" + b.organizationId() + "'"))
                .isEqualTo(1);
    }

    @Test
    void aPooledConnectionThatServedOneOrganizationServesTheNextWithNothingLeaked() {
        try (HikariDataSource pool = poolOfOne(service)) {
            OutboundPorts ports = PostgresStore.create(pool).ports();
            DSLContext careless = DSL.using(TenantConnections.over(pool), SQLDialect.POSTGRES);
            long backend;
            try (TenantScope.Binding ignored = TenantScope.bind(OrganizationId.of(a.organizationId()))) {
                backend = backendPid(careless);
                assertThat(queue(ports, a)).hasSize(1);
                assertThat(careless.selectFrom(CUSTOMERS).fetch(CUSTOMERS.ID)).containsExactly(a.customerId());
                // an explicit transaction: the setting is re-applied after its commit, then dropped with it
                careless.transaction(tx -> assertThat(tx.dsl().selectFrom(CUSTOMERS).fetch(CUSTOMERS.ID))
                        .containsExactly(a.customerId()));
            }
            try (TenantScope.Binding ignored = TenantScope.bind(OrganizationId.of(b.organizationId()))) {
                assertThat(backendPid(careless)).isEqualTo(backend);
                assertThat(queue(ports, b)).hasSize(1);
                assertThat(queue(ports, a)).as("A's queue asked for while B is bound").isEmpty();
                assertThat(careless.selectFrom(CUSTOMERS).fetch(CUSTOMERS.ID)).containsExactly(b.customerId());
            }
            // nothing bound: the same session has no setting left and sees no tenant row
            assertThat(backendPid(careless)).isEqualTo(backend);
            assertThat(careless.fetchValue("SELECT coalesce(current_setting('orchestrator.organization_id', true), '')"))
                    .isEqualTo("");
            assertThat(careless.selectFrom(CUSTOMERS).fetch()).isEmpty();
            assertThat(queue(ports, a)).isEmpty();
        }
    }

    @Test
    void authenticationSeesTheCallersOwnProfileAndNoOther() {
        OutboundPorts ports = PostgresStore.create(service).ports();
        assertThat(ports.profiles().findCaller(ProfileId.of(a.csmId())).map(p -> p.organizationId().value()))
                .contains(a.organizationId());
        assertThat(ports.profiles().findProfile(OrganizationId.of(a.organizationId()), ProfileId.of(a.csmId())))
                .as("unbound, outside authentication").isEmpty();
        DSLContext careless = DSL.using(TenantConnections.over(service), SQLDialect.POSTGRES);
        try (TenantScope.Binding ignored = TenantScope.bindCaller(ProfileId.of(a.csmId()))) {
            assertThat(careless.selectFrom(PROFILES).fetch(PROFILES.ID)).containsExactly(a.csmId());
            // read-only: the caller's own row cannot be written before its organization is bound
            assertThat(careless.update(PROFILES).set(PROFILES.FULL_NAME, "Changed")
                    .where(PROFILES.ID.eq(a.csmId())).execute()).isZero();
        }
        assertThat(owner.sql.fetchValue(PROFILES.FULL_NAME, PROFILES.ID.eq(a.csmId()))).startsWith("Person ");
    }

    private static List<QueueEntry> queue(OutboundPorts ports, Tenant tenant) {
        return ports.queues().queue(OrganizationId.of(tenant.organizationId()), ProfileId.of(tenant.csmId()),
                QueueMode.PRODUCTION, 10);
    }

    private static List<String> tenantTables() {
        return owner.sql.fetch("""
                SELECT c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                  AND (c.relname = 'organizations' OR EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid
                       AND a.attname = 'organization_id' AND NOT a.attisdropped))
                ORDER BY c.relname""").map(r -> r.get(0, String.class));
    }

    private static String customerName(Tenant tenant) {
        return owner.sql.fetchValue(CUSTOMERS.NAME, CUSTOMERS.ID.eq(tenant.customerId()));
    }

    private static long backendPid(DSLContext sql) {
        return number(sql, "SELECT pg_backend_pid()");
    }

    private static long number(DSLContext sql, String query, Object... bindings) {
        return ((Number) sql.fetchValue(query, bindings)).longValue();
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long count(DSLContext sql, String from) {
        return number(sql, "SELECT count(*) FROM " + from);
    }

    private static HikariDataSource poolOfOne(DataSource target) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(target);
        config.setPoolName("rls-test");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
