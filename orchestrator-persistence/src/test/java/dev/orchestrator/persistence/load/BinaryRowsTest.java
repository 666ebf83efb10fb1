package dev.orchestrator.persistence.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.persistence.JsonbCodec;
import dev.orchestrator.persistence.load.BinaryRows.ColumnType;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The binary COPY rows read back by a real PostgreSQL as the values they were made from: every column
 * type the loader writes, on random values (edges included: pre-2000 instants and dates, negative and
 * fractional numbers, zero, text that the text format had to escape, NULLs).
 */
@WithPostgres
class BinaryRowsTest {

    private static final List<String> COLUMNS = List.of("u", "v", "s", "i", "l", "b", "ts", "d", "j", "n");
    private static final List<ColumnType> TYPES = List.of(ColumnType.UUID, ColumnType.TEXT, ColumnType.INT2,
            ColumnType.INT4, ColumnType.INT8, ColumnType.BOOL, ColumnType.TIMESTAMPTZ, ColumnType.DATE, ColumnType.JSONB,
            ColumnType.NUMERIC);
    private static final String[] TEXTS = {"", "plain", "tab\there", "line\nbreak\r\n", "back\\slash \\N", "Zoë Ångström",
            "日本語", "emoji \uD83D\uDE80", "'quoted' \"double\""};

    private final TestDatabase db;

    BinaryRowsTest(TestDatabase db) {
        this.db = db;
    }

    private record Row(UUID u, Object v, Short s, Integer i, Long l, Boolean b, Instant ts, LocalDate d, JsonObject j,
            BigDecimal n) {
    }

