package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.OrganizationSettingsStore;
import dev.orchestrator.core.domain.escalation.OrganizationSettings;
import org.junit.jupiter.api.Test;

/** Contract of {@code OrganizationSettingsStore}: the defaults until saved, then what was saved, per organization. */
public abstract class OrganizationSettingsStoreContract extends PortContract {

    @Test
    void anOrganizationHasTheDefaultsUntilItsSettingsAreSaved() {
        assertThat(fixture.ports().settings().settings(world.org)).isEqualTo(OrganizationSettings.DEFAULTS);
    }

    @Test
    void savedSettingsAreTheOrganizationsOwn() {
        OrganizationSettingsStore store = fixture.ports().settings();
        World other = new World(fixture);
        store.saveSettings(world.org, new OrganizationSettings(OrganizationSettings.MAX_ACK_TARGET_HOURS));
        store.saveSettings(other.org, new OrganizationSettings(OrganizationSettings.MIN_ACK_TARGET_HOURS));

        assertThat(store.settings(world.org).escalationAckTargetHours()).isEqualTo(720);
        assertThat(store.settings(other.org).escalationAckTargetHours()).isEqualTo(1);
        store.saveSettings(world.org, new OrganizationSettings(48));
        assertThat(store.settings(world.org).escalationAckTargetHours()).isEqualTo(48);
        assertThat(store.settings(new World(fixture).org)).isEqualTo(OrganizationSettings.DEFAULTS);
    }
}
