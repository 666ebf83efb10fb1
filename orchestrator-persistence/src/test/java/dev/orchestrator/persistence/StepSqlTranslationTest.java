package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalScore;
import dev.orchestrator.core.domain.signals.SignalScores;
import dev.orchestrator.core.domain.workflow.StepCondition;
import dev.orchestrator.core.domain.workflow.TemplateStep;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.testing.RandomSignals;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link StepSql} against {@link TemplateSteps#instantiate} on randomized template steps (every signal,
 * every comparison, score minimums, thresholds on the signals' edges, due offsets, optional steps) and
 * randomized customers (signals missing now and then, scores across the range): the SQL's array equals
 * the Java rule's, compared as JSONB (so 35.50 and 35.5 are the same number).
 */
@WithPostgres
class StepSqlTranslationTest {

    private static HikariDataSource pool;

    private final DSLContext sql = DSL.using(pool, SQLDialect.POSTGRES);

    @BeforeAll
    static void openPool(TestDatabase db) {
        pool = TestPools.pool(db.dataSource());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void theSqlInstantiatesExactlyTheStepsJavaDoesWithTheSameRecord() {
        Random random = new Random(14);
        RandomSignals signals = new RandomSignals(random);
        int nonEmpty = 0;
        int partial = 0;
        for (int i = 0; i < 400; i++) {
            List<TemplateStep> steps = randomSteps(random);
            assertThat(TemplateSteps.problems(steps, "steps", 10)).as("generated steps are valid").isEmpty();
            CustomerSignals customer = signals.next();
            CustomerSignals known = customer == null ? CustomerSignals.NONE : customer;
            SignalScores scores = new SignalScores(new SignalScore(random.nextInt(11), List.of()),
                    new SignalScore(random.nextInt(11), List.of()));
            LocalDate today = LocalDate.parse("2026-01-01").plusDays(random.nextInt(800));

            List<Map<String, Object>> java = TemplateSteps.instantiate(steps, known, scores, today);
            Field<JSONB> stored = DSL.val(JsonbCodec.writeArray(TemplateSteps.toJson(steps)));
            Field<JSONB> fromSql = StepSql.instantiated(stored, DSL.val(scores.opportunity().value()),
                    DSL.val(scores.risk().value()), field -> DSL.val(field.valueIn(known), SQLDataType.NUMERIC), today);
            Field<JSONB> expected = DSL.val(JsonbCodec.write(new JsonObject(Map.of("s", java))));
            Record2<JSONB, Boolean> row = sql.select(fromSql,
                    DSL.field("jsonb_build_object('s', {0}) = {1}", SQLDataType.BOOLEAN, fromSql, expected)).fetchOne();

            assertThat(row.value2()).as("case %d: SQL %s, Java %s", i, row.value1(), expected).isTrue();
            nonEmpty += java.isEmpty() ? 0 : 1;
            partial += !java.isEmpty() && java.size() < steps.size() ? 1 : 0;
        }
        // The inputs reach both outcomes: some steps hold, some do not.
        assertThat(nonEmpty).isGreaterThan(100);
        assertThat(partial).isGreaterThan(50);
    }

    private static List<TemplateStep> randomSteps(Random random) {
        List<TemplateStep> steps = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            StepCondition when = random.nextInt(4) == 0 ? null : randomCondition(random);
            Integer offset = random.nextBoolean() ? random.nextInt(TemplateSteps.MAX_DUE_OFFSET_DAYS + 1) : null;
            steps.add(new TemplateStep("step-" + i, "Step " + i + " \"quoted\" ✓", when, offset, random.nextBoolean()));
        }
        return steps;
    }

    private static StepCondition randomCondition(Random random) {
        BigDecimal opportunity = random.nextInt(3) == 0 ? BigDecimal.valueOf(random.nextInt(11)) : null;
        BigDecimal risk = random.nextInt(3) == 0 ? BigDecimal.valueOf(random.nextInt(21), 1) : null;
        List<StepCondition.OnSignal> conditions = new ArrayList<>();
        int count = opportunity == null && risk == null ? 1 + random.nextInt(3) : random.nextInt(3);
        for (int i = 0; i < count; i++) {
            SignalField field = SignalField.values()[random.nextInt(SignalField.values().length)];
            Comparison comparison = Comparison.values()[random.nextInt(Comparison.values().length)];
            conditions.add(new StepCondition.OnSignal(field, comparison, threshold(field, random)));
        }
        return new StepCondition(opportunity, risk, conditions);
    }

    /** A threshold within the signal's range, whole numbers now and then so that values hit it exactly. */
    private static BigDecimal threshold(SignalField field, Random random) {
        BigDecimal min = field.range().min() == null ? BigDecimal.valueOf(-40) : field.range().min();
        BigDecimal max = field.range().max() == null ? BigDecimal.valueOf(130) : field.range().max();
        int span = max.subtract(min).intValue();
        BigDecimal whole = min.add(BigDecimal.valueOf(random.nextInt(span + 1)));
        if (field.range().wholeNumber() || random.nextBoolean()) {
            return whole;
        }
        BigDecimal fraction = whole.add(BigDecimal.valueOf(random.nextInt(100), 2));
        return fraction.compareTo(max) > 0 ? max : fraction.stripTrailingZeros();
    }
}
