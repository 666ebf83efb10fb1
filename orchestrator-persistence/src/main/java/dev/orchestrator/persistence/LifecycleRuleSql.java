package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.signals.AutoCloseRule;
import dev.orchestrator.core.domain.signals.CooldownRule;
import dev.orchestrator.core.domain.signals.EarlyWakeRule;
import dev.orchestrator.core.domain.workflow.AutoClose;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The signal-aware lifecycle rules of the core as SQL expressions, read from the same keys, constants and
 * wording: {@link CooldownRule}, {@link AutoCloseRule}, {@link EarlyWakeRule}. Trigger values are read as
 * {@link TriggerSql} reads thresholds (a number, or a string holding one), and mean what the core's
 * {@link TriggerConditions} accessors make of them. {@code SqlTranslationTest} evaluates these on random
 * inputs against the Java rules.
 */
final class LifecycleRuleSql {

    private LifecycleRuleSql() {
    }

    // ---- cooldown -------------------------------------------------------------------------------

    /** {@link TriggerConditions#cooldownDays()}: the whole number held to 0..365, or the default. */
    static Field<Integer> cooldownDays(Field<JSONB> conditions) {
        Field<BigDecimal> days = TriggerSql.wholeNumber(conditions, TriggerConditions.COOLDOWN_DAYS);
        // Not COALESCE(LEAST(GREATEST(...))): GREATEST ignores NULLs, so a missing key would read as 0.
        return DSL.when(days.isNull(), DSL.inline(BigDecimal.valueOf(TriggerConditions.DEFAULT_COOLDOWN_DAYS)))
                .when(days.lt(DSL.inline(BigDecimal.ZERO)), DSL.inline(BigDecimal.ZERO))
                .when(days.gt(DSL.inline(BigDecimal.valueOf(TriggerConditions.MAX_COOLDOWN_DAYS))),
                        DSL.inline(BigDecimal.valueOf(TriggerConditions.MAX_COOLDOWN_DAYS)))
                .otherwise(days).cast(SQLDataType.INTEGER);
    }

    /** {@link CooldownRule#cooling}: {@code closedAt + days × 24 h > now} (hours, so no time zone enters). */
    static Condition cooling(Field<OffsetDateTime> closedAt, Field<Integer> cooldownDays, Field<OffsetDateTime> now) {
        return DSL.condition("{0} + make_interval(hours => 24 * {1}) > {2}", closedAt, cooldownDays, now);
    }

    // ---- auto-close -----------------------------------------------------------------------------

    /** One part of {@code auto_close}, when it is a whole number of at least 1 (else NULL: auto-close is off). */
    static Field<Long> autoClosePart(Field<JSONB> conditions, String part) {
        Field<JSONB> autoClose = DSL.field("({0} -> {1})", SQLDataType.JSONB, conditions,
                DSL.inline(TriggerConditions.AUTO_CLOSE));
        Field<BigDecimal> value = TriggerSql.wholeNumber(autoClose, part);
        return DSL.when(value.ge(DSL.inline(BigDecimal.ONE)), value.cast(SQLDataType.BIGINT));
    }

    static Field<Long> margin(Field<JSONB> conditions) {
        return autoClosePart(conditions, AutoClose.MARGIN);
    }

    static Field<Long> afterRuns(Field<JSONB> conditions) {
        return autoClosePart(conditions, AutoClose.AFTER_RUNS);
    }

    /** {@code AutoCloseRule}'s test for one threshold: named, and {@code score ≤ minimum − margin}. */
    static Condition missed(Field<Integer> score, Field<BigDecimal> minimum, Field<Long> margin) {
        return minimum.isNotNull().and(margin.isNotNull())
                .and(score.cast(SQLDataType.NUMERIC).le(minimum.minus(margin.cast(SQLDataType.NUMERIC))));
    }

