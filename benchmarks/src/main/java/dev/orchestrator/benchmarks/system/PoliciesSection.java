package dev.orchestrator.benchmarks.system;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.in.RecomputePriorities;
import dev.orchestrator.core.application.port.out.PolicyVersions;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.policy.Policies;
import dev.orchestrator.core.domain.policy.SimulationReport;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.persistence.ConnectionPool;
import dev.orchestrator.persistence.PostgresStore;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issue 13's figures, on a copy of the data set (applying writes): a what-if simulation over the
 * largest organization (the product's own {@code PostgresStore…simulation()}, in-process on a warmed
 * pool), with the data tables' write counters before and after; and applying a policy to that
 * organization ({@code …policies().applyPolicies}: store the version and re-score in one
 * transaction) against the product's recompute of the same organization with the same policy, from
 * the same state (every score as the standard policy gives it, no score change remembered).
 */
final class PoliciesSection {

    private static final String WRITES = "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
            + " WHERE relname IN ('workflow_executions', 'workflow_execution_events', 'customers',"
            + " 'customer_properties', 'workflow_definitions', 'organization_policy_versions')";

    private PoliciesSection() {
    }

    /** A candidate that moves work: churn risk counts for renewals too, and weighs more; due work gains. */
    static Policies candidate() {
        PriorityPolicy s = PriorityPolicy.STANDARD;
        return new Policies(new PriorityPolicy(s.typeTiers(), 8, 12, EnumSet.of(WorkflowType.RISK, WorkflowType.RENEWAL),
                s.usageScoreDivisor(), s.usageTypes(), s.snooze(), s.labels(), new PriorityPolicy.DueProximity(30, 60)),
                Policies.STANDARD.signals());
    }

    static void run(Context ctx, String db, String label) throws Exception {
        Report r = ctx.report;
        r.heading(3, "Policies: what-if simulation and applying a version (" + label + ")");
        String copy = Suite.databaseName(ctx, "policies_" + label);
        try (Connection c = ctx.pg.connect(db)) {
            Sql.execute(c, "CHECKPOINT");
        }
        ctx.pg.copy(db, copy);
        try {
            measure(ctx, copy, label);
        } finally {
            ctx.pg.drop(copy);
        }
    }

