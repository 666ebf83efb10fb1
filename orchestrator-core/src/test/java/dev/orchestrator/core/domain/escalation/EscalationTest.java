package dev.orchestrator.core.domain.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.lifecycle.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final ProfileId CSM = ProfileId.of(new UUID(0, 1));
    private static final ProfileId MANAGER = ProfileId.of(new UUID(0, 2));
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void acknowledgeNeedsAnOpenEscalationAndResolveOneNotResolvedYet() {
        assertThat(Escalation.allowedFrom(Action.ACKNOWLEDGE)).containsExactly(EscalationState.OPEN);
        assertThat(Escalation.allowedFrom(Action.RESOLVE))
                .containsExactlyInAnyOrder(EscalationState.OPEN, EscalationState.ACKNOWLEDGED);
        assertThat(Escalation.allowedFrom(Action.SKIP)).isEmpty();

        Escalation open = Escalation.opened(CSM, AT);
        Escalation acknowledged = open.after(Action.ACKNOWLEDGE, MANAGER, AT.plusSeconds(60), "on it");
        assertThat(acknowledged).isEqualTo(new Escalation(EscalationState.ACKNOWLEDGED, CSM, AT, AT.plusSeconds(60),
                MANAGER, null, null, "on it"));
        Escalation resolved = acknowledged.after(Action.RESOLVE, MANAGER, AT.plusSeconds(120), null);
        assertThat(resolved.state()).isEqualTo(EscalationState.RESOLVED);
        assertThat(resolved.acknowledgedBy()).isEqualTo(MANAGER);
        assertThat(resolved.resolvedAt()).isEqualTo(AT.plusSeconds(120));
        assertThat(resolved.note()).as("the latest note is kept").isEqualTo("on it");
        assertThat(open.after(Action.RESOLVE, MANAGER, AT, "done").state()).isEqualTo(EscalationState.RESOLVED);

        assertThatThrownBy(() -> acknowledged.after(Action.ACKNOWLEDGE, MANAGER, AT, null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> resolved.after(Action.RESOLVE, MANAGER, AT, null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTargetIsBreachedWhenTheFirstAnswerOrNowComesAfterTheDueTime() {
        Escalation open = Escalation.opened(CSM, AT);
        Instant due = AT.plus(DAY);
        assertThat(open.ackDueAt(DAY)).isEqualTo(due);
        assertThat(open.breached(DAY, due)).isFalse();
        assertThat(open.breached(DAY, due.plusSeconds(1))).isTrue();

        Escalation inTime = open.after(Action.ACKNOWLEDGE, MANAGER, due, null);
        assertThat(inTime.breached(DAY, due.plus(DAY))).as("answered in time stays in time").isFalse();
        Escalation late = open.after(Action.ACKNOWLEDGE, MANAGER, due.plusSeconds(1), null);
        assertThat(late.breached(DAY, due.plusSeconds(1))).isTrue();
        Escalation resolvedAtOnce = open.after(Action.RESOLVE, MANAGER, AT.plusSeconds(5), null);
        assertThat(resolvedAtOnce.breached(DAY, due.plus(DAY))).isFalse();
    }

    @Test
    void theSettingsHoldTheTargetWithinOneToSevenHundredTwentyHours() {
        assertThat(OrganizationSettings.DEFAULTS.ackTarget()).isEqualTo(DAY);
        assertThat(OrganizationSettings.problem(0)).isPresent();
        assertThat(OrganizationSettings.problem(721)).isPresent();
        assertThat(OrganizationSettings.problem(1)).isEmpty();
        assertThat(OrganizationSettings.problem(720)).isEmpty();
        assertThatThrownBy(() -> new OrganizationSettings(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
