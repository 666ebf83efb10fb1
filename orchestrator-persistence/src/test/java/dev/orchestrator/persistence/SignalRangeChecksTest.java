package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.signals.SignalField;
import dev.orchestrator.core.domain.signals.SignalRange;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Each signal's range in the core ({@link SignalField#range()}, what every way in validates against)
 * and its column in the migrations (type, precision, CHECK bounds) say the same thing: a change on
 * one side alone fails here.
 */
@WithPostgres
class SignalRangeChecksTest {

    private static final Pattern MIN = Pattern.compile(">=\\s*\\(?(-?[0-9.]+)\\)?");
    private static final Pattern MAX = Pattern.compile("<=\\s*\\(?(-?[0-9.]+)\\)?");

    private final TestDatabase db;

    SignalRangeChecksTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void everySignalColumnMatchesItsCoreRange() throws SQLException {
        SoftAssertions softly = new SoftAssertions();
        try (Connection c = db.connection()) {
            for (SignalField field : SignalField.values()) {
                SignalRange range = field.range();
                String column = field.columnName();
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = 'customer_properties'
                          AND column_name = ?""")) {
                    ps.setString(1, column);
                    try (ResultSet r = ps.executeQuery()) {
                        softly.assertThat(r.next()).as("column %s", column).isTrue();
                        if (range.wholeNumber()) {
                            softly.assertThat(r.getString(1)).as("%s type", column).isEqualTo("smallint");
                        } else {
                            softly.assertThat(r.getString(1)).as("%s type", column).isEqualTo("numeric");
                            softly.assertThat(r.getInt(2)).as("%s precision", column).isEqualTo(range.precision());
                            softly.assertThat(r.getInt(3)).as("%s scale", column).isEqualTo(SignalRange.SCALE);
                        }
                    }
                }
                String checks = checksOn(c, column);
                softly.assertThat(bound(MIN, checks)).as("%s lower bound in %s", column, checks)
                        .isEqualTo(normalized(range.min()));
                softly.assertThat(bound(MAX, checks)).as("%s upper bound in %s", column, checks)
                        .isEqualTo(normalized(range.max()));
            }
        }
        softly.assertAll();
    }

    private static String checksOn(Connection c, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(string_agg(pg_get_constraintdef(con.oid), ' '), '')
                FROM pg_constraint con
                JOIN pg_class t ON t.oid = con.conrelid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = con.conkey[1]
                WHERE con.contype = 'c' AND t.relname = 'customer_properties' AND a.attname = ?
                  AND cardinality(con.conkey) = 1""")) {
            ps.setString(1, column);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static BigDecimal bound(Pattern pattern, String checks) {
        Matcher m = pattern.matcher(checks);
        return m.find() ? normalized(new BigDecimal(m.group(1))) : null;
    }

    private static BigDecimal normalized(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
