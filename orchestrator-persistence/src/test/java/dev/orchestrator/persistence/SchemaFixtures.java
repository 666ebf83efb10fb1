package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;
import static dev.orchestrator.persistence.jooq.Tables.PROFILES;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS;
import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;

import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Inserts the minimum rows a test needs, through the generated jOOQ classes (so these tests also
 * prove the generated code matches the migrated schema). Every call uses fresh ids, so tests in
 * one class never collide.
 */
final class SchemaFixtures {

    final DSLContext sql;

    SchemaFixtures(DataSource dataSource) {
        this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** One organization with one CSM, one customer of that CSM and one definition. */
    record Tenant(UUID organizationId, UUID csmId, UUID customerId, UUID definitionId) {}

    Tenant tenant() {
        UUID organization = organization();
        UUID csm = profile(organization, Role.CSM);
        return new Tenant(organization, csm, customer(organization, csm), definition(organization, WorkflowType.RISK, 900));
    }

    UUID organization() {
        UUID id = UUID.randomUUID();
        sql.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, id).set(ORGANIZATIONS.NAME, "Org " + id).execute();
        return id;
    }

    UUID profile(UUID organization, Role role) {
        UUID id = UUID.randomUUID();
        sql.insertInto(PROFILES)
                .set(PROFILES.ID, id)
                .set(PROFILES.ORGANIZATION_ID, organization)
                .set(PROFILES.EMAIL, id + "@example.org")
                .set(PROFILES.FULL_NAME, "Person " + id)
                .set(PROFILES.ROLE, role)
                .execute();
        return id;
    }

    UUID customer(UUID organization, UUID csm) {
        UUID id = UUID.randomUUID();
        sql.insertInto(CUSTOMERS)
                .set(CUSTOMERS.ID, id)
                .set(CUSTOMERS.ORGANIZATION_ID, organization)
                .set(CUSTOMERS.NAME, "Customer " + id)
                .set(CUSTOMERS.CSM_ID, csm)
                .execute();
        return id;
    }

    UUID definition(UUID organization, WorkflowType type, int priorityWeight) {
        UUID id = UUID.randomUUID();
        sql.insertInto(WORKFLOW_DEFINITIONS)
                .set(WORKFLOW_DEFINITIONS.ID, id)
                .set(WORKFLOW_DEFINITIONS.ORGANIZATION_ID, organization)
                .set(WORKFLOW_DEFINITIONS.NAME, type.wireName() + " workflow")
                .set(WORKFLOW_DEFINITIONS.WORKFLOW_TYPE, type)
                .set(WORKFLOW_DEFINITIONS.PRIORITY_WEIGHT, priorityWeight)
                .execute();
        return id;
    }

    /** A production execution in the given status; callers add what that status requires. */
    UUID execution(Tenant tenant, ExecutionStatus status) {
        UUID id = UUID.randomUUID();
        sql.insertInto(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.ID, id)
                .set(WORKFLOW_EXECUTIONS.ORGANIZATION_ID, tenant.organizationId())
                .set(WORKFLOW_EXECUTIONS.WORKFLOW_DEFINITION_ID, tenant.definitionId())
                .set(WORKFLOW_EXECUTIONS.CUSTOMER_ID, tenant.customerId())
                .set(WORKFLOW_EXECUTIONS.ASSIGNED_CSM_ID, tenant.csmId())
                .set(WORKFLOW_EXECUTIONS.STATUS, status)
                .execute();
        return id;
    }
}
