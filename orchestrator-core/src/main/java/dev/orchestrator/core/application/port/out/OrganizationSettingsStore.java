package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import dev.orchestrator.core.domain.ids.OrganizationId;

/** An organization's settings, kept with the organization. */
public interface OrganizationSettingsStore {

    /** The settings of {@code organization}: the defaults until an admin changes them. */
    OrganizationSettings settings(OrganizationId organization);

    /** Stores {@code settings} for {@code organization}, which exists. */
    void saveSettings(OrganizationId organization, OrganizationSettings settings);
}
