package dev.orchestrator.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Statements whose SQL is rendered once per shape and then run as that SQL with each call's bind values,
 * as {@link JooqQueueReader} does for the queue: rendering a jOOQ query (not building it) was the largest
 * single CPU cost of a list page and of the team view (docs/performance.md, "lists rendered once").
 *
 * <p>A statement is built as before, with jOOQ, but every value it binds is made by its {@link Binds}, which
 * also records the statement's shape: a token for each structural choice the builder makes
 * ({@link Binds#mark}, e.g. which filters, statuses, order and limit) and one for each value bound. Two
 * statements of one shape render the same SQL; the first one's SQL is kept with the position of each of
 * its bind values among the values made, so that later calls only build (cheap) and bind, never render.
 * {@code RenderedOnceTest} renders random shapes both ways and compares the SQL and the binds.
 *
 * <p>The kept SQL runs as a JDBC statement with the values bound by position ({@link #run},
 * {@link PositionalBinds}), not through jOOQ's plain-SQL API, which scans the whole text and renders each
 * value into it again on every call (docs/performance.md, "kept statements bound by position").
 */
final class RenderedOnce {

    /** Shapes kept at most (a few dozen in use; a client varying every parameter cannot grow it further). */
    static final int MAX_SHAPES = 4_096;

    private final DSLContext sql;
    private final BoundedMemo<String, Rendered> shapes = new BoundedMemo<>(MAX_SHAPES);

    RenderedOnce(DSLContext sql) {
        this.sql = sql;
    }

    /** The SQL of one shape, and which of the values made (by index) each of its {@code ?} binds. */
    record Rendered(String sql, int[] slots) {
    }

    /** A statement's bind values, in the order the builder made them, and its shape. */
    static final class Binds {
        private final List<Param<?>> made = new ArrayList<>();
        private final StringBuilder shape = new StringBuilder();

        Binds(String statement) {
            shape.append(statement);
        }

        /** A value to bind, typed like {@code field} (its converter applies). */
        <T> Param<T> val(T value, Field<T> field) {
            return made(DSL.val(value, field), field.getName());
        }

        /** A value to bind, of {@code type}. */
        <T> Param<T> val(T value, DataType<T> type) {
            return made(DSL.val(value, type), type.getTypeName());
        }

        /**
         * {@code field = value} for a column whose converter stores text (a status, a role), compared as the
         * text the column holds: given the converted value, jOOQ's {@code eq} binds it anew, outside these
         * binds, so that its position would be unknown on the next call.
         */
        <U> Condition eqAsStored(Field<U> field, U value) {
            Field<String> stored = DSL.field(field.getQualifiedName(), SQLDataType.VARCHAR);
            return stored.eq(val((String) field.getConverter().to(value), SQLDataType.VARCHAR));
        }

        private <T> Param<T> made(Param<T> param, String what) {
            made.add(param);
            shape.append('|').append(what).append('?');
            return param;
        }

        /** Records a choice that changes the SQL without binding anything (a filter's literals, the order, a limit). */
        Binds mark(Object choice) {
            shape.append('|').append(choice);
            return this;
        }

        String shape() {
            return shape.toString();
        }

        Param<?>[] bindings(int[] slots) {
            Param<?>[] values = new Param<?>[slots.length];
            for (int i = 0; i < slots.length; i++) {
                values[i] = made.get(slots[i]);
            }
            return values;
        }
    }

    /** {@code built} (made with {@code binds}) run as its shape's SQL, rendered at most once: its rows, read as {@code columns}. */
    Result<Record> fetch(Binds binds, ResultQuery<?> built, Field<?>... columns) {
        return fetch(sql, binds, built, columns);
    }

    /**
     * The same, run on {@code on} (a transaction's context, e.g. a transition's guarded write). The kept SQL
     * runs as a JDBC statement on {@code on}'s connection with its values bound by position
     * ({@link PositionalBinds}); its rows are read by jOOQ into records of {@code columns}, by position (none
     * given: the result's own columns, by name). Given, they are not asked of {@code built}: a statement with a
     * common table expression works its fields out by rendering parts of itself again.
     */
    Result<Record> fetch(DSLContext on, Binds binds, ResultQuery<?> built, Field<?>... columns) {
        Rendered rendered = rendered(binds, built);
        return run(on, rendered.sql(), binds.bindings(rendered.slots()), columns);
    }

    /**
     * Runs kept SQL on {@code on}'s connection as a JDBC statement, {@code values} (one per {@code ?}, in
     * order) bound by position ({@link PositionalBinds}), and reads its rows as {@code columns}.
     */
    static Result<Record> run(DSLContext on, String keptSql, Param<?>[] values, Field<?>... columns) {
        return onStatement(on, keptSql, values, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return columns.length == 0 ? on.fetch(rows) : on.fetch(rows, columns);
            }
        });
    }

    /** The same for a statement whose rows are not read (e.g. lock calls, which return void). */
    static void execute(DSLContext on, String keptSql, Param<?>[] values) {
        onStatement(on, keptSql, values, PreparedStatement::execute);
    }

    /** What is done with a kept statement once its values are bound. */
    private interface BoundWork<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    private static <T> T onStatement(DSLContext on, String keptSql, Param<?>[] values, BoundWork<T> work) {
        return on.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(keptSql)) {
                PositionalBinds.bind(connection, statement, values);
                return work.on(statement);
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + keptSql + "]; " + e.getMessage(), e);
            }
        });
    }

    /** The SQL and bind positions of {@code built}'s shape (for tests and the benchmarks). */
    Rendered rendered(Binds binds, Query built) {
        String shape = binds.shape();
        Rendered known = shapes.get(shape);
        if (known != null) {
            return known;
        }
        return shapes.remember(shape, render(binds, built));
    }

    private Rendered render(Binds binds, Query built) {
        Map<Param<?>, Integer> slotOf = new IdentityHashMap<>();
        for (int i = 0; i < binds.made.size(); i++) {
            slotOf.put(binds.made.get(i), i);
        }
        List<Integer> slots = new ArrayList<>();
        for (Param<?> param : built.getParams().values()) {
            if (param.isInline()) {
                continue;
            }
            Integer slot = slotOf.get(param);
            if (slot == null) {
                // A value bound without Binds: its position would be unknown on the next call.
                throw new IllegalStateException("statement " + binds.shape() + " binds " + param.getValue()
                        + " not made by its Binds");
            }
            slots.add(slot);
        }
        if (slots.size() != built.getBindValues().size()) {
            throw new IllegalStateException("statement " + binds.shape() + " binds " + built.getBindValues().size()
                    + " values, of which " + slots.size() + " were found");
        }
        return new Rendered(sql.render(built), slots.stream().mapToInt(Integer::intValue).toArray());
    }
}
