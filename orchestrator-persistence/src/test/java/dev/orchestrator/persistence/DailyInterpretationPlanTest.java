package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.priority.PriorityPolicy;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.core.domain.signals.SignalPolicy;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily interpretation (every customer of the database) as PostgreSQL plans it in its own
 * transaction ({@code SqlSignalInterpretation.planAsBatch}): each customer scored once (the
 * {@code scored} CTE materialized, strong contacts read once into a hash), and the candidates checked
 * against the open and recently closed executions by hash anti joins, never by one index probe per
 * candidate: at 1M customers those probes were 1.47M and most of the run (docs/performance.md).
 */
@WithPostgres
class DailyInterpretationPlanTest {

    private final TestDatabase db;

    DailyInterpretationPlanTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        SignalWritePlanTest.load(db);
    }

    @Test
    void theDailyStatementScoresEachCustomerOnceAndChecksTheExecutionsByHash() throws Exception {
        JsonNode plan = batchPlan();

        assertThat(QueryPlans.nodeTypes(plan)).as("plan: %s", plan).doesNotContain("Nested Loop");
        assertThat(subplanNames(plan)).as("plan: %s", plan).contains("CTE scored", "CTE candidates");
        assertThat(antiJoinedTables(plan)).as("plan: %s", plan).contains("workflow_executions");
    }

    /** The plan under the settings {@link SqlSignalInterpretation#interpret} gives the daily statement. */
    private JsonNode batchPlan() throws SQLException {
        try (Connection connection = db.connection()) {
            connection.setAutoCommit(false);
            try {
                DSLContext sql = DSL.using(connection, SQLDialect.POSTGRES);
                SqlSignalInterpretation.planAsBatch(sql);
                return QueryPlans.explain(connection, sql.renderInlined(SqlSignalInterpretation.statement(sql,
                        WorkScope.of(Optional.empty()), SignalPolicy.STANDARD, PriorityPolicy.STANDARD,
                        LocalDate.of(2026, 3, 10), Instant.parse("2026-03-10T00:05:00Z"))));
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<String> subplanNames(JsonNode plan) {
        List<String> names = new ArrayList<>();
        QueryPlans.walk(plan, node -> {
            if (node.has("Subplan Name")) {
                names.add(node.get("Subplan Name").asText());
            }
        });
        return names;
    }

    /** Tables read on the inner side of an anti join (hash or merge: both read the table once). */
    private static List<String> antiJoinedTables(JsonNode plan) {
        List<String> tables = new ArrayList<>();
        QueryPlans.walk(plan, node -> {
            if ("Anti".equals(node.path("Join Type").asText()) && node.path("Plans").size() == 2) {
                QueryPlans.walk(node.path("Plans").get(1), inner -> {
                    if (inner.has("Relation Name")) {
                        tables.add(inner.get("Relation Name").asText());
                    }
                });
            }
        });
        return tables;
    }
}
