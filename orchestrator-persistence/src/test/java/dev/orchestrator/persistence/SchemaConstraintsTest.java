package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTION_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.persistence.SchemaFixtures.Tenant;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The rules the schema itself enforces, checked against a real PostgreSQL. */
@WithPostgres
class SchemaConstraintsTest {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final SchemaFixtures fixtures;

    SchemaConstraintsTest(TestDatabase db) {
        this.fixtures = new SchemaFixtures(db.dataSource());
    }

    @Test
    void aSecondNonTerminalExecutionForTheSameCustomerAndDefinitionIsRefused() {
        Tenant tenant = fixtures.tenant();
        fixtures.execution(tenant, ExecutionStatus.NOT_STARTED);

        ServerErrorMessage error = refusal(() -> fixtures.execution(tenant, ExecutionStatus.UNDERWAY));

        assertThat(error.getSQLState()).isEqualTo(UNIQUE_VIOLATION);
        assertThat(error.getConstraint()).isEqualTo("workflow_executions_one_active_per_customer_definition");
    }

    @Test
    void terminalExecutionsDoNotBlockANewOne() {
        Tenant tenant = fixtures.tenant();
        UUID first = fixtures.execution(tenant, ExecutionStatus.UNDERWAY);
        fixtures.sql.update(WORKFLOW_EXECUTIONS).set(WORKFLOW_EXECUTIONS.STATUS, ExecutionStatus.COMPLETED)
                .where(WORKFLOW_EXECUTIONS.ID.eq(first)).execute();
        fixtures.execution(tenant, ExecutionStatus.NOT_STARTED);

        assertThat(fixtures.sql.fetchCount(WORKFLOW_EXECUTIONS, WORKFLOW_EXECUTIONS.CUSTOMER_ID.eq(tenant.customerId())))
                .isEqualTo(2);
    }

    @Test
    void insertOnConflictInfersThePartialUniqueIndex() {
        Tenant tenant = fixtures.tenant();
        fixtures.execution(tenant, ExecutionStatus.NOT_STARTED);

        // The statement the service uses to create "if not already open"; index inference needs
        // the column list and the index predicate (a partial index is not a named constraint).
        int inserted = fixtures.sql.execute("""
                INSERT INTO workflow_executions (organization_id, workflow_definition_id, customer_id, assigned_csm_id)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (organization_id, customer_id, workflow_definition_id)
                    WHERE status IN ('not_started', 'underway', 'snoozed')
                DO NOTHING""", tenant.organizationId(), tenant.definitionId(), tenant.customerId(), tenant.csmId());

        assertThat(inserted).isZero();
    }

    @Test
    void aSnoozedExecutionNeedsSnoozeUntil() {
        Tenant tenant = fixtures.tenant();

        ServerErrorMessage error = refusal(() -> fixtures.execution(tenant, ExecutionStatus.SNOOZED));

        assertThat(error.getSQLState()).isEqualTo(CHECK_VIOLATION);
        assertThat(error.getConstraint()).isEqualTo("workflow_executions_snoozed_has_until_check");
    }

    @Test
    void aSkippedExecutionNeedsAReason() {
        Tenant tenant = fixtures.tenant();

        ServerErrorMessage error = refusal(() -> fixtures.execution(tenant, ExecutionStatus.SKIPPED));

        assertThat(error.getConstraint()).isEqualTo("workflow_executions_skipped_has_reason_check");
    }

    @Test
    void snoozeDaysStayWithinOneToNinety() {
        Tenant tenant = fixtures.tenant();
        UUID execution = fixtures.execution(tenant, ExecutionStatus.NOT_STARTED);

        ServerErrorMessage error = refusal(() -> fixtures.sql.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, ExecutionStatus.SNOOZED)
                .set(WORKFLOW_EXECUTIONS.SNOOZE_UNTIL, OffsetDateTime.now().plusDays(91))
                .set(WORKFLOW_EXECUTIONS.SNOOZE_DAYS, 91)
                .where(WORKFLOW_EXECUTIONS.ID.eq(execution)).execute());

