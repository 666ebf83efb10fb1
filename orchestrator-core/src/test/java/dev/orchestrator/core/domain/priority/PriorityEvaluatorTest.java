package dev.orchestrator.core.domain.priority;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.explain.Contribution;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityEvaluatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private final PriorityEvaluator evaluator = new PriorityEvaluator(PriorityPolicy.STANDARD);

    private static PriorityInput active(WorkflowType type, Integer tier, Integer churn, Integer usage) {
        return new PriorityInput(ExecutionStatus.NOT_STARTED, null, type,
                PriorityPolicy.STANDARD.defaultWeight(type), tier, churn, usage);
    }

    private static PriorityInput snoozedUntil(String instant) {
        return new PriorityInput(ExecutionStatus.SNOOZED, Instant.parse(instant), WorkflowType.RISK, 900, 5, 10, 100);
    }

    /** The example table of the prototype's "Priority Ranking Logic", row by row. */
    @Test
    void reproducesThePrototypesExampleTable() {
        assertThat(evaluator.evaluate(active(WorkflowType.RISK, 5, 8, null), TODAY))
                .extracting(PriorityScore::value, PriorityScore::label).containsExactly(965, PriorityLabel.CRITICAL);
        assertThat(evaluator.evaluate(active(WorkflowType.OPPORTUNITY, 4, null, 95), TODAY))
                .extracting(PriorityScore::value, PriorityScore::label).containsExactly(829, PriorityLabel.HIGH);
        assertThat(evaluator.evaluate(active(WorkflowType.STRATEGIC, 5, null, null), TODAY))
                .extracting(PriorityScore::value, PriorityScore::label).containsExactly(725, PriorityLabel.HIGH);
        assertThat(evaluator.evaluate(active(WorkflowType.RENEWAL, 3, null, null), TODAY))
                .extracting(PriorityScore::value, PriorityScore::label).containsExactly(615, PriorityLabel.MEDIUM);
        assertThat(evaluator.evaluate(snoozedUntil("2026-03-12T08:00:00Z"), TODAY))
                .extracting(PriorityScore::value, PriorityScore::label).containsExactly(998, PriorityLabel.CRITICAL);
        assertThat(evaluator.evaluate(snoozedUntil("2026-03-20T08:00:00Z"), TODAY))
                .extracting(PriorityScore::value, PriorityScore::label).containsExactly(390, PriorityLabel.LOW);
    }

    @Test
    void explainsEveryPointOfAScore() {
        PriorityScore score = evaluator.evaluate(active(WorkflowType.RISK, 5, 8, 70), TODAY);

        assertThat(score.explanation()).extracting(Contribution::rule, Contribution::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PriorityEvaluator.WORKFLOW_WEIGHT, 900),
                org.assertj.core.groups.Tuple.tuple(PriorityEvaluator.REVENUE_IMPACT, 25),
                org.assertj.core.groups.Tuple.tuple(PriorityEvaluator.CHURN_RISK, 40));
        assertThat(score.explanation().stream().mapToInt(Contribution::points).sum()).isEqualTo(score.value());
    }

    @Test
    void churnBoostsOnlyRiskAndUsageBoostsOnlyOpportunity() {
        assertThat(evaluator.evaluate(active(WorkflowType.STRATEGIC, 0, 10, 100), TODAY).value()).isEqualTo(700);
        assertThat(evaluator.evaluate(active(WorkflowType.RISK, 0, 10, 100), TODAY).value()).isEqualTo(950);
        assertThat(evaluator.evaluate(active(WorkflowType.OPPORTUNITY, 0, 10, 99), TODAY).value()).isEqualTo(809);
    }

    @Test
    void missingSignalsContributeNothingAndTheDefinitionsWeightIsTheBase() {
        PriorityInput input = new PriorityInput(ExecutionStatus.UNDERWAY, null, WorkflowType.CUSTOM, 640, null, null, null);

        PriorityScore score = evaluator.evaluate(input, TODAY);

        assertThat(score.value()).isEqualTo(640);
        assertThat(score.explanation()).hasSize(1);
    }

    /** Days overdue count whole UTC calendar days, whatever the time of day on either side. */
    @ParameterizedTest(name = "snoozed until {0} on 2026-03-10 scores {1}")
    @CsvSource({
            "2026-03-10T23:59:59Z, 1000",
            "2026-03-10T00:00:00Z, 1000",
            "2026-03-09T23:59:59Z, 1001",
            "2026-02-28T10:00:00Z, 1010",
            "2026-03-13T23:00:00Z, 997",
            "2026-03-14T00:00:00Z, 396",
            "2026-04-19T12:00:00Z, 360"
    })
    void snoozedExecutionsRankByWholeUtcDaysOverdue(String until, int expected) {
        assertThat(evaluator.evaluate(snoozedUntil(until), TODAY).value()).isEqualTo(expected);
    }

    @Test
    void aNonSnoozedStatusIgnoresAnyLeftoverSnoozeDate() {
        PriorityInput input = new PriorityInput(ExecutionStatus.UNDERWAY, Instant.parse("2026-03-11T00:00:00Z"),
                WorkflowType.RENEWAL, 600, 1, null, null);

        assertThat(evaluator.evaluate(input, TODAY).value()).isEqualTo(605);
    }

    @ParameterizedTest
    @CsvSource({"1000, CRITICAL", "900, CRITICAL", "899, HIGH", "700, HIGH", "699, MEDIUM", "500, MEDIUM", "499, LOW", "-5, LOW"})
    void labelsFollowTheThresholds(int score, PriorityLabel label) {
        assertThat(PriorityPolicy.STANDARD.labels().labelFor(score)).isEqualTo(label);
    }

    private static PriorityInput due(ExecutionStatus status, String dueAt) {
        return new PriorityInput(status, status == ExecutionStatus.SNOOZED ? Instant.parse("2026-03-20T00:00:00Z") : null,
                WorkflowType.RENEWAL, 600, 3, null, null, Instant.parse(dueAt));
    }

    @Test
    void theStandardDueRuleIsExplainedButWorthNothing() {
        PriorityScore score = evaluator.evaluate(due(ExecutionStatus.NOT_STARTED, "2026-03-15T00:00:00Z"), TODAY);

        assertThat(score.value()).isEqualTo(615);
        assertThat(score.explanation()).last().isEqualTo(new Contribution(PriorityEvaluator.DUE_SOON, 0,
                "due in 5 days (2026-03-15), within the 30-day window"));
        assertThat(evaluator.evaluate(due(ExecutionStatus.NOT_STARTED, "2026-04-10T00:00:00Z"), TODAY).explanation())
                .extracting(Contribution::rule).doesNotContain(PriorityEvaluator.DUE_SOON);
    }

    @ParameterizedTest(name = "due {0}: {1} points")
    @CsvSource({"2026-03-24T00:00:00Z, 50", "2026-03-25T00:00:00Z, 0", "2026-03-10T00:00:00Z, 50",
            "2026-01-01T00:00:00Z, 50"})
    void aDueRuleWithPointsAddsThemWithinItsWindowAndWhenOverdue(String dueAt, int points) {
        PriorityPolicy s = PriorityPolicy.STANDARD;
        PriorityEvaluator withPoints = new PriorityEvaluator(new PriorityPolicy(s.typeTiers(),
                s.revenueImpactPointsPerTier(), s.churnRiskPointsPerPoint(), s.churnRiskTypes(), s.usageScoreDivisor(),
                s.usageTypes(), s.snooze(), s.labels(), new PriorityPolicy.DueProximity(14, 50)));

        PriorityScore score = withPoints.evaluate(due(ExecutionStatus.UNDERWAY, dueAt), TODAY);

        assertThat(score.value()).isEqualTo(615 + points);
        assertThat(score.explanation().stream().mapToInt(Contribution::points).sum()).isEqualTo(score.value());
        assertThat(withPoints.evaluate(due(ExecutionStatus.SNOOZED, dueAt), TODAY).explanation())
                .as("a snoozed item ranks by its snooze alone").extracting(Contribution::rule)
                .containsExactly(PriorityEvaluator.SNOOZE_LATER);
    }

    @Test
    void overdueWorkSaysByHowMuch() {
        assertThat(evaluator.evaluate(due(ExecutionStatus.NOT_STARTED, "2026-03-09T00:00:00Z"), TODAY).explanation())
                .last().extracting(Contribution::detail).isEqualTo("overdue by 1 day (2026-03-09), within the 30-day window");
        assertThat(evaluator.evaluate(due(ExecutionStatus.NOT_STARTED, "2026-03-10T23:00:00Z"), TODAY).explanation())
                .last().extracting(Contribution::detail).isEqualTo("due today (2026-03-10), within the 30-day window");
    }
}
