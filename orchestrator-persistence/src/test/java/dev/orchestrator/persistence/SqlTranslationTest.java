package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.CUSTOMERS;
import static dev.orchestrator.persistence.jooq.Tables.CUSTOMER_PROPERTIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.priority.PriorityEvaluator;
import dev.orchestrator.core.domain.priority.PriorityInput;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.priority.ScoreChange;
import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalRule;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.core.domain.signals.SignalScores;
import dev.orchestrator.core.domain.signals.AutoCloseRule;
import dev.orchestrator.core.domain.signals.EarlyWakeRule;
import dev.orchestrator.core.domain.workflow.AutoClose;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.RandomPolicies;
import dev.orchestrator.core.testing.RandomSignals;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import dev.orchestrator.persistence.jooq.tables.Customers;
import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.persistence.testing.PostgresFixture;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL translations against the Java rules on inputs the contract tests do not reach: policies
 * other than STANDARD (odd divisors, negative points, a negative due-soon window, fractional
 * thresholds on integer signals, ValueOf on a decimal signal, a low cap, due rules with points, a
 * negative due window), negative usage scores (floor division), due dates at any time of day, and
 * every shape of threshold and date window in trigger_conditions.
 */
@WithPostgres
class SqlTranslationTest {

    private static HikariDataSource pool;

    private final DSLContext sql;
    private final PostgresFixture fixture;

    SqlTranslationTest() {
        this.sql = DSL.using(pool, SQLDialect.POSTGRES);
        this.fixture = new PostgresFixture(pool);
    }

