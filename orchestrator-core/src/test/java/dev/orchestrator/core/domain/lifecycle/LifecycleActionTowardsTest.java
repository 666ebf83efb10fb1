package dev.orchestrator.core.domain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import org.junit.jupiter.api.Test;

class LifecycleActionTowardsTest {

    @Test
    void the_same_status_means_saving_progress() {
        for (ExecutionStatus status : ExecutionStatus.values()) {
            assertThat(Lifecycle.actionTowards(status, status)).isEqualTo(Action.UPDATE_DATA);
        }
    }

    @Test
    void another_status_means_the_one_action_of_the_table_that_leads_there() {
        assertThat(Lifecycle.actionTowards(ExecutionStatus.NOT_STARTED, ExecutionStatus.UNDERWAY)).isEqualTo(Action.START);
        assertThat(Lifecycle.actionTowards(ExecutionStatus.SNOOZED, ExecutionStatus.UNDERWAY)).isEqualTo(Action.START);
        assertThat(Lifecycle.actionTowards(ExecutionStatus.UNDERWAY, ExecutionStatus.COMPLETED)).isEqualTo(Action.COMPLETE);
        assertThat(Lifecycle.actionTowards(ExecutionStatus.UNDERWAY, ExecutionStatus.SNOOZED)).isEqualTo(Action.SNOOZE);
        assertThat(Lifecycle.actionTowards(ExecutionStatus.NOT_STARTED, ExecutionStatus.SKIPPED)).isEqualTo(Action.SKIP);
        assertThat(Lifecycle.actionTowards(ExecutionStatus.SNOOZED, ExecutionStatus.NOT_STARTED)).isEqualTo(Action.WAKE);
        // Not allowed from there, but still the action the request means: apply() rejects it.
        assertThat(Lifecycle.actionTowards(ExecutionStatus.COMPLETED, ExecutionStatus.UNDERWAY)).isEqualTo(Action.START);
    }
}