    /** {@link AutoCloseRule#evidence} is present: auto-close is on and a threshold is missed by the margin. */
    static Condition cleared(Field<Integer> opportunity, Field<BigDecimal> opportunityMin, Field<Integer> risk,
            Field<BigDecimal> riskMin, Field<Long> margin, Field<Long> afterRuns) {
        return afterRuns.isNotNull().and(missed(opportunity, opportunityMin, margin)
                .or(missed(risk, riskMin, margin)));
    }

    /** {@link AutoCloseRule#reason} of the evidence (opportunity first) after {@code runs} runs. */
    static Field<String> reason(Field<Integer> opportunity, Field<BigDecimal> opportunityMin, Field<Integer> risk,
            Field<BigDecimal> riskMin, Field<Long> margin, Field<Long> runs) {
        Condition opportunityMissed = missed(opportunity, opportunityMin, margin);
        Field<String> words = DSL.when(opportunityMissed, DSL.inline(AutoCloseRule.Score.OPPORTUNITY.words()))
                .otherwise(DSL.inline(AutoCloseRule.Score.RISK.words()));
        Field<String> value = DSL.when(opportunityMissed, opportunity.cast(SQLDataType.VARCHAR))
                .otherwise(risk.cast(SQLDataType.VARCHAR));
        Field<BigDecimal> minimum = DSL.when(opportunityMissed, opportunityMin).otherwise(riskMin);
        return DSL.concat(DSL.inline(AutoCloseRule.REASON_START), words, DSL.inline(" "), value,
                DSL.inline(AutoCloseRule.AT_OR_BELOW), plain(minimum), DSL.inline(AutoCloseRule.MINUS),
                margin.cast(SQLDataType.VARCHAR), DSL.inline(AutoCloseRule.FOR), runs.cast(SQLDataType.VARCHAR),
                DSL.when(runs.eq(DSL.inline(1L)), DSL.inline(AutoCloseRule.RUN))
                        .otherwise(DSL.inline(AutoCloseRule.RUNS)));
    }

    /** {@link AutoCloseRule#plain}: no trailing zeros, never an exponent. */
    static Field<String> plain(Field<BigDecimal> number) {
        return DSL.field("trim_scale({0})::text", SQLDataType.VARCHAR, number);
    }

    /** Whether today's run counts: cleared, and not counted today already. */
    static Condition counts(Condition cleared, Field<LocalDate> countedOn, Field<LocalDate> today) {
        return cleared.and(countedOn.isDistinctFrom(today));
    }

    // ---- early wake -----------------------------------------------------------------------------

    /** {@link TriggerConditions#wakeOnRiskIncrease()}: a whole number of at least 1, else NULL (off). */
    static Field<Long> wakeOnRiskIncrease(Field<JSONB> conditions) {
        Field<BigDecimal> value = TriggerSql.wholeNumber(conditions, TriggerConditions.WAKE_ON_RISK_INCREASE);
        return DSL.when(value.ge(DSL.inline(BigDecimal.ONE)), value.cast(SQLDataType.BIGINT));
    }

    /** {@link EarlyWakeRule#wakes}: a score was kept at snooze time and risk rose at least the threshold. */
    static Condition wakes(Field<Long> threshold, Field<Integer> riskAtSnooze, Field<Integer> riskNow) {
        return threshold.isNotNull().and(riskAtSnooze.isNotNull())
                .and(riskNow.cast(SQLDataType.BIGINT).minus(riskAtSnooze.cast(SQLDataType.BIGINT)).ge(threshold));
    }

    /** {@link EarlyWakeRule#reason}. */
    static Field<String> wakeReason(Field<Integer> riskAtSnooze, Field<Integer> riskNow) {
        return DSL.concat(DSL.inline(EarlyWakeRule.REASON + EarlyWakeRule.RISK_SCORE),
                riskAtSnooze.cast(SQLDataType.VARCHAR), DSL.inline(EarlyWakeRule.AT_SNOOZE),
                riskNow.cast(SQLDataType.VARCHAR), DSL.inline(EarlyWakeRule.NOW));
    }
}