    @BeforeAll
    static void openPool(TestDatabase db) {
        pool = TestPools.pool(db.dataSource());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void triggerThresholdsAreReadAsJavaReadsThem() {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("int", 5);
        samples.put("negative", -3);
        samples.put("fraction", 5.25);
        samples.put("big", 12345678901234L);
        samples.put("exponent", 1e3);
        samples.put("string", "7");
        samples.put("padded", "  6.5\t");
        samples.put("newlines", "\n8\n");
        samples.put("negative string", "-2");
        samples.put("trailing dot", "5.");
        samples.put("leading dot", ".5");
        samples.put("plus", "+5");
        samples.put("exponent string", "1e3");
        samples.put("words", "5 points");
        samples.put("empty", "");
        samples.put("boolean", true);
        samples.put("null", null);
        samples.put("list", List.of(1));
        samples.put("object", Map.of("a", 1));
        JsonObject json = new JsonObject(samples);
        Field<JSONB> column = DSL.inline(JsonbCodec.write(json));

        for (String key : samples.keySet()) {
            BigDecimal fromSql = sql.select(TriggerSql.decimal(column, key)).fetchOne().value1();
            Optional<BigDecimal> fromJava = json.decimal(key);
            assertThat(Optional.ofNullable(fromSql).map(BigDecimal::stripTrailingZeros))
                    .as("threshold %s", key).isEqualTo(fromJava.map(BigDecimal::stripTrailingZeros));
            BigDecimal whole = sql.select(TriggerSql.wholeNumber(column, key)).fetchOne().value1();
            assertThat(Optional.ofNullable(whole).map(BigDecimal::longValueExact))
                    .as("order %s", key).isEqualTo(json.wholeNumber(key));
        }
    }

    @Test
    void thePriorityExpressionEqualsTheEvaluatorForOtherPoliciesAndEdgeValues() {
        Map<WorkflowType, Integer> tiers = new EnumMap<>(WorkflowType.class);
        for (WorkflowType type : WorkflowType.values()) {
            tiers.put(type, 100 * (type.ordinal() + 1));
        }
        List<PriorityPolicy> policies = new ArrayList<>(List.of(PriorityPolicy.STANDARD,
                new PriorityPolicy(tiers, -3, 7, EnumSet.of(WorkflowType.RISK, WorkflowType.CUSTOM), 7,
                        EnumSet.of(WorkflowType.OPPORTUNITY, WorkflowType.RENEWAL),
                        new PriorityPolicy.SnoozeRanking(-2, 2000, 50), new PriorityPolicy.LabelThresholds(3, 2, 1),
                        new PriorityPolicy.DueProximity(7, 40)),
                new PriorityPolicy(tiers, 1, 1, EnumSet.noneOf(WorkflowType.class), 3, EnumSet.allOf(WorkflowType.class),
                        new PriorityPolicy.SnoozeRanking(0, 10, -10), new PriorityPolicy.LabelThresholds(3, 2, 1),
                        new PriorityPolicy.DueProximity(-2, -15)),
                withDue(PriorityPolicy.STANDARD, new PriorityPolicy.DueProximity(0, 100))));
        // And any policy an admin may apply (issue 13): random ones from the generator of valid policies.
        RandomPolicies randomPolicies = new RandomPolicies(new Random(13));
        for (int i = 0; i < 30; i++) {
            policies.add(randomPolicies.priority());
        }
        Random random = new Random(3);
        LocalDate today = LocalDate.of(2026, 3, 10);
        Instant noon = today.atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (PriorityPolicy policy : policies) {
            PriorityEvaluator evaluator = new PriorityEvaluator(policy);
            List<Field<?>> expressions = new ArrayList<>();
            List<Integer> expected = new ArrayList<>();
            List<Field<?>> partExpressions = new ArrayList<>();
            List<Map<String, Integer>> expectedParts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ExecutionStatus status = ExecutionStatus.values()[random.nextInt(ExecutionStatus.values().length)];
                Instant until = status == ExecutionStatus.SNOOZED
                        ? noon.plus(Duration.ofMinutes(random.nextInt(20 * 24 * 60) - 10 * 24 * 60)) : null;
                WorkflowType type = WorkflowType.values()[random.nextInt(WorkflowType.values().length)];
                int weight = random.nextInt(1000) - 100;
                Integer tier = random.nextInt(5) == 0 ? null : random.nextInt(6);
                Integer churn = random.nextInt(5) == 0 ? null : random.nextInt(11);
                // Negative usage cannot be stored (CHECK 0..100), but the expression must still floor like Java.
                Integer usage = random.nextInt(5) == 0 ? null : random.nextInt(241) - 120;
                // Due dates at any minute of ±40 days (an import may give any time of day), a third none.
                Instant due = random.nextInt(3) == 0 ? null
                        : noon.plus(Duration.ofMinutes(random.nextInt(80 * 24 * 60) - 40 * 24 * 60));
                var score = evaluator.evaluate(new PriorityInput(status, until, type, weight, tier, churn, usage, due),
                        today);
                expected.add(score.value());
                expectedParts.add(ScoreChange.parts(score.explanation()));
                PrioritySql.Inputs inputs = new PrioritySql.Inputs(
                        DSL.inline(status, dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS.STATUS),
                        DSL.inline(Codes.timestamp(until), dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS.SNOOZE_UNTIL),
                        DSL.inline(type, dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS.WORKFLOW_TYPE),
                        DSL.inline(weight), DSL.inline(tier, Integer.class), DSL.inline(churn, Integer.class),
                        DSL.inline(usage, Integer.class),
                        DSL.inline(Codes.timestamp(due), dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS.DUE_AT));
                partExpressions.add(PrioritySql.partsExpression(policy, today, inputs));
                expressions.add(PrioritySql.scoreExpression(policy, today, new PrioritySql.Inputs(
                        DSL.inline(status, dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS.STATUS),
                        DSL.inline(Codes.timestamp(until), dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS.SNOOZE_UNTIL),
                        DSL.inline(type, dev.orchestrator.persistence.jooq.Tables.WORKFLOW_DEFINITIONS.WORKFLOW_TYPE),
                        DSL.inline(weight), DSL.inline(tier, Integer.class), DSL.inline(churn, Integer.class),
                        DSL.inline(usage, Integer.class),
                        DSL.inline(Codes.timestamp(due), dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS.DUE_AT))));
            }
            List<Integer> actual = new ArrayList<>();
            // A few hundred expressions per statement keeps this fast.
            var row = sql.select(expressions).fetchOne();
            for (int i = 0; i < expressions.size(); i++) {
                actual.add(((Number) row.get(i)).intValue());
            }
            assertThat(actual).as("policy %s", policy).isEqualTo(expected);
            // The parts by rule, as the recompute remembers them, are the evaluator's lines.
            var parts = sql.select(partExpressions).fetchOne();
            List<Map<String, Integer>> actualParts = new ArrayList<>();
            for (int i = 0; i < partExpressions.size(); i++) {
                Map<String, Integer> byRule = new LinkedHashMap<>();
                JsonbCodec.read((JSONB) parts.get(i)).values()
                        .forEach((rule, points) -> byRule.put(rule, ((Number) points).intValue()));
                actualParts.add(byRule);
            }
            assertThat(actualParts).as("parts under policy %s", policy).isEqualTo(expectedParts);
        }
    }

