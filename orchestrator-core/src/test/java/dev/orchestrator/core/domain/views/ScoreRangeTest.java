package dev.orchestrator.core.domain.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The score ranges SQL filters labels by agree with the policy's own {@code labelFor}, at and around every threshold. */
class ScoreRangeTest {

    @Test
    void everyScoreIsInTheRangeOfItsLabelAndNoOther() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            int medium = random.nextInt(1000) - 500;
            int high = medium + random.nextInt(300);
            int critical = high + random.nextInt(300);
            PriorityPolicy.LabelThresholds labels = round == 0 ? PriorityPolicy.STANDARD.labels()
                    : new PriorityPolicy.LabelThresholds(critical, high, medium);
            for (int threshold : new int[] {labels.medium(), labels.high(), labels.critical()}) {
                for (int score = threshold - 2; score <= threshold + 2; score++) {
                    assertAgrees(labels, score);
                }
            }
            assertAgrees(labels, Integer.MIN_VALUE);
            assertAgrees(labels, Integer.MAX_VALUE);
            assertAgrees(labels, random.nextInt());
        }
    }

    private static void assertAgrees(PriorityPolicy.LabelThresholds labels, int score) {
        for (PriorityLabel label : PriorityLabel.values()) {
            assertThat(ScoreRange.of(labels, label).contains(score)).as("%s at %d under %s", label, score, labels)
                    .isEqualTo(labels.labelFor(score) == label);
        }
    }
}
