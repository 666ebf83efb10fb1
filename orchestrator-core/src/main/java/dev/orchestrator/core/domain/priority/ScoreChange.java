package dev.orchestrator.core.domain.priority;

import dev.orchestrator.core.domain.explain.Contribution;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Why did it move?": the score an execution had before the re-scoring of {@code changedOn} changed
 * it (the day's first change: the daily job's, a policy apply's or a signal write's), and the parts of
 * that score by rule when they are known. Parts are known once the recompute has scored the row before;
 * they are trusted only when they add up to {@code previousScore} (a transition such as a snooze
 * re-scores a row by itself, and the remembered parts then belong to an older score).
 */
public record ScoreChange(int previousScore, Map<String, Integer> previousParts, LocalDate changedOn) {

    public ScoreChange {
        Objects.requireNonNull(changedOn, "changedOn");
        previousParts = previousParts == null ? Map.of() : Map.copyOf(previousParts);
    }

    /** One rule whose points differ between the previous score and {@code now}; 0 where a line is absent. */
    public record PartChange(String rule, int pointsBefore, int pointsAfter) {
        public PartChange {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** Whether the previous parts are known and add up to the previous score. */
    public boolean partsKnown() {
        return !previousParts.isEmpty()
                && previousParts.values().stream().mapToInt(Integer::intValue).sum() == previousScore;
    }

    /**
     * The rules whose points moved, in the order of {@code now}'s lines and then the lines it no longer
     * has; empty when the previous parts are not known. Lines of 0 points that only explain (an early
     * wake) are left out: they did not move the score.
     */
    public List<PartChange> changesTo(PriorityScore now) {
        if (!partsKnown()) {
            return List.of();
        }
        Map<String, Integer> after = parts(now.explanation());
        Set<String> rules = new LinkedHashSet<>(after.keySet());
        rules.addAll(previousParts.keySet());
        List<PartChange> changes = new ArrayList<>();
        for (String rule : rules) {
            int before = previousParts.getOrDefault(rule, 0);
            int points = after.getOrDefault(rule, 0);
            if (before != points) {
                changes.add(new PartChange(rule, before, points));
            }
        }
        return changes;
    }

    /** This change as {@code now} shows it: only when the score is not back where it was. */
    public Optional<ScoreChange> visibleAgainst(PriorityScore now) {
        return now.value() == previousScore ? Optional.empty() : Optional.of(this);
    }

    /** A score's lines as {@code {rule: points}}, the shape the SQL recompute remembers them in. */
    public static Map<String, Integer> parts(List<Contribution> lines) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (Contribution line : lines) {
            parts.merge(line.rule(), line.points(), Integer::sum);
        }
        return parts;
    }
}
