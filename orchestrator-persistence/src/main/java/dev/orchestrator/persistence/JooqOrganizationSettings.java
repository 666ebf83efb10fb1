package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;

import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.workload.AssignmentStrategy;
import dev.orchestrator.core.domain.workload.LoadCounting;
import java.util.Arrays;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The settings are columns of {@code organizations} (V28, V35), with the defaults as column defaults.
 * The closed sets are stored by their wire names (V35's CHECKs).
 */
final class JooqOrganizationSettings implements OrganizationSettingsStore {

    private final DSLContext sql;

    /** The settings' read (a list or team view with escalations makes it), rendered once. */
    private final RenderedOnce statements;

    JooqOrganizationSettings(DSLContext sql) {
        this.sql = sql;
        this.statements = new RenderedOnce(sql);
    }

    @Override
    public OrganizationSettings settings(OrganizationId organization) {
        RenderedOnce.Binds binds = new RenderedOnce.Binds("settings");
        var columns = new Field<?>[] {ORGANIZATIONS.ESCALATION_ACK_TARGET_HOURS, ORGANIZATIONS.ASSIGNMENT_POOL,
                ORGANIZATIONS.ASSIGNMENT_STRATEGY, ORGANIZATIONS.REBALANCE_LOAD};
        return statements.fetch(binds, sql.select(columns).from(ORGANIZATIONS)
                        .where(ORGANIZATIONS.ID.eq(binds.val(organization.value(), ORGANIZATIONS.ID))), columns)
                .into(ORGANIZATIONS.ESCALATION_ACK_TARGET_HOURS, ORGANIZATIONS.ASSIGNMENT_POOL,
                        ORGANIZATIONS.ASSIGNMENT_STRATEGY, ORGANIZATIONS.REBALANCE_LOAD)
                .stream().findFirst().map(r -> new OrganizationSettings(r.value1(),
                        Arrays.stream(r.value2()).map(ProfileId::of).toList(),
                        AssignmentStrategy.fromWireName(r.value3()).orElseThrow(),
                        LoadCounting.fromWireName(r.value4()).orElseThrow()))
                .orElse(OrganizationSettings.DEFAULTS);
    }

    @Override
    public void saveSettings(OrganizationId organization, OrganizationSettings settings) {
        int updated = sql.update(ORGANIZATIONS)
                .set(ORGANIZATIONS.ESCALATION_ACK_TARGET_HOURS, settings.escalationAckTargetHours())
                .set(ORGANIZATIONS.ASSIGNMENT_POOL, settings.assignmentPool().stream().map(ProfileId::value)
                        .toArray(UUID[]::new))
                .set(ORGANIZATIONS.ASSIGNMENT_STRATEGY, settings.assignmentStrategy().wireName())
                .set(ORGANIZATIONS.REBALANCE_LOAD, settings.rebalanceLoad().wireName())
                .where(ORGANIZATIONS.ID.eq(organization.value()))
                .execute();
        if (updated != 1) {
            throw new IllegalArgumentException("no organization " + organization);
        }
    }
}