    @Test
    void everyTypeReadsBackAsWritten() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(null, null, null, null, null, null, null, null, null, null));
        rows.add(new Row(new UUID(0, 0), "", Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, false,
                Instant.parse("1970-01-01T00:00:00Z"), LocalDate.of(1999, 12, 31), JsonObject.EMPTY, BigDecimal.ZERO));
        rows.add(new Row(new UUID(-1, -1), ExecutionStatus.SNOOZED, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, true,
                Instant.parse("2000-01-01T00:00:00.000001Z"), LocalDate.of(2000, 1, 1), JsonObject.EMPTY,
                new BigDecimal("0.00")));
        for (int k = 0; k < 2_000; k++) {
            rows.add(new Row(new UUID(r.nextLong(), r.nextLong()), TEXTS[r.nextInt(TEXTS.length)],
                    (short) r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1), r.nextInt(), r.nextLong(), r.nextBoolean(),
                    Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 4_000_000_000L), r.nextInt(1_000_000_000)),
                    LocalDate.ofEpochDay(r.nextLong(-40_000, 60_000)), json(r), number(r)));
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE binary_rows (k int, u uuid, v varchar(100), s int2, i int4, l int8, b bool,"
                        + " ts timestamptz, d date, j jsonb, n numeric)");
            }
            List<String> columns = new ArrayList<>(List.of("k"));
            columns.addAll(COLUMNS);
            List<ColumnType> types = new ArrayList<>(List.of(ColumnType.INT4));
            types.addAll(TYPES);
            BinaryRows out = new BinaryRows(columns, types, 64);
            for (int k = 0; k < rows.size(); k++) {
                Row row = rows.get(k);
                out.field(k).field(row.u()).field(row.v()).field(row.s()).field(row.i()).field(row.l()).field(row.b())
                        .field(row.ts()).field(row.d()).field(row.j()).field(row.n()).endRow();
            }
            out.trailer();
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY binary_rows (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)");
            in.writeToCopy(out.buffer(), 0, out.size());
            assertThat(in.endCopy()).isEqualTo(rows.size());

            try (PreparedStatement ps = c.prepareStatement("SELECT k, u, v, s, i, l, b, ts, d, n, j = ?::jsonb, n::text"
                    + " FROM binary_rows WHERE k = ?")) {
                for (int k = 0; k < rows.size(); k++) {
                    Row row = rows.get(k);
                    ps.setString(1, row.j() == null ? null : JsonbCodec.text(row.j()));
                    ps.setInt(2, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        String at = "row " + k;
                        assertThat(rs.getObject("u", UUID.class)).as(at).isEqualTo(row.u());
                        assertThat(rs.getString("v")).as(at).isEqualTo(row.v() instanceof ExecutionStatus st
                                ? st.wireName() : (String) row.v());
                        assertThat(rs.getObject("s") == null ? null : rs.getShort("s")).as(at).isEqualTo(row.s());
                        assertThat(rs.getObject("i", Integer.class)).as(at).isEqualTo(row.i());
                        assertThat(rs.getObject("l", Long.class)).as(at).isEqualTo(row.l());
                        assertThat(rs.getObject("b", Boolean.class)).as(at).isEqualTo(row.b());
                        OffsetDateTime ts = rs.getObject("ts", OffsetDateTime.class);
                        assertThat(ts == null ? null : ts.toInstant()).as(at)
                                .isEqualTo(row.ts() == null ? null : row.ts().truncatedTo(ChronoUnit.MICROS));
                        assertThat(rs.getObject("d", LocalDate.class)).as(at).isEqualTo(row.d());
                        assertThat(rs.getObject(11)).as(at + " json").isEqualTo(row.j() == null ? null : true);
                        // the value and its scale, as the text form would have stored them
                        assertThat(rs.getString(12)).as(at + " numeric").isEqualTo(row.n() == null ? null
                                : row.n().scale() < 0 ? row.n().setScale(0).toPlainString() : row.n().toPlainString());
                    }
                }
            }
            c.rollback();
        }
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsRefusedNamingIt() {
        BinaryRows out = new BinaryRows(List.of("tier", "name"), List.of(ColumnType.INT2, ColumnType.TEXT), 64);
        assertThatThrownBy(() -> out.field(new BigDecimal("2.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column tier: 2.5");
        BinaryRows again = new BinaryRows(List.of("tier", "name"), List.of(ColumnType.INT2, ColumnType.TEXT), 64);
        assertThatThrownBy(() -> again.field(70_000)).hasMessageContaining("column tier: 70000");
        BinaryRows third = new BinaryRows(List.of("tier", "name"), List.of(ColumnType.INT2, ColumnType.TEXT), 64);
        assertThatThrownBy(() -> third.field(3).field(42)).hasMessage("column name: 42 (Integer) does not fit text");
        BinaryRows short1 = new BinaryRows(List.of("tier", "name"), List.of(ColumnType.INT2, ColumnType.TEXT), 64);
        assertThatThrownBy(() -> short1.field(1).endRow()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 fields for the 2 columns");
        assertThatThrownBy(() -> ColumnType.of("t.c", "interval")).hasMessageContaining("column t.c")
                .hasMessageContaining("interval");
    }

    private static JsonObject json(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            m.put("key" + k + TEXTS[r.nextInt(TEXTS.length)], switch (r.nextInt(4)) {
                case 0 -> TEXTS[r.nextInt(TEXTS.length)];
                case 1 -> BigDecimal.valueOf(r.nextInt(-1000, 1000), r.nextInt(3));
                case 2 -> r.nextBoolean();
                default -> List.of(BigDecimal.ONE, "x");
            });
        }
        return JsonObject.of(m);
    }

    private static BigDecimal number(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> BigDecimal.valueOf(r.nextInt(-100, 101));
            case 1 -> new BigDecimal(new BigInteger(r.nextInt(1, 120), new java.util.Random(r.nextLong())), r.nextInt(0, 30))
                    .multiply(r.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate());
            case 2 -> BigDecimal.valueOf(r.nextLong(0, 100_000_000), r.nextInt(0, 9)); // trailing and leading zero digits
            case 3 -> BigDecimal.valueOf(r.nextInt(1, 1000), -r.nextInt(1, 12)); // negative scale: 5E+7
            default -> new BigDecimal("0." + "0".repeat(r.nextInt(0, 12)) + r.nextInt(1, 10_000));
        };
    }
}
