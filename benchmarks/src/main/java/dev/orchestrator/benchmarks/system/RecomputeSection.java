package dev.orchestrator.benchmarks.system;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.PriorityRecomputation;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.persistence.ConnectionPool;
import dev.orchestrator.persistence.PostgresStore;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Figure 1: recompute of every active execution's priority, three ways side by side, in three
 * situations: every score wrong ("full"), nothing changed ("no-op"), ~5 % of scores wrong
 * ("daily"). Before each timed variant the table is put into the same state, vacuumed and
 * checkpointed. The product is timed twice: its recompute adapter in-process
 * ({@code PostgresStore.ports().recomputation()}, PriorityPolicy.STANDARD, on a warmed pool: the
 * SQL work alone, what the ratios use) and the {@code orchestrator.jar recompute} command (what an
 * operator waits for), its JVM start-up (best of three {@code --help} runs) subtracted.
 */
final class RecomputeSection {

    private enum Situation {
        FULL("full: every active score wrong"),
        NOOP("no-op: nothing changed since the last recompute"),
        DAILY("daily: ~5 % of active scores wrong");

        final String title;

        Situation(String title) {
            this.title = title;
        }
    }

    private record Timing(String variant, long written, double seconds, long mismatches) {
    }

    /** Above this many active executions the prototype's per-row loop is not timed. */
    static final long PROTOTYPE_MAX_ROWS = 2_000_000;

    private RecomputeSection() {
    }

    static void run(Context ctx, String db, String label) throws Exception {
        Report r = ctx.report;
        r.heading(3, "Priority recompute (" + label + ")");
        boolean product = ctx.cliAvailable();
        double baseline = product ? ctx.cliBaselineSeconds() : Double.NaN;
        try (Connection c = ctx.pg.connect(db)) {
            Baselines.installPrototypeFunctions(c);
            long active = Sql.longValue(c, "SELECT count(*) FROM workflow_executions WHERE " + Baselines.ACTIVE);
            r.paragraph(String.format("Active executions re-scored: %,d. Load average (1/5/15 min) before: %s. "
                    + "Product = the product's recompute adapter (`PostgresStore…recomputation()`) timed in-process on a "
                    + "warmed pool (the ratios use it); command = `orchestrator.jar recompute` wall time minus the CLI's "
                    + "start-up (%.2f s, best of three `--help` runs), i.e. with connecting and the schema check. Limit = one hand-written UPDATE with the formula inlined, writing only changed rows. "
                    + "Seed = the prototype's `update_all_workflow_priorities()` (a PL/pgSQL loop calling "
                    + "`calculate_workflow_priority(id)` and updating each active row), installed only in the benchmark "
                    + "database. rows/s = active rows examined per second. Product and limit: best of %d runs (one for a full rewrite of more than 500k rows); seed: one run, not run above %,d active rows.",
                    active, Context.load(), baseline, ctx.options.quick ? 1 : 2, PROTOTYPE_MAX_ROWS));
            List<List<String>> rows = new ArrayList<>();
            for (Situation s : Situation.values()) {
                List<Timing> limit = new ArrayList<>();
                List<Timing> prod = new ArrayList<>();
                List<Timing> command = new ArrayList<>();
                for (int i = 0; i < repeats(ctx, s, active); i++) {
                    limit.add(timeLimit(ctx, db, s));
                    prod.add(timeAdapter(ctx, c, db, s));
                    if (product) {
                        command.add(timeProduct(ctx, c, db, s, baseline, label, i));
                    }
                }
                // The prototype's per-row loop is what makes a 5M run last hours (over an hour for its
                // three situations on 2 cores): above PROTOTYPE_MAX_ROWS it is not run, and the ratios to
                // it are left out (its rows/s at 1M are the comparison).
                Timing seed = active > PROTOTYPE_MAX_ROWS ? null : timeSeed(ctx, db, s);
                Timing bestLimit = best(limit);
                Timing bestProduct = best(prod);
                Timing bestCommand = product ? best(command) : null;
                String key = "recompute." + label + "." + s.name().toLowerCase();
                r.figure(key + ".limit_rows_per_s", active / bestLimit.seconds);
                if (seed != null) {
                    r.figure(key + ".seed_rows_per_s", active / seed.seconds);
                    r.figure(key + ".product_vs_seed", seed.seconds / bestProduct.seconds);
                }
                r.figure(key + ".product_rows_per_s", active / bestProduct.seconds);
                r.figure(key + ".product_vs_limit", bestLimit.seconds / bestProduct.seconds);
                List<Timing> shown = new ArrayList<>(List.of(bestProduct));
                if (bestCommand != null) {
                    r.figure(key + ".command_rows_per_s", active / bestCommand.seconds);
                    if (seed != null) {
                        r.figure(key + ".command_vs_seed", seed.seconds / bestCommand.seconds);
                    }
                    shown.add(bestCommand);
                }
                shown.add(bestLimit);
                if (seed != null) {
                    shown.add(seed);
                }
                for (Timing t : shown) {
                    if (t.mismatches > 0) {
                        r.problem(label + " " + s.name().toLowerCase() + ": after " + t.variant + " " + t.mismatches
                                + " active rows differ from the documented formula");
                    }
                }
                for (Timing t : shown) {
                    rows.add(List.of(s.title, t.variant, Report.count(t.written), Report.fmt(t.seconds),
                            Report.fmt(active / t.seconds),
                            Report.ratio(bestLimit.seconds / t.seconds),
                            seed == null ? "not run" : Report.ratio(seed.seconds / t.seconds),
                            t.mismatches < 0 ? "" : Report.count(t.mismatches)));
                }
            }
            r.table(List.of("situation", "variant", "rows written", "seconds", "rows/s", "÷ limit", "÷ seed",
                    "wrong scores after"), rows);
        }
    }

