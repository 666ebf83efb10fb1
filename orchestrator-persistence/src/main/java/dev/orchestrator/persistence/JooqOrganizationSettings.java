package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.ORGANIZATIONS;

import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.ids.OrganizationId;
import org.jooq.DSLContext;

/** The settings are columns of {@code organizations} (V28), with the defaults as column defaults. */
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
        return statements.query(binds, sql.select(ORGANIZATIONS.ESCALATION_ACK_TARGET_HOURS).from(ORGANIZATIONS)
                        .where(ORGANIZATIONS.ID.eq(binds.val(organization.value(), ORGANIZATIONS.ID))))
                .coerce(ORGANIZATIONS.ESCALATION_ACK_TARGET_HOURS)
                .fetchOptional(r -> new OrganizationSettings(r.value1()))
                .orElse(OrganizationSettings.DEFAULTS);
    }

    @Override
    public void saveSettings(OrganizationId organization, OrganizationSettings settings) {
        int updated = sql.update(ORGANIZATIONS)
                .set(ORGANIZATIONS.ESCALATION_ACK_TARGET_HOURS, settings.escalationAckTargetHours())
                .where(ORGANIZATIONS.ID.eq(organization.value()))
                .execute();
        if (updated != 1) {
            throw new IllegalArgumentException("no organization " + organization);
        }
    }
}
