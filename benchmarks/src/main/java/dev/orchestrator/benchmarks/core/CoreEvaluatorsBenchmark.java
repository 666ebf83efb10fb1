package dev.orchestrator.benchmarks.core;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.priority.PriorityScore;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.signals.SignalScores;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the core's evaluators are, with explanations built (that is what the queue read pays):
 * the point is to show the core is never the bottleneck next to a database round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreEvaluatorsBenchmark {

    private static final int SAMPLES = 1024;
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private final PriorityEvaluator evaluator = new PriorityEvaluator(PriorityPolicy.STANDARD);
    private final SignalScorer scorer = new SignalScorer(SignalPolicy.STANDARD);
    private PriorityInput[] inputs;
    private CustomerSignals[] signals;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        inputs = new PriorityInput[SAMPLES];
        signals = new CustomerSignals[SAMPLES];
        WorkflowType[] types = WorkflowType.values();
        for (int i = 0; i < SAMPLES; i++) {
            boolean snoozed = random.nextInt(10) == 0;
            WorkflowType type = types[random.nextInt(types.length)];
            inputs[i] = new PriorityInput(snoozed ? ExecutionStatus.SNOOZED : ExecutionStatus.NOT_STARTED,
                    snoozed ? Instant.parse("2026-03-01T00:00:00Z").plusSeconds(random.nextInt(40 * 86_400)) : null,
                    type, PriorityPolicy.STANDARD.defaultWeight(type), random.nextInt(6), random.nextInt(11),
                    random.nextInt(101));
            signals[i] = new CustomerSignals(random.nextInt(6), random.nextInt(11), random.nextInt(101),
                    random.nextInt(101), BigDecimal.valueOf(random.nextInt(15_000), 2),
                    BigDecimal.valueOf(random.nextInt(20_000) - 5_000, 2), BigDecimal.valueOf(random.nextInt(10_000), 2),
                    BigDecimal.valueOf(random.nextInt(10_000), 2), BigDecimal.valueOf(random.nextInt(6_000) - 3_000, 2),
                    random.nextBoolean());
        }
    }

    @Benchmark
    public PriorityScore priorityWithExplanation() {
        next = (next + 1) & (SAMPLES - 1);
        return evaluator.evaluate(inputs[next], TODAY);
    }

    @Benchmark
    public SignalScores signalScoresWithExplanation() {
        next = (next + 1) & (SAMPLES - 1);
        return scorer.score(signals[next]);
    }
}