    private static void measure(Context ctx, String db, String label) throws Exception {
        Report r = ctx.report;
        OrganizationId org;
        ProfileId author;
        long executions;
        long customers;
        try (Connection c = ctx.pg.connect(db)) {
            org = OrganizationId.of(UUID.fromString(Sql.lines(c, "SELECT organization_id FROM workflow_executions "
                    + "GROUP BY organization_id ORDER BY count(*) DESC LIMIT 1").get(0)));
            executions = Sql.longValue(c, "SELECT count(*) FROM workflow_executions WHERE organization_id = '"
                    + org.value() + "'");
            customers = Sql.longValue(c, "SELECT count(*) FROM customers WHERE organization_id = '" + org.value() + "'");
            author = ProfileId.of(UUID.fromString(Sql.lines(c, "SELECT id FROM profiles WHERE organization_id = '"
                    + org.value() + "' ORDER BY (role = 'admin') DESC, id LIMIT 1").get(0)));
            Baselines.handWrittenUpdate(c);
            Sql.settle(c, "workflow_executions");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = Instant.now();
        Policies candidate = candidate();
        int repeats = ctx.options.quick ? 1 : 2;

        double simulation = Double.MAX_VALUE;
        SimulationReport report = null;
        long writesBefore = writes(ctx, db);
        try (HikariDataSource pool = ConnectionPool.create(ctx.pg.url(db), ctx.pg.user(), ctx.pg.password())) {
            OutboundPorts ports = PostgresStore.create(pool).ports();
            ports.simulation().simulate(new OrganizationId(UUID.randomUUID()), Optional.empty(), Policies.STANDARD,
                    candidate, List.of(), 10, today, now);
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                report = ports.simulation().simulate(org, Optional.empty(), Policies.STANDARD, candidate, List.of(), 10,
                        today, now);
                simulation = Math.min(simulation, (System.nanoTime() - start) / 1e9);
            }
        }
        Thread.sleep(500); // the pool's sessions have ended: their statistics are flushed
        long written = writes(ctx, db) - writesBefore;
        long entering = report.csms().stream().mapToLong(q -> q.entering().size()).sum();

        List<Double> applied = new ArrayList<>();
        List<Double> recomputed = new ArrayList<>();
        long rescored = 0;
        for (int i = 0; i < repeats; i++) {
            try (Connection c = ctx.pg.connect(db)) {
                Baselines.handWrittenUpdate(c);
                Baselines.forgetScoreChanges(c);
                Sql.settle(c, "workflow_executions");
            }
            try (HikariDataSource pool = ConnectionPool.create(ctx.pg.url(db), ctx.pg.user(), ctx.pg.password())) {
                OutboundPorts ports = PostgresStore.create(pool).ports();
                long version = ports.policies().currentPolicies(org).version();
                long start = System.nanoTime();
                PolicyVersions.Applied a = ports.policies().applyPolicies(org, version, candidate, author, now, today)
                        .orElseThrow();
                applied.add((System.nanoTime() - start) / 1e9);
                rescored = a.rescored().changed();
            }
            try (Connection c = ctx.pg.connect(db)) {
                Baselines.handWrittenUpdate(c);
                Baselines.forgetScoreChanges(c);
                Sql.settle(c, "workflow_executions");
            }
            try (HikariDataSource pool = ConnectionPool.create(ctx.pg.url(db), ctx.pg.user(), ctx.pg.password())) {
                OutboundPorts ports = PostgresStore.create(pool).ports();
                long start = System.nanoTime();
                RecomputePriorities.Report rep = ports.recomputation().recompute(Optional.of(org), candidate.priority(),
                        today);
                recomputed.add((System.nanoTime() - start) / 1e9);
                if (rep.changed() != rescored) {
                    r.problem(label + " policies: apply re-scored " + rescored + " rows, the recompute " + rep.changed());
                }
            }
        }
        double apply = applied.stream().min(Double::compare).orElseThrow();
        double recompute = recomputed.stream().min(Double::compare).orElseThrow();
        String key = "policies." + label;
        r.figure(key + ".simulation_seconds", simulation);
        r.figure(key + ".simulation_rows_written", written);
        r.figure(key + ".apply_seconds", apply);
        r.figure(key + ".recompute_seconds", recompute);
        r.figure(key + ".apply_vs_recompute", recompute / apply);
        if (written != 0) {
            r.problem(label + " policies: the simulation wrote " + written + " rows");
        }
        r.paragraph(String.format("Largest organization: %,d executions, %,d customers, %,d CSM queues. Candidate: "
                        + "churn risk also for renewals at 12 points a point, 8 points per revenue tier, 60 points for "
                        + "work due within 30 days. Best of %d. Load average (1/5/15 min): %s.",
                executions, customers, report.csms().size(), repeats, Context.load()));
        r.table(List.of("what", "seconds", "rows written", "note"), List.of(
                List.of("simulation (top 10 per CSM, labels, would-be creations)", Report.fmt(simulation),
                        Report.count(written), entering + " items would enter a top 10"),
                List.of("apply: store version + re-score, one transaction", Report.fmt(apply), Report.count(rescored),
                        "÷ recompute " + Report.ratio(recompute / apply)),
                List.of("recompute of the organization, same policy", Report.fmt(recompute), Report.count(rescored),
                        "")));
    }

    private static long writes(Context ctx, String db) throws Exception {
        try (Connection c = ctx.pg.connect(db)) {
            Sql.execute(c, "SELECT pg_stat_clear_snapshot()");
            return Sql.longValue(c, WRITES);
        }
    }
}