    /** Best of two, except in smoke runs and for full rewrites of large tables (minutes each). */
    private static int repeats(Context ctx, Situation s, long active) {
        return ctx.options.quick || (s == Situation.FULL && active > 500_000) ? 1 : 2;
    }

    private static Timing best(List<Timing> timings) {
        Timing best = timings.get(0);
        for (Timing t : timings) {
            if (t.seconds < best.seconds) {
                best = t;
            }
        }
        return best;
    }

    /**
     * Puts the scores into the situation's state, then vacuums and checkpoints. Every write of the
     * suite happens on a connection closed right after, so that its statistics are flushed (at
     * backend exit) before the product's run is counted.
     */
    private static void prepare(Context ctx, String db, Situation s) throws Exception {
        try (Connection c = ctx.pg.connect(db)) {
            prepare(c, s);
        }
    }

    private static void prepare(Connection c, Situation s) throws Exception {
        switch (s) {
            case FULL:
                Sql.update(c, "UPDATE workflow_executions SET priority_score = 0 WHERE " + Baselines.ACTIVE
                        + " AND priority_score <> 0");
                break;
            case NOOP:
                Baselines.handWrittenUpdate(c);
                break;
            case DAILY:
                Baselines.handWrittenUpdate(c);
                Sql.update(c, "UPDATE workflow_executions SET priority_score = priority_score + 1 WHERE "
                        + Baselines.ACTIVE + " AND abs(hashtext(id::text)) % 20 = 0");
                break;
            default:
                throw new IllegalStateException();
        }
        Sql.settle(c, "workflow_executions");
    }

    private static Timing timeLimit(Context ctx, String db, Situation s) throws Exception {
        try (Connection c = ctx.pg.connect(db)) {
            prepare(c, s);
            long start = System.nanoTime();
            long written = Baselines.handWrittenUpdate(c);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Timing("limit: hand-written UPDATE", written, seconds, -1);
        }
    }

    private static Timing timeSeed(Context ctx, String db, Situation s) throws Exception {
        try (Connection c = ctx.pg.connect(db)) {
            prepare(c, s);
            long start = System.nanoTime();
            long written = Baselines.prototypeRecompute(c);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Timing("seed: per-row PL/pgSQL loop", written, seconds, -1);
        }
    }

    private static Timing timeProduct(Context ctx, Connection c, String db, Situation s, double baseline, String label,
            int attempt) throws Exception {
        prepare(ctx, db, s);
        Thread.sleep(300);
        long updatesBefore = updates(c);
        Processes.Run run = ctx.cli(db, "recompute-" + label + "-" + s.name().toLowerCase() + "-" + attempt, List.of(),
                "recompute");
        double seconds = Math.max(0.001, run.seconds() - baseline);
        long written = updatesAfter(c, updatesBefore);
        return new Timing("product: `orchestrator recompute` command", written, seconds, Baselines.mismatches(c));
    }

    /** The product's recompute adapter in-process, on a pool warmed by a call that matches nothing. */
    private static Timing timeAdapter(Context ctx, Connection c, String db, Situation s) throws Exception {
        prepare(ctx, db, s);
        try (HikariDataSource pool = ConnectionPool.create(ctx.pg.url(db), ctx.pg.user(), ctx.pg.password())) {
            PriorityRecomputation recomputation = PostgresStore.create(pool).ports().recomputation();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            recomputation.recompute(Optional.of(new OrganizationId(UUID.randomUUID())), PriorityPolicy.STANDARD, today);
            long start = System.nanoTime();
            RecomputePriorities.Report report = recomputation.recompute(Optional.empty(), PriorityPolicy.STANDARD, today);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Timing("product: recompute adapter, in-process", report.changed(), seconds, Baselines.mismatches(c));
        }
    }

    private static long updates(Connection c) throws Exception {
        Sql.execute(c, "SELECT pg_stat_clear_snapshot()");
        return Sql.longValue(c, "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'workflow_executions'");
    }

    /** Rows the product updated: the table's update counter, once the CLI's session has reported it. */
    private static long updatesAfter(Connection c, long before) throws Exception {
        long last = updates(c);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            long now = updates(c);
            if (now == last && i >= 2) {
                break;
            }
            last = now;
        }
        return last - before;
    }
}
