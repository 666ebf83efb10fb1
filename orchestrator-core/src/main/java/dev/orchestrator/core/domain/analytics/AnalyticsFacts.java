package dev.orchestrator.core.domain.analytics;

import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.lifecycle.ExecutionEvent;
import dev.orchestrator.core.domain.team.TeamWindows;
import dev.orchestrator.core.domain.views.Visibility;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The analytics rules in plain Java, over executions and their whole histories: which events become
 * which facts ({@link AnalyticsFactKind}), and how facts are totalled (counts, and the median and 90th
 * percentile of their durations). This is the definition: the in-memory store computes with it, and the
 * PostgreSQL adapter's SQL must give exactly the same totals (AnalyticsReadsContract, on random data).
 *
 * <p>Durations are whole seconds, rounded down. A percentile is the discrete one (PostgreSQL's
 * {@code percentile_disc}): the first value, in ascending order, at or past the fraction of the values,
 * so it is always one of the measured durations.
 */
public final class AnalyticsFacts {

    /** The default catalog's skip reason for work that should not have been created (ReasonCatalog.DEFAULTS). */
    public static final String NOT_RELEVANT = "not_relevant";
    public static final double MEDIAN = 0.5;
    public static final double P90 = 0.9;

    private AnalyticsFacts() {
    }

    /**
     * One execution as analytics reads it: the execution now, its definition's type, its due date (null:
     * none) and its event history (any order).
     */
    public record History(WorkflowExecution execution, WorkflowType type, Instant dueAt, List<ExecutionEvent> events) {
        public History {
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(type, "type");
            events = List.copyOf(events);
        }
    }

    /** One fact: what, of which execution, when, the reason code (skips only) and the duration ({@link AnalyticsFactKind#timed} kinds). */
    public record Fact(AnalyticsFactKind kind, History history, Instant at, String code, Long seconds) {
        public Fact {
            if (seconds != null && !kind.timed()) {
                // the SQL counts these kinds without percentiles (SqlAnalytics): a duration would be lost
                throw new IllegalArgumentException("a fact of kind " + kind.wireName() + " has no duration");
            }
        }
    }

