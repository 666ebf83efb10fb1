package dev.orchestrator.benchmarks.system;

import dev.orchestrator.benchmarks.core.CoreEvaluatorsBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Figure 6: the JMH benchmark of the core's evaluators, as its annotations configure it (one fork). */
final class CoreSection {

    private CoreSection() {
    }

    static void run(Context ctx) throws Exception {
        Report r = ctx.report;
        r.heading(2, "Core evaluators (JMH)");
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(CoreEvaluatorsBenchmark.class.getName())
                .verbosity(VerboseMode.SILENT);
        if (ctx.options.quick) {
            b.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        }
        String load = Context.load();
        Collection<RunResult> results = new Runner(b.build()).run();
        List<List<String>> rows = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            rows.add(List.of(shortName, Report.fmt(score), Double.isNaN(error) ? "" : "± " + Report.fmt(error)));
            r.figure("core." + shortName + "_ops_per_s", score);
        }
        r.paragraph("`CoreEvaluatorsBenchmark` (priority with explanation; both signal scores with explanations), "
                + (ctx.options.quick ? "smoke timings (no fork, one 100 ms iteration)"
                        : "1 fork, 3 × 2 s warm-up, 5 × 2 s measurement") + ", one thread. Load average before: " + load
                + ". Same figures: `java -jar benchmarks/target/benchmarks.jar CoreEvaluatorsBenchmark`.");
        r.table(List.of("benchmark", "ops/s", "99.9 % error"), rows);
    }
}
