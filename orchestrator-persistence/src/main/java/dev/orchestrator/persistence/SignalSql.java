package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.signals.Comparison;
import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.core.domain.signals.SignalRule;
import dev.orchestrator.core.domain.signals.SignalScorer;
import dev.orchestrator.persistence.jooq.tables.CustomerProperties;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A {@link SignalPolicy}'s rule lists as SQL, rule by rule, exactly as {@link SignalScorer} scores
 * in Java: each rule adds its points or 0 (a missing signal, i.e. NULL, adds 0), and the sum is
 * capped with {@code LEAST(sum, maxScore)}.
 */
final class SignalSql {

    private final CustomerProperties properties;
    private final Condition hasStrongContact;

    /**
     * @param properties       the customer_properties row (LEFT JOINed: all columns NULL when missing)
     * @param hasStrongContact true when the customer has a contact with a strong relationship
     */
    SignalSql(CustomerProperties properties, Condition hasStrongContact) {
        this.properties = properties;
        this.hasStrongContact = hasStrongContact;
    }

    Field<Integer> opportunity(SignalPolicy policy) {
        return score(policy.opportunityRules(), policy.maxScore());
    }

    Field<Integer> risk(SignalPolicy policy) {
        return score(policy.riskRules(), policy.maxScore());
    }

    private Field<Integer> score(List<SignalRule> rules, int maxScore) {
        Field<Integer> sum = DSL.inline(0);
        for (SignalRule rule : rules) {
            sum = sum.plus(points(rule));
        }
        return DSL.least(sum, DSL.inline(maxScore));
    }

    /** One rule's points. Java 17 has no pattern switch: a new rule kind ends in the exception. */
    Field<Integer> points(SignalRule rule) {
        if (rule instanceof SignalRule.Threshold threshold) {
            Condition holds = compare(column(threshold.field()), threshold.comparison(), threshold.threshold());
            return DSL.when(holds, DSL.inline(threshold.points())).otherwise(DSL.inline(0));
        }
        if (rule instanceof SignalRule.ValueOf valueOf) {
            return DSL.coalesce(wholeValue(valueOf.field()), DSL.inline(0));
        }
        if (rule instanceof SignalRule.NoStrongRelationship weak) {
            return DSL.when(hasStrongContact, DSL.inline(0)).otherwise(DSL.inline(weak.points()));
        }
        throw new IllegalArgumentException("no SQL translation for signal rule " + rule.getClass().getName());
    }

    private static Condition compare(Field<BigDecimal> value, Comparison comparison, BigDecimal threshold) {
        Field<BigDecimal> limit = DSL.inline(threshold);
        switch (comparison) {
            case GREATER_THAN:
                return value.gt(limit);
            case AT_LEAST:
                return value.ge(limit);
            case LESS_THAN:
                return value.lt(limit);
            case AT_MOST:
                return value.le(limit);
            default:
                throw new IllegalArgumentException("no SQL for comparison " + comparison);
        }
    }

    /**
     * The signal as an integer, as Java's {@code intValueExact()} takes it: integer columns as they
     * are; a NUMERIC column with a fraction fails the statement (Java throws too) instead of rounding.
     */
    private Field<Integer> wholeValue(SignalField field) {
        Field<?> column = properties.field(field.columnName());
        if (column.getType() == Short.class || column.getType() == Integer.class) {
            // No cast needed: smallint + integer is integer arithmetic in PostgreSQL.
            return column.coerce(SQLDataType.INTEGER);
        }
        return DSL.field("trim_scale({0})::text::integer", SQLDataType.INTEGER, column);
    }

    /**
     * The column of a signal, typed as a decimal on the Java side only ({@code coerce} renders no
     * cast): PostgreSQL compares a SMALLINT with an integer literal natively, and promotes it to
     * NUMERIC itself when the threshold has a fraction; either way the comparison is exact.
     */
    private Field<BigDecimal> column(SignalField field) {
        Field<?> column = properties.field(field.columnName());
        if (column == null) {
            throw new IllegalArgumentException("customer_properties has no column " + field.columnName());
        }
        return column.coerce(SQLDataType.NUMERIC);
    }
}