    /**
     * The totals of one kind (and, for skips, one reason code; null: a skip without one) within one group
     * ({@code group} empty: the whole scope). {@code median} and {@code p90} are null when no fact of the
     * bucket has a duration.
     */
    public record Total(Optional<String> group, AnalyticsFactKind kind, String code, long count, Long median,
            Long p90) {
        public Total {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * One definition's endings in the period: {@code ended} its completions and skips (auto-closes
     * included), {@code noisy} its skips as {@link #NOT_RELEVANT} and auto-closes, {@code noisyAgeMedian} the
     * median age of those at their skip (null: none).
     */
    public record Noise(DefinitionId definition, long ended, long noisy, Long noisyAgeMedian) {
    }

    /** What a store reports: the totals by group and overall, and the noise of each definition that ended work. */
    public record Totals(List<Total> totals, List<Noise> noise) {
        public Totals {
            totals = List.copyOf(totals);
            noise = List.copyOf(noise);
        }
    }

    /** Work a report counts: not demo work, and within the caller's visibility. */
    public static boolean inScope(History history, Visibility scope) {
        return !history.execution().demo() && scope.covers(history.execution());
    }

    /** The facts of {@code histories} in {@code period}, judged at {@code asOf} (for what is overdue). */
    public static List<Fact> facts(Collection<History> histories, AnalyticsPeriod period, Instant asOf) {
        List<Fact> facts = new ArrayList<>();
        for (History h : histories) {
            Instant created = h.execution().createdAt();
            for (ExecutionEvent e : h.events()) {
                if (!period.contains(e.occurredAt())) {
                    continue;
                }
                Instant at = e.occurredAt();
                switch (e.action()) {
                    case CREATE -> facts.add(new Fact(AnalyticsFactKind.CREATED, h, at, null, null));
                    case START -> {
                        boolean first = h.events().stream().noneMatch(o -> o.action() == Action.START
                                && o.occurredAt().isBefore(at));
                        if (first) {
                            facts.add(new Fact(AnalyticsFactKind.STARTED, h, at, null, seconds(created, at)));
                        }
                    }
                    case COMPLETE -> facts.add(new Fact(AnalyticsFactKind.COMPLETED, h, at, null, seconds(created, at)));
                    case SKIP -> facts.add(e.actor() == null
                            ? new Fact(AnalyticsFactKind.AUTO_CLOSED, h, at, null, seconds(created, at))
                            : new Fact(AnalyticsFactKind.SKIPPED, h, at, e.reasonCode(), seconds(created, at)));
                    case SNOOZE -> facts.add(new Fact(AnalyticsFactKind.SNOOZED, h, at, null, null));
                    case ESCALATE -> facts.add(new Fact(AnalyticsFactKind.ESCALATED, h, at, null, null));
                    case ACKNOWLEDGE -> {
                        Optional<Instant> escalated = h.events().stream()
                                .filter(o -> o.action() == Action.ESCALATE && !o.occurredAt().isAfter(at))
                                .map(ExecutionEvent::occurredAt).max(Comparator.naturalOrder());
                        facts.add(new Fact(AnalyticsFactKind.ACKNOWLEDGED, h, at, null,
                                escalated.map(since -> seconds(since, at)).orElse(null)));
                    }
                    default -> { }
                }
            }
            Instant due = h.dueAt();
            if (due != null && period.contains(due) && due.isBefore(asOf)) {
                Instant closed = TeamWindows.closedAt(h.execution());
                if (closed == null || closed.isAfter(due)) {
                    facts.add(new Fact(AnalyticsFactKind.OVERDUE, h, due, null, null));
                }
            }
        }
        return facts;
    }

    /** The totals a store must report for {@code histories} (those out of {@code scope} are left out). */
    public static Totals totals(Collection<History> histories, Visibility scope, AnalyticsPeriod period,
            Optional<AnalyticsGrouping> grouping, Instant asOf) {
        List<Fact> facts = facts(histories.stream().filter(h -> inScope(h, scope)).toList(), period, asOf);
        Map<List<Object>, List<Fact>> buckets = new LinkedHashMap<>();
        for (Fact f : facts) {
            buckets.computeIfAbsent(java.util.Arrays.asList(Optional.empty(), f.kind(), f.code()),
                    k -> new ArrayList<>()).add(f);
            grouping.ifPresent(g -> buckets.computeIfAbsent(
                    java.util.Arrays.asList(Optional.of(g.keyOf(f.history(), f.at())), f.kind(), f.code()),
                    k -> new ArrayList<>()).add(f));
        }
        List<Total> totals = new ArrayList<>();
        buckets.forEach((key, bucket) -> {
            @SuppressWarnings("unchecked")
            Optional<String> group = (Optional<String>) key.get(0);
            List<Long> durations = bucket.stream().map(Fact::seconds).filter(Objects::nonNull).toList();
            totals.add(new Total(group, (AnalyticsFactKind) key.get(1), (String) key.get(2), bucket.size(),
                    percentile(durations, MEDIAN), percentile(durations, P90)));
        });
        Map<DefinitionId, List<Fact>> endings = new LinkedHashMap<>();
        facts.stream().filter(f -> f.kind().ends()).forEach(f -> endings
                .computeIfAbsent(f.history().execution().definitionId(), k -> new ArrayList<>()).add(f));
        List<Noise> noise = new ArrayList<>();
        endings.forEach((definition, ended) -> {
            List<Fact> noisy = ended.stream().filter(AnalyticsFacts::isNoise).toList();
            noise.add(new Noise(definition, ended.size(), noisy.size(),
                    percentile(noisy.stream().map(Fact::seconds).toList(), MEDIAN)));
        });
        return new Totals(totals, noise);
    }

    /** Work its rule should not have created: auto-closed, or skipped as {@link #NOT_RELEVANT}. */
    public static boolean isNoise(Fact fact) {
        return fact.kind() == AnalyticsFactKind.AUTO_CLOSED
                || (fact.kind() == AnalyticsFactKind.SKIPPED && NOT_RELEVANT.equals(fact.code()));
    }

    /** Whole seconds from {@code from} to {@code to}, rounded down. */
    public static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds();
    }

    /**
     * The discrete percentile {@code fraction} of {@code values} (any order), null when there are none: the
     * value at position {@code ceil(fraction × n)} (at least 1) in ascending order, computed in doubles as
     * PostgreSQL's {@code percentile_disc} does.
     */
    public static Long percentile(List<Long> values, double fraction) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        long position = Math.max(1, (long) Math.ceil(fraction * sorted.size()));
        return sorted.get((int) Math.min(position, sorted.size()) - 1);
    }
}
