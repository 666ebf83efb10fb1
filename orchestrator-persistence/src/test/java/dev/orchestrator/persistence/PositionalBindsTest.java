package dev.orchestrator.persistence;

import static dev.orchestrator.persistence.jooq.Tables.WORKFLOW_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * Kept statements bound by position ({@link PositionalBinds}, {@link RenderedOnce#run}) bind what jOOQ would:
 * every database type the adapters use, null or not, comes back from PostgreSQL as it went in, and a
 * statement whose values are null on one call and not on the next keeps its parameter types, so that the
 * driver keeps one server-side statement for it and the server its plan (a transition's write was planned
 * again on every call when a time's type flipped between null and a value).
 */
@WithPostgres
class PositionalBindsTest {

    private static final UUID ID = UUID.fromString("0f5c1e0e-6b1e-4a53-9a57-1f1b2c3d4e5f");
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 4, 21, 5, 0, 123_456_000, ZoneOffset.ofHours(2));

    @Test
    void everyTypeComesBackAsItWentInNullOrNot(TestDatabase db) throws Exception {
        try (Connection connection = db.connection()) {
            DSLContext sql = DSL.using(connection, SQLDialect.POSTGRES);
            List<Param<?>> values = List.of(
                    DSL.val(ID, SQLDataType.UUID),
                    DSL.val(AT, SQLDataType.TIMESTAMPWITHTIMEZONE),
                    DSL.val(LocalDate.of(2026, 2, 28), SQLDataType.LOCALDATE),
                    DSL.val(JSONB.valueOf("{\"a\": [1, \"\\u00e9\"]}"), SQLDataType.JSONB),
                    DSL.val("naïve 'quoted' ?", SQLDataType.VARCHAR),
                    DSL.val(42, SQLDataType.INTEGER),
                    DSL.val(7_000_000_000L, SQLDataType.BIGINT),
                    DSL.val(true, SQLDataType.BOOLEAN),
                    DSL.val(new BigDecimal("12.50"), SQLDataType.NUMERIC),
                    DSL.val(new UUID[] {ID, UUID.randomUUID()}, SQLDataType.UUID.array()),
                    DSL.val(ExecutionStatus.SNOOZED, WORKFLOW_EXECUTIONS.STATUS));
            Field<?>[] columns = values.stream().map(v -> DSL.field("c", v.getDataType())).toArray(Field<?>[]::new);
            String kept = sql.render(sql.select(values.toArray(Field<?>[]::new)));

            Record read = RenderedOnce.run(sql, kept, values.toArray(Param<?>[]::new), columns).get(0);
            for (int i = 0; i < values.size(); i++) {
                Object expected = values.get(i).getValue();
                Object actual = read.get(i);
                if (expected instanceof OffsetDateTime time) {
                    assertThat(((OffsetDateTime) actual).toInstant()).as("column %d", i).isEqualTo(time.toInstant());
                } else if (expected instanceof JSONB) {
                    assertThat(((JSONB) actual).data()).as("column %d", i).isEqualTo("{\"a\": [1, \"é\"]}");
                } else if (expected instanceof Object[] array) {
                    assertThat((Object[]) actual).as("column %d", i).containsExactly(array);
                } else {
                    assertThat(actual).as("column %d", i).isEqualTo(expected);
                }
            }

            Param<?>[] nulls = values.stream().map(v -> DSL.val(null, v.getDataType())).toArray(Param<?>[]::new);
            Record empty = RenderedOnce.run(sql, kept, nulls, columns).get(0);
            for (int i = 0; i < values.size(); i++) {
                assertThat(empty.get(i)).as("column %d bound as null", i).isNull();
            }
        }
    }

    @Test
    void aStatementWhoseValuesAreNullByTurnsKeepsOneServerSideStatementAndItsPlan(TestDatabase db) throws Exception {
        try (Connection connection = db.connection()) {
            DSLContext sql = DSL.using(connection, SQLDialect.POSTGRES);
            String kept = "SELECT cast(? as uuid) AS a, cast(? as timestamp with time zone) AS b, cast(? as date) AS c,"
                    + " cast(? as jsonb) AS d, cast(? as varchar) AS e, cast(? as integer) AS f /* positional */";
            int calls = 20;
            for (int i = 0; i < calls; i++) {
                boolean none = i % 2 == 0;
                Param<?>[] values = {
                    DSL.val(none ? null : ID, SQLDataType.UUID),
                    DSL.val(none ? null : AT, SQLDataType.TIMESTAMPWITHTIMEZONE),
                    DSL.val(none ? null : LocalDate.of(2026, 1, 1), SQLDataType.LOCALDATE),
                    DSL.val(none ? null : JSONB.valueOf("{}"), SQLDataType.JSONB),
                    DSL.val(none ? null : "x", SQLDataType.VARCHAR),
                    DSL.val(none ? null : 1, SQLDataType.INTEGER)};
                RenderedOnce.run(sql, kept, values);
            }
            // pgjdbc turns a statement into a named server-side one from its 5th use on a connection; one
            // whose parameter types change is prepared again, its counts starting over.
            Long executions = sql.fetchValue(DSL.field(
                    "(SELECT max(generic_plans + custom_plans) FROM pg_prepared_statements"
                            + " WHERE statement LIKE '%/* positional */%')", Long.class));
            assertThat(executions).as("executions of the one server-side statement").isGreaterThanOrEqualTo(calls - 5L);
        }
    }
}
