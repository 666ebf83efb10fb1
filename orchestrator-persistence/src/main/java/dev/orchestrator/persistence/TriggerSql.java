package dev.orchestrator.persistence;

import dev.orchestrator.core.domain.json.JsonObject;
import java.math.BigDecimal;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads numbers out of a definition's {@code trigger_conditions} in SQL exactly as
 * {@link JsonObject#decimal} and {@link JsonObject#wholeNumber} read them in Java: a JSON number,
 * or a string that is a plain decimal ({@link JsonObject#PLAIN_DECIMAL}, blanks around it allowed);
 * anything else (missing, null, boolean, "5 points", "1e3") is NULL, i.e. "not named".
 */
final class TriggerSql {

    /** The core's pattern, anchored, with the surrounding blanks Java's {@code strip()} removes. */
    static final String PLAIN_DECIMAL_REGEX = "^\\s*" + JsonObject.PLAIN_DECIMAL + "\\s*$";

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private TriggerSql() {
    }

    /** The value under {@code key} as NUMERIC, or NULL when it is not a number. */
    static Field<BigDecimal> decimal(Field<JSONB> conditions, String key) {
        return DSL.field("""
                CASE jsonb_typeof({0} -> {1}) \
                WHEN 'number' THEN ({0} ->> {1})::numeric \
                WHEN 'string' THEN CASE WHEN ({0} ->> {1}) ~ {2} THEN ({0} ->> {1})::numeric END \
                END""", SQLDataType.NUMERIC, conditions, DSL.inline(key), DSL.inline(PLAIN_DECIMAL_REGEX));
    }

    /** The value under {@code key} when it is a whole number within the range of a Java long, else NULL. */
    static Field<BigDecimal> wholeNumber(Field<JSONB> conditions, String key) {
        return DSL.field("CASE WHEN {0} = trunc({0}) AND {0} BETWEEN {1} AND {2} THEN {0} END", SQLDataType.NUMERIC,
                decimal(conditions, key), DSL.inline(LONG_MIN), DSL.inline(LONG_MAX));
    }
}
