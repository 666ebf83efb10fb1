package dev.orchestrator.benchmarks.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers (autocommit connections). */
final class Sql {

    private Sql() {
    }

    static long longValue(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(0);
            return s.executeUpdate(sql);
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> lines(Connection c, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                lines.add(r.getString(1));
            }
        }
        return lines;
    }

    /**
     * The stored blocked markers (V41) of every organization's executions, after rows or dependencies
     * were written with plain SQL: the product's own refresh ({@code PostgresStore#refreshBlockedMarkers}).
     */
    static long refreshBlockedMarkers(Connection c) throws SQLException {
        List<java.util.UUID> organizations = lines(c, "SELECT id FROM organizations ORDER BY id").stream()
                .map(java.util.UUID::fromString).toList();
        return dev.orchestrator.persistence.PostgresStore.refreshBlockedMarkers(c, organizations);
    }

    /** VACUUM ANALYZE and CHECKPOINT (if allowed), so every timed variant starts from the same state. */
    static void settle(Connection c, String table) throws SQLException {
        execute(c, "VACUUM (ANALYZE) " + table);
        try {
            execute(c, "CHECKPOINT");
        } catch (SQLException notSuperuser) {
            // fine: only the WAL flush point differs between runs
        }
    }
}
