package dev.orchestrator.persistence.load;

import dev.orchestrator.core.domain.WireNamed;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.persistence.JsonbCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN (FORMAT binary)}): a header, per row
 * the field count and each field as its length and its type's binary form, a trailer. Each value is
 * written in the binary form of its column's type, read from the catalog when the copy starts
 * ({@link ColumnType}), so that an encoder passes the core's values (UUIDs, strings, closed sets,
 * instants, dates, numbers, JSON) without knowing the wire forms.
 *
 * <p>Why binary rather than text: the server parses no text (UUIDs, timestamps, numbers), which at 5M
 * executions was about a third of the copy's time in the one backend that does it (docs/performance.md).
 * Values are checked as they are encoded: a number that does not fit its column, or a value of a type
 * the column does not take, fails the load naming the column.
 */
final class BinaryRows {

    /** The column types the loader writes, by the name of their (base) type in {@code pg_type}. */
    enum ColumnType {
        UUID, TEXT, INT2, INT4, INT8, BOOL, TIMESTAMPTZ, DATE, JSONB, NUMERIC;

        static ColumnType of(String column, String typeName) {
            return switch (typeName) {
                case "uuid" -> UUID;
                case "varchar", "text" -> TEXT;
                case "int2" -> INT2;
                case "int4" -> INT4;
                case "int8" -> INT8;
                case "bool" -> BOOL;
                case "timestamptz" -> TIMESTAMPTZ;
                case "date" -> DATE;
                case "jsonb" -> JSONB;
                case "numeric" -> NUMERIC;
                default -> throw new IllegalArgumentException("column " + column + ": the loader has no binary form for "
                        + typeName);
            };
        }
    }

    /** "PGCOPY\n\377\r\n\0", flags, header extension length. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final byte JSONB_VERSION = 1;

    private final List<String> columns;
    private final ColumnType[] types;
    private byte[] buffer;
    private int size;
    private int field;
    private long rows;

    BinaryRows(List<String> columns, List<ColumnType> types, int capacity) {
        if (columns.size() != types.size() || columns.isEmpty()) {
            throw new IllegalArgumentException(columns.size() + " columns, " + types.size() + " types");
        }
        this.columns = List.copyOf(columns);
        this.types = types.toArray(ColumnType[]::new);
        this.buffer = new byte[Math.max(64, capacity)];
        bytes(HEADER);
    }

    /** The next field of the row, in its column's binary form; {@code null} is SQL NULL. */
    BinaryRows field(Object value) {
        if (field == types.length) {
            throw new IllegalStateException("more fields than the " + types.length + " columns " + columns);
        }
        if (field == 0) {
            int16(types.length);
        }
        int column = field++;
        if (value == null) {
            int32(-1);
            return this;
        }
        try {
            write(types[column], value);
        } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + columns.get(column) + ": " + value + " ("
                    + value.getClass().getSimpleName() + ") does not fit " + types[column].name().toLowerCase(Locale.ROOT)
                    + (e instanceof ClassCastException || e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        return this;
    }

    /** Ends the row: every column must have had its field. */
    void endRow() {
        if (field != types.length) {
            throw new IllegalStateException(field + " fields for the " + types.length + " columns " + columns);
        }
        field = 0;
        rows++;
    }

    /** The end of the data (after the last row). */
    void trailer() {
        int16(-1);
    }

    long rows() {
        return rows;
    }

    int size() {
        return size;
    }

    byte[] buffer() {
        return buffer;
    }

    /** Forgets the bytes written so far (they were sent; COPY data is a stream, rows may span sends). */
    void clear() {
        size = 0;
    }

    private void write(ColumnType type, Object value) {
        switch (type) {
            case UUID -> {
                UUID u = (UUID) value;
                int32(16);
                int64(u.getMostSignificantBits());
                int64(u.getLeastSignificantBits());
            }
            case TEXT -> text(value instanceof WireNamed named ? named.wireName() : (String) value);
            case INT2 -> {
                int32(2);
                int16(whole(value).shortValueExact());
            }
            case INT4 -> {
                int32(4);
                int32(whole(value).intValueExact());
            }
            case INT8 -> {
                int32(8);
                int64(whole(value).longValueExact());
            }
            case BOOL -> {
                int32(1);
                ensure(1);
                buffer[size++] = (byte) (((Boolean) value) ? 1 : 0);
            }
            case TIMESTAMPTZ -> {
                Instant t = (Instant) value;
                int32(8);
                // Microseconds since PostgreSQL's epoch, truncated as the text form's six digits were.
                int64(Math.addExact(Math.multiplyExact(t.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                        t.getNano() / 1_000));
            }
            case DATE -> {
                int32(4);
                int32(Math.toIntExact(((LocalDate) value).toEpochDay() - POSTGRES_EPOCH_DAY));
            }
            case JSONB -> {
                byte[] json = JsonbCodec.text((JsonObject) value).getBytes(StandardCharsets.UTF_8);
                int32(json.length + 1);
                ensure(1);
                buffer[size++] = JSONB_VERSION;
                bytes(json);
            }
            case NUMERIC -> numeric(value instanceof BigDecimal d ? d : whole(value));
        }
    }

    private static BigDecimal whole(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        throw new ClassCastException("not a number");
    }

    private void text(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        bytes(utf8);
    }

    /**
     * PostgreSQL's numeric: digit count, weight (of the first base-10000 digit), sign, display scale, then
     * the base-10000 digits, without leading or trailing zero digits.
     */
    private void numeric(BigDecimal value) {
        int scale = Math.max(0, value.scale());
        String plain = value.abs().setScale(scale).toPlainString();
        int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        if (integer.equals("0")) {
            integer = "";
        }
        // pad the integer part on the left and the fraction on the right to whole groups of four
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < integer.length(); i += 4) {
            digits.add(Integer.parseInt(integer.substring(i, i + 4)));
        }
        for (int i = 0; i < fraction.length(); i += 4) {
            digits.add(Integer.parseInt(fraction.substring(i, i + 4)));
        }
        int weight = integer.length() / 4 - 1;
        int first = 0;
        while (first < digits.size() && digits.get(first) == 0) {
            first++;
            weight--;
        }
        int last = digits.size();
        while (last > first && digits.get(last - 1) == 0) {
            last--;
        }
        List<Integer> kept = digits.subList(first, last);
        if (kept.isEmpty()) {
            weight = 0;
        }
        int32(8 + 2 * kept.size());
        int16(kept.size());
        int16(weight);
        int16(value.signum() < 0 ? 0x4000 : 0);
        int16(scale);
        for (int d : kept) {
            int16(d);
        }
    }

    private void int16(int v) {
        ensure(2);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
