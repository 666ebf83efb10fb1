package dev.orchestrator.benchmarks.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Keeps the JMH benchmarks working: one tiny in-process run, no figures asserted (figures live in docs/performance.md). */
class CoreEvaluatorsBenchmarkSmokeTest {

    @Test
    void theBenchmarksRunAndProduceAScore() throws Exception {
        Options options = new OptionsBuilder()
                .include(CoreEvaluatorsBenchmark.class.getName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
