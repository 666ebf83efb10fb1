package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.workflow.StepCondition;
import dev.orchestrator.core.domain.workflow.TemplateSteps;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link TemplateSteps#instantiate} in SQL, for the set-based interpretation: a definition's stored
 * steps (the canonical form of {@link TemplateSteps#toJson}) → the JSON array a new execution's
 * {@code execution_data.steps} holds, for one customer's scores and signals. The signal and comparison
 * cases are generated from {@link SignalField} and {@link Comparison}, so a new signal or comparison
 * is covered (or, for a comparison, fails to compile here); {@code StepSqlTranslationTest} proves it equal
 * to the Java rule on randomized steps and customers.
 */
final class StepSql {

    private StepSql() {
    }

    /**
     * The instantiated steps ({@code []} when none holds). {@code signal} gives the column of each
     * signal in the statement; {@code today} (the caller's UTC date) is where due offsets count from.
     */
    static Field<JSONB> instantiated(Field<JSONB> steps, Field<Integer> opportunity, Field<Integer> risk,
            Function<SignalField, Field<?>> signal, LocalDate today) {
        Field<JSONB> when = DSL.field("(tpl_step.value -> {0})", SQLDataType.JSONB, DSL.inline(TemplateSteps.WHEN));
        return DSL.field("""
                coalesce((SELECT jsonb_agg(jsonb_build_object(\
                {0}, tpl_step.value -> {0}, {1}, tpl_step.value -> {1}, {2}, false, \
                {3}, coalesce(tpl_step.value -> {3}, to_jsonb(false)), \
                {4}, CASE WHEN (tpl_step.value -> {5}) IS NOT NULL THEN to_jsonb(to_char({6}::date + (tpl_step.value ->> {5})::int, \
                'YYYY-MM-DD') || 'T00:00:00Z') END, \
                {7}, {8}) ORDER BY tpl_step.ordinality) \
                FROM jsonb_array_elements({9}) WITH ORDINALITY AS tpl_step(value, ordinality) \
                WHERE {10}), jsonb_build_array())""", SQLDataType.JSONB,
                DSL.inline(TemplateSteps.KEY), DSL.inline(TemplateSteps.TITLE), DSL.inline(TemplateSteps.DONE),
                DSL.inline(TemplateSteps.OPTIONAL), DSL.inline(TemplateSteps.DUE_AT),
                DSL.inline(TemplateSteps.DUE_OFFSET_DAYS), DSL.inline(today), DSL.inline(TemplateSteps.SELECTED_BY),
                selectedBy(when, opportunity, risk, signal), steps, holds(when, opportunity, risk, signal));
    }

    /** {@link StepCondition#holds}: no condition, or every part named holds (an unknown signal: not). */
    private static QueryPart holds(Field<JSONB> when, Field<Integer> opportunity, Field<Integer> risk,
            Function<SignalField, Field<?>> signal) {
        return DSL.condition("""
                ({0} IS NULL OR (\
                (NOT (({0} -> {1}) IS NOT NULL) OR {2}::numeric >= ({0} ->> {1})::numeric) \
                AND (NOT (({0} -> {3}) IS NOT NULL) OR {4}::numeric >= ({0} ->> {3})::numeric) \
                AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce({0} -> {5}, jsonb_build_array())) AS tpl_cond(c) \
                WHERE NOT coalesce({6}, false))))""",
                when, DSL.inline(TriggerConditions.OPPORTUNITY_SCORE_MIN), opportunity,
                DSL.inline(TriggerConditions.RISK_SCORE_MIN), risk, DSL.inline(TemplateSteps.SIGNALS),
                compares(DSL.field("tpl_cond.c", SQLDataType.JSONB), signal));
    }

    /** {@link StepCondition#selectedBy}: the scores and signal values the condition names, by name. */
    private static Field<JSONB> selectedBy(Field<JSONB> when, Field<Integer> opportunity, Field<Integer> risk,
            Function<SignalField, Field<?>> signal) {
        Field<JSONB> c = DSL.field("tpl_sel.c", SQLDataType.JSONB);
        return DSL.field("""
                CASE WHEN {0} IS NULL THEN jsonb_build_object() ELSE \
                (CASE WHEN ({0} -> {1}) IS NOT NULL THEN jsonb_build_object({2}, {3}) ELSE jsonb_build_object() END) \
                || (CASE WHEN ({0} -> {4}) IS NOT NULL THEN jsonb_build_object({5}, {6}) ELSE jsonb_build_object() END) \
                || coalesce((SELECT jsonb_object_agg(tpl_sel.c ->> {7}, {8}) \
                FROM jsonb_array_elements(coalesce({0} -> {9}, jsonb_build_array())) AS tpl_sel(c)), jsonb_build_object()) END""",
                SQLDataType.JSONB, when, DSL.inline(TriggerConditions.OPPORTUNITY_SCORE_MIN),
                DSL.inline(StepCondition.OPPORTUNITY_SCORE), opportunity, DSL.inline(TriggerConditions.RISK_SCORE_MIN),
                DSL.inline(StepCondition.RISK_SCORE), risk, DSL.inline(TemplateSteps.FIELD), value(c, signal),
                DSL.inline(TemplateSteps.SIGNALS));
    }

    /** One signal condition {@code c} compared as {@link Comparison#holds} does; NULL when the signal is unknown. */
    private static Field<Boolean> compares(Field<JSONB> c, Function<SignalField, Field<?>> signal) {
        Field<?> v = value(c, signal);
        Field<?> t = DSL.field("({0} ->> {1})::numeric", SQLDataType.NUMERIC, c, DSL.inline(TemplateSteps.THRESHOLD));
        StringBuilder sql = new StringBuilder("CASE {0} ->> {1}");
        List<QueryPart> parts = new ArrayList<>(List.of(c, DSL.inline(TemplateSteps.COMPARISON), v, t));
        for (Comparison comparison : Comparison.values()) {
            String operator = switch (comparison) {
                case GREATER_THAN -> ">";
                case AT_LEAST -> ">=";
                case LESS_THAN -> "<";
                case AT_MOST -> "<=";
            };
            parts.add(DSL.inline(TemplateSteps.wireName(comparison)));
            sql.append(" WHEN {").append(parts.size() - 1).append("} THEN {2} ").append(operator).append(" {3}");
        }
        return DSL.field(sql.append(" END").toString(), SQLDataType.BOOLEAN, parts.toArray(QueryPart[]::new));
    }

    /** The value of the signal {@code c} names, as NUMERIC (NULL when unknown). */
    private static Field<?> value(Field<JSONB> c, Function<SignalField, Field<?>> signal) {
        StringBuilder sql = new StringBuilder("(CASE {0} ->> {1}");
        List<QueryPart> parts = new ArrayList<>(List.of(c, DSL.inline(TemplateSteps.FIELD)));
        for (SignalField field : SignalField.values()) {
            parts.add(DSL.inline(field.columnName()));
            parts.add(signal.apply(field));
            sql.append(" WHEN {").append(parts.size() - 2).append("} THEN {").append(parts.size() - 1).append("}::numeric");
        }
        return DSL.field(sql.append(" END)").toString(), SQLDataType.NUMERIC, parts.toArray(QueryPart[]::new));
    }
}