    private static PriorityPolicy withDue(PriorityPolicy p, PriorityPolicy.DueProximity due) {
        return new PriorityPolicy(p.typeTiers(), p.revenueImpactPointsPerTier(), p.churnRiskPointsPerPoint(),
                p.churnRiskTypes(), p.usageScoreDivisor(), p.usageTypes(), p.snooze(), p.labels(), due);
    }

    @Test
    void signalScoresEqualTheScorerForAnotherPolicyAndRandomOnes() {
        SignalPolicy fixed = new SignalPolicy(
                List.of(new SignalRule.Threshold("tier over 3.5", SignalField.REVENUE_IMPACT_TIER, Comparison.GREATER_THAN,
                                new BigDecimal("3.5"), 4),
                        new SignalRule.Threshold("growth at most -0.5", SignalField.YOY_GROWTH_PERCENT, Comparison.AT_MOST,
                                new BigDecimal("-0.5"), 3),
                        new SignalRule.Threshold("usage under 40", SignalField.USAGE_SCORE, Comparison.LESS_THAN,
                                BigDecimal.valueOf(40), -2),
                        new SignalRule.ValueOf("health", SignalField.HEALTH_SCORE)),
                List.of(new SignalRule.ValueOf("churn", SignalField.CHURN_RISK_SCORE),
                        new SignalRule.NoStrongRelationship("weak", 5),
                        new SignalRule.Threshold("adoption at least 75", SignalField.ADOPTION_RATE_PERCENT, Comparison.AT_LEAST,
                                new BigDecimal("75.00"), 1)),
                12);
        List<SignalPolicy> policies = new ArrayList<>(List.of(fixed, SignalPolicy.STANDARD));
        RandomPolicies randomPolicies = new RandomPolicies(new Random(17));
        for (int i = 0; i < 20; i++) {
            policies.add(randomPolicies.signals());
        }
        World world = new World(fixture);
        RandomSignals randomSignals = new RandomSignals(new Random(5));
        Map<UUID, CustomerSignals> signals = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            CustomerSignals s = randomSignals.next();
            Customer customer = world.customer(world.csm, s);
            signals.put(customer.id().value(), s == null ? CustomerSignals.NONE : s);
        }
        Customers c = CUSTOMERS.as("c");
        CustomerProperties p = CUSTOMER_PROPERTIES.as("p");
        SignalSql signalSql = new SignalSql(p, EntrySql.strongContactOf(c.ORGANIZATION_ID, c.ID));
        for (SignalPolicy policy : policies) {
            SignalScorer scorer = new SignalScorer(policy);

            var rows = sql.select(c.ID, signalSql.opportunity(policy), signalSql.risk(policy))
                    .from(c).leftJoin(p).on(p.ORGANIZATION_ID.eq(c.ORGANIZATION_ID)).and(p.CUSTOMER_ID.eq(c.ID))
                    .where(c.ORGANIZATION_ID.eq(world.org.value()))
                    .fetch();

            assertThat(rows).hasSize(400);
            for (Record3<UUID, Integer, Integer> row : rows) {
                SignalScores expected = scorer.score(signals.get(row.value1()));
                assertThat(row.value2()).as("opportunity of %s under %s", row.value1(), policy)
                        .isEqualTo(expected.opportunity().value());
                assertThat(row.value3()).as("risk of %s under %s", row.value1(), policy)
                        .isEqualTo(expected.risk().value());
            }
        }
    }
    // ---- the signal-aware lifecycle rules (LifecycleRuleSql) ------------------------------------

    /** Every shape of value a trigger key can hold, as in {@link #triggerThresholdsAreReadAsJavaReadsThem}. */
    private static List<Object> shapes() {
        List<Object> shapes = new ArrayList<>(java.util.Arrays.asList(0, 1, 2, 7, 30, 365, 366, 9999, -4, 2.5, 3.0,
                12345678901234L, 1e3, "7", " 3 ", "2.5", "-1", "1e3", "5 days", "", true, null, List.of(1),
                Map.of("a", 1)));
        return shapes;
    }

    private static JsonObject json(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new JsonObject(values);
    }

    @Test
    void lifecycleKeysAreReadAsJavaReadsThem() {
        List<Object> shapes = shapes();
        List<Field<?>> expressions = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (Object value : shapes) {
            JsonObject cooldown = json(TriggerConditions.COOLDOWN_DAYS, value);
            expressions.add(LifecycleRuleSql.cooldownDays(DSL.inline(JsonbCodec.write(cooldown))));
            expected.add(new TriggerConditions(cooldown).cooldownDays());
            JsonObject wake = json(TriggerConditions.WAKE_ON_RISK_INCREASE, value);
            expressions.add(LifecycleRuleSql.wakeOnRiskIncrease(DSL.inline(JsonbCodec.write(wake))));
            expected.add(new TriggerConditions(wake).wakeOnRiskIncrease().orElse(null));
            for (Object other : List.of(1, 2)) {
                for (JsonObject autoClose : List.of(
                        json(TriggerConditions.AUTO_CLOSE, json(AutoClose.MARGIN, value, AutoClose.AFTER_RUNS, other).values()),
                        json(TriggerConditions.AUTO_CLOSE, json(AutoClose.MARGIN, other, AutoClose.AFTER_RUNS, value).values()),
                        json(TriggerConditions.AUTO_CLOSE, json(AutoClose.MARGIN, value).values()),
                        json(TriggerConditions.AUTO_CLOSE, value))) {
                    Field<JSONB> column = DSL.inline(JsonbCodec.write(autoClose));
                    Optional<AutoClose> java = new TriggerConditions(autoClose).autoClose();
                    expressions.add(DSL.when(LifecycleRuleSql.margin(column).isNotNull()
                                    .and(LifecycleRuleSql.afterRuns(column).isNotNull()),
                            DSL.concat(LifecycleRuleSql.margin(column).cast(String.class), DSL.inline("/"),
                                    LifecycleRuleSql.afterRuns(column).cast(String.class))));
                    expected.add(java.map(a -> a.margin() + "/" + a.afterRuns()).orElse(null));
                }
            }
        }
        var row = sql.select(expressions).fetchOne();
        for (int i = 0; i < expressions.size(); i++) {
            Object actual = row.get(i) instanceof Number n ? (Object) n.longValue() : row.get(i);
            Object wanted = expected.get(i) instanceof Number n ? (Object) n.longValue() : expected.get(i);
            assertThat(actual).as("expression %d: %s", i, expressions.get(i)).isEqualTo(wanted);
        }
    }

    @Test
    void autoCloseEvidenceAndReasonEqualTheRule() {
        Random random = new Random(8);
        List<Object> thresholds = java.util.Arrays.asList(null, 0, 3, 5, 6, 10, 4.5, "6", " 2.50 ", "x", 7.25);
        List<Object> margins = java.util.Arrays.asList(1, 2, 3, "1", 0, -1, 1.5, null);
        List<Field<?>> expressions = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Map<String, Object> conditions = new LinkedHashMap<>();
            Object opportunityMin = thresholds.get(random.nextInt(thresholds.size()));
            Object riskMin = thresholds.get(random.nextInt(thresholds.size()));
            if (opportunityMin != null) {
                conditions.put(TriggerConditions.OPPORTUNITY_SCORE_MIN, opportunityMin);
            }
            if (riskMin != null) {
                conditions.put(TriggerConditions.RISK_SCORE_MIN, riskMin);
            }
            Map<String, Object> autoClose = new LinkedHashMap<>();
            autoClose.put(AutoClose.MARGIN, margins.get(random.nextInt(margins.size())));
            autoClose.put(AutoClose.AFTER_RUNS, random.nextInt(8) == 0 ? "none" : 1 + random.nextInt(3));
            conditions.put(TriggerConditions.AUTO_CLOSE, autoClose);
            TriggerConditions java = new TriggerConditions(new JsonObject(conditions));
            int opportunity = random.nextInt(11);
            int risk = random.nextInt(11);
            long runs = 1 + random.nextInt(3);
            SignalScores scores = new SignalScores(new dev.orchestrator.core.domain.signals.SignalScore(opportunity,
                    List.of()), new dev.orchestrator.core.domain.signals.SignalScore(risk, List.of()));
            expected.add(AutoCloseRule.evidence(java, scores).map(e -> AutoCloseRule.reason(e, runs)).orElse(null));

            Field<JSONB> column = DSL.inline(JsonbCodec.write(java.json()));
            Field<java.math.BigDecimal> oMin = TriggerSql.decimal(column, TriggerConditions.OPPORTUNITY_SCORE_MIN);
            Field<java.math.BigDecimal> rMin = TriggerSql.decimal(column, TriggerConditions.RISK_SCORE_MIN);
            Field<Long> margin = LifecycleRuleSql.margin(column);
            Field<Integer> o = DSL.inline(opportunity);
            Field<Integer> r = DSL.inline(risk);
            expressions.add(DSL.when(LifecycleRuleSql.cleared(o, oMin, r, rMin, margin, LifecycleRuleSql.afterRuns(column)),
                    LifecycleRuleSql.reason(o, oMin, r, rMin, margin, DSL.inline(runs))));
        }
        var row = sql.select(expressions).fetchOne();
        List<Object> actual = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            actual.add(row.get(i));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).filteredOn(java.util.Objects::nonNull).hasSizeGreaterThan(40)
                .anySatisfy(reason -> assertThat(reason).contains("opportunity score"))
                .anySatisfy(reason -> assertThat(reason).contains("risk score"))
                .anySatisfy(reason -> assertThat(reason).endsWith(" 1 daily run"));
    }

    @Test
    void earlyWakeEqualsTheRule() {
        Random random = new Random(9);
        List<Object> increases = java.util.Arrays.asList(null, 1, 2, 3, "2", 0, -1, 2.5, "x");
        List<Field<?>> expressions = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Object increase = increases.get(random.nextInt(increases.size()));
            JsonObject json = increase == null ? JsonObject.EMPTY : json(TriggerConditions.WAKE_ON_RISK_INCREASE, increase);
            Integer atSnooze = random.nextInt(6) == 0 ? null : random.nextInt(11);
            int now = random.nextInt(11);
            expected.add(EarlyWakeRule.wakes(new TriggerConditions(json), atSnooze, now)
                    ? EarlyWakeRule.reason(atSnooze, now) : null);
            Field<Integer> before = DSL.inline(atSnooze, Integer.class);
            Field<Integer> after = DSL.inline(now);
            expressions.add(DSL.when(LifecycleRuleSql.wakes(LifecycleRuleSql.wakeOnRiskIncrease(
                    DSL.inline(JsonbCodec.write(json))), before, after), LifecycleRuleSql.wakeReason(before, after)));
        }
        var row = sql.select(expressions).fetchOne();
        List<Object> actual = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            actual.add(row.get(i));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).filteredOn(java.util.Objects::nonNull).hasSizeGreaterThan(30);
    }

    @Test
    void coolingEqualsTheRuleAcrossDaylightSavingAndBoundaries() {
        Random random = new Random(10);
        Instant now = Instant.parse("2026-03-29T01:30:00Z"); // a DST change in Europe, for sessions in such zones
        List<Field<?>> expressions = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        {
            for (int i = 0; i < 300; i++) {
                Object days = shapes().get(random.nextInt(shapes().size()));
                JsonObject json = json(TriggerConditions.COOLDOWN_DAYS, days);
                int cooldown = new TriggerConditions(json).cooldownDays();
                Instant closedAt = random.nextBoolean() ? now.minus(Duration.ofHours(24L * cooldown))
                        : now.minus(Duration.ofMinutes(random.nextInt(40 * 24 * 60)));
                expected.add(dev.orchestrator.core.domain.signals.CooldownRule.cooling(new TriggerConditions(json),
                        closedAt, now));
                expressions.add(DSL.field(LifecycleRuleSql.cooling(DSL.inline(Codes.timestamp(closedAt)),
                        LifecycleRuleSql.cooldownDays(DSL.inline(JsonbCodec.write(json))),
                        DSL.inline(Codes.timestamp(now)))));
            }
            // One transaction, so that the session's zone is the one the expressions run in.
            var row = sql.transactionResult(tx -> {
                tx.dsl().execute("SET LOCAL TIME ZONE 'Europe/Berlin'");
                return tx.dsl().select(expressions).fetchOne();
            });
            List<Object> actual = new ArrayList<>();
            for (int i = 0; i < expressions.size(); i++) {
                actual.add(row.get(i));
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(expected).contains(true, false);
        }
    }
}
