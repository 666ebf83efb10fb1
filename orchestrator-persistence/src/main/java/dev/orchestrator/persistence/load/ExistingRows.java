package dev.orchestrator.persistence.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Looks up which rows already exist, and in which organization (for validating references). */
public final class ExistingRows {

    /** The tables an import can refer to. */
    public enum Table {
        ORGANIZATIONS("SELECT id, id FROM organizations WHERE id = ANY(?)"),
        PROFILES("SELECT id, organization_id FROM profiles WHERE id = ANY(?)"),
        CUSTOMERS("SELECT id, organization_id FROM customers WHERE id = ANY(?)"),
        WORKFLOW_DEFINITIONS("SELECT id, organization_id FROM workflow_definitions WHERE id = ANY(?)");

        private final String query;

        Table(String query) {
            this.query = query;
        }
    }

    private static final int CHUNK = 10_000;

    private final DataSource dataSource;

    public ExistingRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For each of {@code ids} that exists in {@code table}: its organization (an organization's is itself). */
    public Map<UUID, UUID> organizationsOf(Table table, Collection<UUID> ids) throws SQLException {
        Map<UUID, UUID> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<UUID> all = new ArrayList<>(ids);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(table.query)) {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                ps.setArray(1, c.createArrayOf("uuid", chunk.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    }
                }
            }
        }
        return found;
    }
}
