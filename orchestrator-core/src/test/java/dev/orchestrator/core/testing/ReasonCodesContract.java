package dev.orchestrator.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.out.ReasonCodes;
import dev.orchestrator.core.domain.reasons.ReasonCode;
import dev.orchestrator.core.domain.reasons.ReasonKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@code ReasonCodes}: none stored until written, a write replaces the whole set, per organization. */
public abstract class ReasonCodesContract extends PortContract {

    private static final ReasonCode LATER = new ReasonCode("later", ReasonKind.SNOOZE, "Later", true);
    private static final ReasonCode OTHER = new ReasonCode("other", ReasonKind.SKIP, "Something else", true);
    private static final ReasonCode OLD = new ReasonCode("old_reason", ReasonKind.SKIP, "Old — ünïcode 😀", false);

    @Test
    void anOrganizationHasNoStoredCodesUntilItWritesThem() {
        assertThat(fixture.ports().reasons().reasonCodes(world.org)).isEmpty();
    }

    @Test
    void aWriteReplacesEveryStoredCodeOfItsOrganizationOnly() {
        ReasonCodes reasons = fixture.ports().reasons();
        World other = new World(fixture);
        reasons.replaceReasonCodes(other.org, List.of(OTHER));
        reasons.replaceReasonCodes(world.org, List.of(LATER, OTHER, OLD));
        assertThat(reasons.reasonCodes(world.org)).containsExactlyInAnyOrder(LATER, OTHER, OLD);

        reasons.replaceReasonCodes(world.org, List.of(OTHER, new ReasonCode("later", ReasonKind.SNOOZE, "Soon", false)));
        assertThat(reasons.reasonCodes(world.org)).containsExactlyInAnyOrder(OTHER,
                new ReasonCode("later", ReasonKind.SNOOZE, "Soon", false));
        assertThat(reasons.reasonCodes(other.org)).containsExactly(OTHER);
        assertThat(reasons.reasonCodes(new World(fixture).org)).isEmpty();
    }
}
