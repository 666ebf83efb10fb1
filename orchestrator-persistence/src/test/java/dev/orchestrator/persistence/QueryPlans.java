package dev.orchestrator.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reading PostgreSQL's {@code EXPLAIN (FORMAT JSON)} in the plan tests: one walker for all of them. */
final class QueryPlans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryPlans() {}

    /** The plan of {@code query} (SQL, bind values inlined) on {@code connection}. */
    static JsonNode explain(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN (FORMAT JSON) " + query)) {
            rows.next();
            return parse(rows.getString(1));
        }
    }

    /** The top plan node of one {@code EXPLAIN (FORMAT JSON)} answer. */
    static JsonNode parse(String explainJson) {
        try {
            return JSON.readTree(explainJson).get(0).get("Plan");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not an EXPLAIN (FORMAT JSON) answer: " + explainJson, e);
        }
    }

    /** Every node's type, depth first. */
    static List<String> nodeTypes(JsonNode plan) {
        List<String> types = new ArrayList<>();
        walk(plan, node -> types.add(node.get("Node Type").asText()));
        return types;
    }

    /** Indexes of {@code table} the plan reads (a Bitmap Index Scan names no relation: go by the index's name). */
    static List<String> indexesOn(JsonNode plan, String table) {
        List<String> indexes = new ArrayList<>();
        walk(plan, node -> {
            if (node.has("Index Name") && node.get("Index Name").asText().startsWith(table + "_")) {
                indexes.add(node.get("Index Name").asText());
            }
        });
        return indexes;
    }

    /** The relations read by nodes of {@code nodeType} ({@code "Seq Scan"}, say). */
    static List<String> scansOf(JsonNode plan, String nodeType) {
        List<String> relations = new ArrayList<>();
        walk(plan, node -> {
            if (nodeType.equals(node.get("Node Type").asText())) {
                relations.add(node.path("Relation Name").asText());
            }
        });
        return relations;
    }

    static void walk(JsonNode node, Consumer<JsonNode> visit) {
        visit.accept(node);
        node.path("Plans").forEach(child -> walk(child, visit));
    }
}
