package dev.orchestrator.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the whole-system suite working: one end-to-end run at a tiny size (2k executions, 2k
 * customers, 1k/2k-customer imports, 1k-line signal batches, 0.6 s load phases) on the test PostgreSQL, with
 * orchestrator.jar built earlier in the reactor. Checks that every figure was produced, not
 * what it is: figures live in docs/performance.md.
 */
@WithPostgres
class SystemSuiteSmokeTest {

    private static final Path CLI_JAR = Path.of("../orchestrator-cli/target/orchestrator.jar");

    @Test
    void theWholeSuiteProducesEveryFigureOnATinyDataSet(TestDatabase db) throws Exception {
        assertThat(CLI_JAR).as("orchestrator.jar (built by the orchestrator-cli module)").isRegularFile();
        List<String> args = new ArrayList<>(List.of(
                "--db-url", db.jdbcUrl(), "--db-user", db.user(),
                "--db-prefix", db.name() + "_suite",
                "--cli-jar", CLI_JAR.toString(),
                "--out", "target/system-smoke",
                "--sizes", "2k", "--import-sizes", "1k,2k", "--ingest-lines", "1k",
                "--clients", "2", "--warmup", "0.2s", "--duration", "0.6s", "--max-requests", "5000",
                "--quick"));
        if (db.password() != null) {
            args.addAll(List.of("--db-password", db.password()));
        }

        Suite.Result result = Suite.run(args.toArray(String[]::new));

        assertThat(result.problems()).isEmpty();
        Map<String, Double> f = result.figures();
        List<String> positive = List.of(
                "seed.2k.seconds",
                "recompute.2k.full.product_rows_per_s", "recompute.2k.full.limit_rows_per_s",
                "recompute.2k.full.seed_rows_per_s", "recompute.2k.full.product_vs_limit",
                "recompute.2k.full.product_vs_seed",
                "recompute.2k.noop.product_rows_per_s", "recompute.2k.daily.product_vs_seed",
                "queue.2k.http_rps", "queue.2k.http_p99_ms", "queue.2k.jdbc_rps", "queue.2k.http_vs_jdbc",
                "queue.2k.http_seed_indexes_rps", "queue.2k.jdbc_seed_indexes_rps", "queue.2k.jdbc_exists_rps",
                "queue.2k.ceiling_rps", "queue.2k.ceiling_vs_jdbc", "queue.2k.cost.queue.serve_cpu_ms",
                "queue.2k.cost.ceiling.serve_cpu_ms",
                "queue.2k.serve_ready_s", "queue.2k.serve_rss_idle_mb", "queue.2k.serve_rss_load_mb",
                "transitions.2k.rps", "transitions.2k.ok_rps",
                "lists.2k.csm.rps", "lists.2k.csm.p99_ms", "lists.2k.team.rps", "lists.2k.team.p99_ms",
                "team.2k.view_rps", "team.2k.view_p99_ms", "team.2k.bulk_items", "team.2k.bulk_median_ms",
                "rebalance.2k.team_open", "rebalance.2k.moves", "rebalance.2k.median_ms",
                "ingest.2k.batch_lines_per_s", "ingest.2k.batch_best_lines_per_s", "ingest.2k.patch_rps",
                "ingest.2k.patch_p50_ms", "ingest.2k.patch_p99_ms",
                "signals.2k.first_s", "signals.2k.second_s",
                "daily.2k.baseline_s", "daily.2k.first_s", "daily.2k.first_vs_baseline", "daily.2k.second_s",
                "import.1k.seconds", "import.2k.seconds", "import.1k.peak_rss_mb", "import.2k.peak_rss_mb",
                "core.priorityWithExplanation_ops_per_s", "core.signalScoresWithExplanation_ops_per_s",
                "policies.2k.simulation_seconds", "policies.2k.apply_seconds", "policies.2k.recompute_seconds",
                "policies.2k.apply_vs_recompute",
                "analytics.2k.total_median_ms", "analytics.2k.csm_median_ms", "analytics.2k.definition_median_ms",
                "analytics.2k.workflow_type_median_ms", "analytics.2k.week_median_ms", "analytics.2k.events",
                "analytics.2k.events_in_period");
        assertThat(f).containsKeys(positive.toArray(String[]::new));
        positive.forEach(key -> assertThat(f.get(key)).as(key).isPositive());
        assertThat(f.get("import.2k.customers")).isEqualTo(2_000.0);
        assertThat(f.get("signals.2k.second_created")).as("a second interpretation creates nothing").isZero();
        assertThat(f.get("daily.2k.second_rows_written")).as("a second daily run the same day writes nothing").isZero();
        assertThat(f.get("policies.2k.simulation_rows_written")).as("a simulation writes nothing").isZero();
        assertThat(f).containsKeys("ingest.2k.batch_created", "ingest.2k.batch_rescored", "transitions.2k.conflicts", "signals.2k.created", "queue.2k.serve_heap_load_mb");
        String report = Files.readString(result.report());
        if (HeadlessChromium.absence() == null) {
            // the dashboard section skips itself, with one line in the report, where no Chromium is installed
            for (String csm : List.of("busiest", "median")) {
                for (String figure : List.of("open_queue", "sign_in_ready_ms", "first_ready_ms", "ready_p50_ms", "ready_p95_ms",
                        "ready_max_ms", "today_workflows_p50_ms", "api_server_p50_ms")) {
                    String key = "dashboard.2k." + csm + "." + figure;
                    assertThat(f.get(key)).as(key).isNotNull().isPositive();
                }
            }
        } else {
            assertThat(report).contains("Skipped: no Chromium at");
        }
        assertThat(report).contains("Dashboard: Today in a browser (2k)");
        assertThat(report).contains("Priority recompute (2k)", "Daily job (2k)", "Queue read (2k)", "Service footprint (2k)",
                "State transitions over HTTP (2k)", "Filtered execution lists over HTTP (2k)", "Team view and bulk actions over HTTP (2k)",
                "Rebalance proposal over HTTP (2k)",
                "Signal ingestion over HTTP (2k)",
                "Signal interpretation (2k customers)", "Import",
                "Core evaluators (JMH)", "Policies: what-if simulation and applying a version (2k)", "Analytics over HTTP (2k)");
    }
}