        assertThat(error.getConstraint()).isEqualTo("workflow_executions_snooze_days_check");
    }

    @Test
    void signalsMayBeMissingButNotOutOfRange() {
        Tenant tenant = fixtures.tenant();
        fixtures.sql.insertInto(CUSTOMER_PROPERTIES)
                .set(CUSTOMER_PROPERTIES.CUSTOMER_ID, tenant.customerId())
                .set(CUSTOMER_PROPERTIES.ORGANIZATION_ID, tenant.organizationId())
                .execute();

        ServerErrorMessage error = refusal(() -> fixtures.sql.update(CUSTOMER_PROPERTIES)
                .set(CUSTOMER_PROPERTIES.CHURN_RISK_SCORE, (short) 11)
                .where(CUSTOMER_PROPERTIES.CUSTOMER_ID.eq(tenant.customerId())).execute());

        assertThat(error.getSQLState()).isEqualTo(CHECK_VIOLATION);
        assertThat(error.getConstraint()).isEqualTo("customer_properties_churn_risk_score_check");
    }

    @Test
    void anExecutionCannotPointAtAnotherOrganizationsCustomer() {
        Tenant mine = fixtures.tenant();
        Tenant theirs = fixtures.tenant();
        Tenant crossed = new Tenant(mine.organizationId(), mine.csmId(), theirs.customerId(), mine.definitionId());

        ServerErrorMessage error = refusal(() -> fixtures.execution(crossed, ExecutionStatus.NOT_STARTED));

        assertThat(error.getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION);
        assertThat(error.getConstraint()).isEqualTo("workflow_executions_customer_fkey");
    }

    @Test
    void aManagerMustBelongToTheSameOrganization() {
        UUID manager = fixtures.profile(fixtures.organization(), Role.MANAGER);
        UUID csm = fixtures.profile(fixtures.organization(), Role.CSM);

        ServerErrorMessage error = refusal(() -> fixtures.sql.update(PROFILES)
                .set(PROFILES.MANAGER_ID, manager).where(PROFILES.ID.eq(csm)).execute());

        assertThat(error.getConstraint()).isEqualTo("profiles_manager_fkey");
    }

    @Test
    void unknownRolesAreRefused() {
        UUID organization = fixtures.organization();

        ServerErrorMessage error = refusal(() -> fixtures.sql.execute(
                "INSERT INTO profiles (organization_id, email, full_name, role) VALUES (?, 'x@example.org', 'X', 'ceo')",
                organization));

        assertThat(error.getConstraint()).isEqualTo("profiles_role_check");
    }

    @Test
    void eventsCanBeAppendedButNeverChangedOrRemoved() {
        Tenant tenant = fixtures.tenant();
        UUID execution = fixtures.execution(tenant, ExecutionStatus.NOT_STARTED);
        long eventId = fixtures.sql.insertInto(WORKFLOW_EXECUTION_EVENTS)
                .set(WORKFLOW_EXECUTION_EVENTS.ORGANIZATION_ID, tenant.organizationId())
                .set(WORKFLOW_EXECUTION_EVENTS.EXECUTION_ID, execution)
                .set(WORKFLOW_EXECUTION_EVENTS.ACTION, Action.CREATE)
                .set(WORKFLOW_EXECUTION_EVENTS.TO_STATUS, ExecutionStatus.NOT_STARTED)
                .returning(WORKFLOW_EXECUTION_EVENTS.ID)
                .fetchOne(WORKFLOW_EXECUTION_EVENTS.ID);

        ServerErrorMessage update = refusal(() -> fixtures.sql.update(WORKFLOW_EXECUTION_EVENTS)
                .set(WORKFLOW_EXECUTION_EVENTS.REASON, "rewritten").where(WORKFLOW_EXECUTION_EVENTS.ID.eq(eventId)).execute());
        ServerErrorMessage delete = refusal(() -> fixtures.sql.deleteFrom(WORKFLOW_EXECUTION_EVENTS)
                .where(WORKFLOW_EXECUTION_EVENTS.ID.eq(eventId)).execute());
        ServerErrorMessage truncate = refusal(() -> fixtures.sql.execute("TRUNCATE workflow_execution_events"));

        assertThat(update.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE);
        assertThat(update.getMessage()).contains("append-only").contains("UPDATE");
        assertThat(delete.getMessage()).contains("DELETE");
        assertThat(truncate.getMessage()).contains("TRUNCATE");
        assertThat(fixtures.sql.fetchCount(WORKFLOW_EXECUTION_EVENTS, WORKFLOW_EXECUTION_EVENTS.ID.eq(eventId))).isEqualTo(1);
    }

    @Test
    void generatedTypesRoundTripEnumsAndJsonb() {
        Tenant tenant = fixtures.tenant();
        UUID execution = fixtures.execution(tenant, ExecutionStatus.UNDERWAY);
        fixtures.sql.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.EXECUTION_DATA, JSONB.valueOf("{\"step\": 2}"))
                .where(WORKFLOW_EXECUTIONS.ID.eq(execution)).execute();

        var row = fixtures.sql.selectFrom(WORKFLOW_EXECUTIONS).where(WORKFLOW_EXECUTIONS.ID.eq(execution)).fetchSingle();

        assertThat(row.getStatus()).isEqualTo(ExecutionStatus.UNDERWAY);
        assertThat(row.getExecutionData().data()).isEqualTo("{\"step\": 2}");
        assertThat(row.getVersion()).isZero();
        assertThat(fixtures.sql.fetchValue("SELECT status FROM workflow_executions WHERE id = ?", execution)).isEqualTo("underway");
    }

    /** Runs something the database must refuse and returns PostgreSQL's reason. */
    private static ServerErrorMessage refusal(ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("the database should have refused this").isNotNull();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
        }
        throw new AssertionError("refused, but not by PostgreSQL", thrown);
    }
}
