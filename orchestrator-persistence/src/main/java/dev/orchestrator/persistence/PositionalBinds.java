package dev.orchestrator.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Param;

/**
 * Binds a kept statement's values ({@link RenderedOnce}) to its {@code ?}s by position, through JDBC and not
 * through jOOQ's plain-SQL API: given a kept SQL text, that API scans the whole text for template tokens and
 * renders each value into it again on every execution, which for a transition's long statements cost about
 * what rendering them had (docs/performance.md, "kept statements bound by position").
 *
 * <p>Each value goes to the driver as its column's database type (the converter of a closed set gives its
 * wire name), typed so that a parameter's type is the same on every call ({@link #asText}). The SQL was
 * rendered by jOOQ, with the casts it puts around its binds. The schema's database types are few (text,
 * uuid, numbers, boolean, date, timestamptz, jsonb and arrays of them); {@code RenderedOnceTest} and the
 * adapters' contract tests run every kept statement against PostgreSQL.
 */
final class PositionalBinds {

    private PositionalBinds() {
    }

    /** Binds {@code values} (the statement's params, in the order of its {@code ?}s) to {@code statement}. */
    static void bind(Connection connection, PreparedStatement statement, Param<?>[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            set(connection, statement, i + 1, values[i]);
        }
    }

    private static <T> void set(Connection connection, PreparedStatement statement, int index, Param<T> param)
            throws SQLException {
        DataType<T> type = param.getDataType();
        Object stored = stored(type, param.getValue());
        if (stored instanceof Object[] array) {
            statement.setArray(index, connection.createArrayOf(elementTypeName(type), array));
        } else if (asText(type)) {
            statement.setObject(index, stored == null ? null : text(stored), Types.OTHER);
        } else if (stored == null) {
            statement.setNull(index, type.getSQLType());
        } else {
            statement.setObject(index, stored);
        }
    }

    /**
     * Whether a value goes as text of no stated type, typed by the statement (jOOQ's cast around the bind, or
     * the column it is compared with or written to): a uuid, a time, a date, a document. Given a time or a
     * date the driver states its type, given null another; a parameter whose type changed between two calls
     * makes the driver prepare the statement again and the server plan it again (a transition's write, whose
     * times are null or not by turns, was planned on every call that way: 0.2 ms, a third of its time;
     * {@code PositionalBindsTest}). Text, numbers and booleans keep their type when null.
     */
    private static boolean asText(DataType<?> type) {
        Class<?> stored = type.getFromType();
        return stored == UUID.class || stored == OffsetDateTime.class || stored == LocalDate.class
                || stored == LocalDateTime.class || stored == JSONB.class || stored == JSON.class;
    }

    private static String text(Object stored) {
        if (stored instanceof JSONB json) {
            return json.data();
        }
        if (stored instanceof JSON json) {
            return json.data();
        }
        return stored.toString(); // ISO 8601 for the times and dates, which PostgreSQL reads
    }

    /** The value as its column stores it: a converted type (a closed set) turned back into its database type. */
    @SuppressWarnings("unchecked")
    private static <T> Object stored(DataType<T> type, T value) {
        if (value == null) {
            return null;
        }
        return ((Converter<Object, T>) type.getConverter()).to(value);
    }

    private static String elementTypeName(DataType<?> arrayType) {
        DataType<?> element = arrayType.getArrayComponentDataType();
        if (element == null) {
            throw new IllegalArgumentException("array bind without an element type: " + arrayType);
        }
        return element.getTypeName();
    }
}
