package dev.orchestrator.core.domain.lifecycle;

import static dev.orchestrator.core.domain.execution.ExecutionStatus.COMPLETED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.NOT_STARTED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.SKIPPED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.SNOOZED;
import static dev.orchestrator.core.domain.execution.ExecutionStatus.UNDERWAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-05T10:30:00Z");
    private static final ProfileId CSM = ProfileId.of(new UUID(0, 1));
    private static final ProfileId MANAGER = ProfileId.of(new UUID(0, 2));

    /** The expected table, written out independently of the implementation's. */
    private static final Map<Action, Map<ExecutionStatus, ExecutionStatus>> ALLOWED = Map.of(
            Action.START, Map.of(NOT_STARTED, UNDERWAY, SNOOZED, UNDERWAY),
            Action.COMPLETE, Map.of(UNDERWAY, COMPLETED),
            Action.SNOOZE, Map.of(NOT_STARTED, SNOOZED, UNDERWAY, SNOOZED, SNOOZED, SNOOZED),
            Action.SKIP, Map.of(NOT_STARTED, SKIPPED, UNDERWAY, SKIPPED, SNOOZED, SKIPPED),
            Action.ESCALATE, Map.of(NOT_STARTED, NOT_STARTED, UNDERWAY, UNDERWAY, SNOOZED, SNOOZED),
            Action.WAKE, Map.of(SNOOZED, NOT_STARTED),
            Action.UPDATE_DATA, Map.of(NOT_STARTED, NOT_STARTED, UNDERWAY, UNDERWAY, SNOOZED, SNOOZED),
            // the escalation loop goes on in every status, terminal ones too, and changes none
            Action.ACKNOWLEDGE, Map.of(NOT_STARTED, NOT_STARTED, UNDERWAY, UNDERWAY, SNOOZED, SNOOZED,
                    COMPLETED, COMPLETED, SKIPPED, SKIPPED),
            Action.RESOLVE, Map.of(NOT_STARTED, NOT_STARTED, UNDERWAY, UNDERWAY, SNOOZED, SNOOZED,
                    COMPLETED, COMPLETED, SKIPPED, SKIPPED));

    static WorkflowExecution executionIn(ExecutionStatus status) {
        WorkflowExecution fresh = WorkflowExecution.create(ExecutionId.of(new UUID(1, 1)), OrganizationId.of(new UUID(2, 2)),
                DefinitionId.of(new UUID(3, 3)), CustomerId.of(new UUID(4, 4)), CSM, false, 800, CREATED);
        Instant before = CREATED.plus(Duration.ofHours(1));
        return switch (status) {
            case NOT_STARTED -> fresh;
            case UNDERWAY -> fresh.change().status(UNDERWAY).startedAt(before).at(before);
            case SNOOZED -> fresh.change().status(SNOOZED).snooze(before.plus(Duration.ofDays(2)), 2, before).at(before);
            case COMPLETED -> fresh.change().status(COMPLETED).startedAt(before).completedAt(before).at(before);
            case SKIPPED -> fresh.change().status(SKIPPED).skipped(before, "duplicate").at(before);
        };
    }

    static Transition validTransition(Action action) {
        return switch (action) {
            case START -> new Transition.Start();
            case COMPLETE -> new Transition.Complete();
            case SNOOZE -> new Transition.Snooze(7);
            case SKIP -> new Transition.Skip("  customer churned already  ");
            case ESCALATE -> new Transition.Escalate(MANAGER);
            case WAKE -> new Transition.Wake();
            case UPDATE_DATA -> new Transition.UpdateData();
            case ACKNOWLEDGE -> new Transition.Acknowledge(null);
            case RESOLVE -> new Transition.Resolve(null);
            case CREATE, REASSIGN, UNBLOCKED -> throw new IllegalArgumentException(action.wireName() + " is not a transition");
        };
    }

    static Stream<Arguments> everyActionFromEveryStatus() {
        List<Arguments> cases = new ArrayList<>();
        for (Action action : Action.values()) {
            if (action == Action.CREATE || action == Action.REASSIGN || action == Action.UNBLOCKED) {
                continue;
            }
            for (ExecutionStatus status : ExecutionStatus.values()) {
                cases.add(Arguments.of(action, status));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyActionFromEveryStatus")
    void allowsExactlyTheTransitionsOfTheTable(Action action, ExecutionStatus from) {
        WorkflowExecution execution = executionIn(from);
        if (action == Action.ACKNOWLEDGE || action == Action.RESOLVE) {
            execution = escalated(execution);
        }
        ExecutionStatus expected = ALLOWED.get(action).get(from);

        TransitionResult result = Lifecycle.apply(execution, validTransition(action), null, CSM, NOW);

        if (expected == null) {
            assertThat(result).isEqualTo(new TransitionResult.Rejected(from, action));
            String message = ((TransitionResult.Rejected) result).message();
            if (action == Action.UPDATE_DATA) {
                // asked for the status it already has: said as such, with the statuses whose data may change
                assertThat(message).startsWith("the execution is already " + from.wireName() + ";");
                Lifecycle.allowedFrom(action).forEach(open -> assertThat(message).contains(open.wireName()));
            } else {
                assertThat(message).contains(action.wireName()).contains(from.wireName());
            }
            assertThat(Lifecycle.allowedFrom(action)).doesNotContain(from);
        } else {
            assertThat(result).isInstanceOf(TransitionResult.Applied.class);
            TransitionResult.Applied applied = (TransitionResult.Applied) result;
            assertThat(applied.execution().status()).isEqualTo(expected);
            assertThat(applied.execution().version()).isEqualTo(execution.version() + 1);
            assertThat(applied.execution().updatedAt()).isEqualTo(NOW);
            assertThat(applied.execution().assignedCsmId()).isEqualTo(CSM);
            assertThat(applied.event()).extracting(ExecutionEvent::action, ExecutionEvent::from, ExecutionEvent::to,
                    ExecutionEvent::actor, ExecutionEvent::occurredAt).containsExactly(action, from, expected, CSM, NOW);
            assertThat(Lifecycle.allowedFrom(action)).contains(from);
        }
    }

    /** {@code execution} escalated to the manager, open, as an earlier escalate left it. */
    static WorkflowExecution escalated(WorkflowExecution execution) {
        return execution.change().escalationUserId(MANAGER)
                .escalation(dev.orchestrator.core.domain.escalation.Escalation.opened(CSM, CREATED)).at(CREATED);
    }

    @Test
    void terminalStatusesAllowNoStatusChange() {
        for (Action action : Action.values()) {
            if (action != Action.ACKNOWLEDGE && action != Action.RESOLVE) {
                assertThat(Lifecycle.allowedFrom(action)).doesNotContain(COMPLETED, SKIPPED);
            }
        }
        assertThat(Lifecycle.allowedFrom(Action.CREATE)).isEmpty();
        assertThat(Lifecycle.allowedFrom(Action.REASSIGN)).isEqualTo(ExecutionStatus.ACTIVE);
    }

    @Test
    void reassignHandsOpenWorkToAnotherCsmAndKeepsItsStatus() {
        ProfileId other = ProfileId.of(java.util.UUID.fromString("00000000-0000-4000-8000-0000000000aa"));
        for (ExecutionStatus from : ExecutionStatus.values()) {
            WorkflowExecution execution = executionIn(from);
            TransitionResult result = Lifecycle.apply(execution, new Transition.Reassign(other), null, MANAGER, NOW);
            if (from.isTerminal()) {
                assertThat(result).isEqualTo(new TransitionResult.Rejected(from, Action.REASSIGN));
                continue;
            }
            TransitionResult.Applied applied = (TransitionResult.Applied) result;
            assertThat(applied.execution().assignedCsmId()).isEqualTo(other);
            assertThat(applied.execution().status()).isEqualTo(from);
            assertThat(applied.execution().snoozeUntil()).isEqualTo(execution.snoozeUntil());
            assertThat(applied.event()).extracting(ExecutionEvent::action, ExecutionEvent::from, ExecutionEvent::to,
                    ExecutionEvent::fromCsmId, ExecutionEvent::toCsmId, ExecutionEvent::actor)
                    .containsExactly(Action.REASSIGN, from, from, CSM, other, MANAGER);
        }
        assertThat(Lifecycle.apply(executionIn(NOT_STARTED), new Transition.Reassign(CSM), null, MANAGER, NOW))
                .isEqualTo(new TransitionResult.Invalid("csm_id", "is the assigned CSM already"));
        assertThat(Lifecycle.checkParameters(new Transition.Reassign(null)))
                .contains(new TransitionResult.Invalid("csm_id", "is required"));
    }

    @Test
    void startSetsStartedAtOnlyTheFirstTime() {
        WorkflowExecution started = applied(executionIn(NOT_STARTED), new Transition.Start());
        WorkflowExecution snoozed = applied(started, new Transition.Snooze(1));
        WorkflowExecution restarted = applied(snoozed, new Transition.Start());

        assertThat(started.startedAt()).isEqualTo(NOW);
        WorkflowExecution earlier = executionIn(UNDERWAY);
        WorkflowExecution resnoozed = applied(earlier, new Transition.Snooze(1));
        assertThat(applied(resnoozed, new Transition.Start()).startedAt()).isEqualTo(earlier.startedAt());
        assertThat(restarted.snoozeUntil()).isNull();
    }

    @Test
    void snoozeSetsUntilFromNowAndRecordsTheDays() {
        TransitionResult.Applied result = (TransitionResult.Applied) Lifecycle.apply(executionIn(UNDERWAY),
                new Transition.Snooze(14), null, CSM, NOW);

        assertThat(result.execution().snoozeUntil()).isEqualTo(NOW.plus(Duration.ofDays(14)));
        assertThat(result.execution().snoozeDays()).isEqualTo(14);
        assertThat(result.execution().snoozedAt()).isEqualTo(NOW);
        assertThat(result.event().days()).isEqualTo(14);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, -1, 91, 365})
    void snoozeDaysMustBeWithinOneToNinety(int days) {
        assertThat(Lifecycle.apply(executionIn(UNDERWAY), new Transition.Snooze(days), null, CSM, NOW))
                .isInstanceOfSatisfying(TransitionResult.Invalid.class, i -> assertThat(i.field()).isEqualTo("days"));
    }

    @Test
    void snoozeAcceptsTheBoundaries() {
        assertThat(Lifecycle.apply(executionIn(UNDERWAY), new Transition.Snooze(1), null, CSM, NOW)).isInstanceOf(TransitionResult.Applied.class);
        assertThat(Lifecycle.apply(executionIn(UNDERWAY), new Transition.Snooze(90), null, CSM, NOW)).isInstanceOf(TransitionResult.Applied.class);
    }

    @Test
    void skipNeedsAReasonOfOneToFiveHundredCharactersAfterTrimming() {
        assertThat(Lifecycle.apply(executionIn(NOT_STARTED), new Transition.Skip("   "), null, CSM, NOW))
                .isEqualTo(new TransitionResult.Invalid("reason", "is required"));
        assertThat(Lifecycle.apply(executionIn(NOT_STARTED), new Transition.Skip(null), null, CSM, NOW))
                .isInstanceOf(TransitionResult.Invalid.class);
        assertThat(Lifecycle.apply(executionIn(NOT_STARTED), new Transition.Skip("x".repeat(501)), null, CSM, NOW))
                .isInstanceOf(TransitionResult.Invalid.class);
        TransitionResult.Applied ok = (TransitionResult.Applied) Lifecycle.apply(executionIn(NOT_STARTED),
                new Transition.Skip("  " + "x".repeat(500) + "  "), null, CSM, NOW);
        assertThat(ok.execution().skipReason()).hasSize(500);
        assertThat(ok.execution().skippedAt()).isEqualTo(NOW);
        assertThat(ok.event().reason()).hasSize(500);
    }

    @Test
    void escalatingOpensAnEscalationAndEscalatingAgainReopensItForTheNewPerson() {
        ProfileId other = ProfileId.of(new UUID(0, 3));
        WorkflowExecution first = applied(executionIn(UNDERWAY), new Transition.Escalate(MANAGER));
        assertThat(first.escalation()).isEqualTo(dev.orchestrator.core.domain.escalation.Escalation.opened(CSM, NOW));
        WorkflowExecution acknowledged = applied(first, new Transition.Acknowledge(" seen "));
        assertThat(acknowledged.escalation().state())
                .isEqualTo(dev.orchestrator.core.domain.escalation.EscalationState.ACKNOWLEDGED);
        assertThat(acknowledged.escalation().note()).isEqualTo("seen");

        WorkflowExecution again = applied(acknowledged, new Transition.Escalate(other));
        assertThat(again.escalationUserId()).isEqualTo(other);
        assertThat(again.assignedCsmId()).isEqualTo(CSM);
        assertThat(again.escalation().state()).isEqualTo(dev.orchestrator.core.domain.escalation.EscalationState.OPEN);
        assertThat(again.escalation().acknowledgedAt()).isNull();
    }

    @Test
    void acknowledgingTwiceOrAnUnescalatedExecutionOrResolvingTwiceIsRejectedWithTheState() {
        assertThat(Lifecycle.apply(executionIn(UNDERWAY), new Transition.Acknowledge(null), null, MANAGER, NOW))
                .isEqualTo(new TransitionResult.EscalationRejected(null, Action.ACKNOWLEDGE));
        WorkflowExecution acknowledged = applied(escalated(executionIn(UNDERWAY)), new Transition.Acknowledge(null));
        assertThat(Lifecycle.apply(acknowledged, new Transition.Acknowledge(null), null, MANAGER, NOW)).isEqualTo(
                new TransitionResult.EscalationRejected(
                        dev.orchestrator.core.domain.escalation.EscalationState.ACKNOWLEDGED, Action.ACKNOWLEDGE));
        TransitionResult.Applied resolved = (TransitionResult.Applied) Lifecycle.apply(acknowledged,
                new Transition.Resolve("fixed"), null, MANAGER, NOW);
        assertThat(resolved.event()).extracting(ExecutionEvent::action, ExecutionEvent::escalationUserId,
                ExecutionEvent::note).containsExactly(Action.RESOLVE, MANAGER, "fixed");
        assertThat(Lifecycle.apply(resolved.execution(), new Transition.Resolve(null), null, MANAGER, NOW)).isEqualTo(
                new TransitionResult.EscalationRejected(
                        dev.orchestrator.core.domain.escalation.EscalationState.RESOLVED, Action.RESOLVE));
        assertThat(Lifecycle.apply(escalated(executionIn(UNDERWAY)), new Transition.Resolve("x".repeat(501)), null,
                MANAGER, NOW)).isInstanceOfSatisfying(TransitionResult.Invalid.class,
                invalid -> assertThat(invalid.field()).isEqualTo("note"));
    }

    @Test
    void aFreeTextSkipIsCodeOtherWithTheReasonAsNote() {
        TransitionResult.Applied ok = (TransitionResult.Applied) Lifecycle.apply(executionIn(UNDERWAY),
                new Transition.Skip("  churned  "), null, CSM, NOW);
        assertThat(ok.execution().reasonCode()).isEqualTo("other");
        assertThat(ok.event().reasonCode()).isEqualTo("other");
        assertThat(ok.event().note()).isEqualTo("churned");
        assertThat(ok.event().reason()).isEqualTo("churned");
    }

    @Test
    void aCodedSkipOrSnoozeKeepsItsCodeAndTrimmedNote() {
        TransitionResult.Applied skip = (TransitionResult.Applied) Lifecycle.apply(executionIn(NOT_STARTED),
                new Transition.Skip("Duplicate", "duplicate", null), null, CSM, NOW);
        assertThat(skip.execution().reasonCode()).isEqualTo("duplicate");
        assertThat(skip.execution().skipReason()).isEqualTo("Duplicate");
        assertThat(skip.event().note()).isNull();

        TransitionResult.Applied snooze = (TransitionResult.Applied) Lifecycle.apply(executionIn(UNDERWAY),
                new Transition.Snooze(4, "waiting_on_customer", " on holiday "), null, CSM, NOW);
        assertThat(snooze.execution().reasonCode()).isEqualTo("waiting_on_customer");
        assertThat(snooze.event().reasonCode()).isEqualTo("waiting_on_customer");
        assertThat(snooze.event().note()).isEqualTo("on holiday");

        // the code stays with the execution's later transitions; a snooze without one clears it
        TransitionResult.Applied started = (TransitionResult.Applied) Lifecycle.apply(snooze.execution(),
                new Transition.Start(), null, CSM, NOW);
        assertThat(started.execution().reasonCode()).isEqualTo("waiting_on_customer");
        assertThat(started.event().reasonCode()).isNull();
        TransitionResult.Applied plain = (TransitionResult.Applied) Lifecycle.apply(started.execution(),
                new Transition.Snooze(2), null, CSM, NOW);
        assertThat(plain.execution().reasonCode()).isNull();
    }

    @Test
    void aNoteIsOneToFiveHundredStorableCharactersAfterTrimming() {
        for (Transition bad : List.<Transition>of(new Transition.Skip("r", "duplicate", "  "),
                new Transition.Skip("r", "duplicate", "x".repeat(501)),
                new Transition.Snooze(3, null, "a\u0000b"), new Transition.Snooze(3, null, "a\ud800"))) {
            TransitionResult result = Lifecycle.apply(executionIn(NOT_STARTED), bad, null, CSM, NOW);
            assertThat(result).as(bad.toString()).isInstanceOfSatisfying(TransitionResult.Invalid.class,
                    invalid -> assertThat(invalid.field()).isEqualTo("note"));
        }
        assertThat(Lifecycle.apply(executionIn(NOT_STARTED),
                new Transition.Skip("r", "duplicate", " " + "x".repeat(500) + " "), null, CSM, NOW))
                .isInstanceOf(TransitionResult.Applied.class);
    }

    @Test
    void escalationKeepsTheAssignedCsm() {
        TransitionResult.Applied result = (TransitionResult.Applied) Lifecycle.apply(executionIn(UNDERWAY),
                new Transition.Escalate(MANAGER), null, MANAGER, NOW);

        assertThat(result.execution().escalationUserId()).isEqualTo(MANAGER);
        assertThat(result.execution().assignedCsmId()).isEqualTo(CSM);
        assertThat(result.execution().status()).isEqualTo(UNDERWAY);
        assertThat(result.event().escalationUserId()).isEqualTo(MANAGER);
        assertThat(Lifecycle.apply(executionIn(UNDERWAY), new Transition.Escalate(CSM), null, CSM, NOW))
                .isInstanceOf(TransitionResult.Invalid.class);
    }

    @Test
    void aTransitionMergesItsDataPatch() {
        WorkflowExecution withData = applied(executionIn(NOT_STARTED), new Transition.UpdateData(),
                JsonObject.of(Map.of("step", 1, "answers", Map.of("q1", "yes"))));

        WorkflowExecution next = applied(withData, new Transition.Start(), JsonObject.of(Map.of("step", 2)));

        assertThat(next.executionData()).isEqualTo(JsonObject.of(Map.of("step", 2, "answers", Map.of("q1", "yes"))));
        assertThat(next.status()).isEqualTo(UNDERWAY);
    }

    @Test
    void validationComesBeforeTheStatusCheck() {
        assertThat(Lifecycle.apply(executionIn(COMPLETED), new Transition.Snooze(0), null, CSM, NOW))
                .isInstanceOf(TransitionResult.Invalid.class);
    }

    private static WorkflowExecution applied(WorkflowExecution execution, Transition transition) {
        return applied(execution, transition, null);
    }

    private static WorkflowExecution applied(WorkflowExecution execution, Transition transition, JsonObject patch) {
        return ((TransitionResult.Applied) Lifecycle.apply(execution, transition, patch, CSM, NOW)).execution();
    }
}
