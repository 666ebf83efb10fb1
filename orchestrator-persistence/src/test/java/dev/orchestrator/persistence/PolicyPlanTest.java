package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The current policy version is read on every scoring path: with many organizations and versions it
 * must be one probe of the primary key in backward order (no Sort, no scan of the table).
 */
@WithPostgres
class PolicyPlanTest {

    private static OrganizationId organization;

    private final TestDatabase db;
    private final DSLContext sql;

    PolicyPlanTest(TestDatabase db) {
        this.db = db;
        this.sql = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    }

    /** 50 organizations × 200 versions: 10,000 rows. */
    @BeforeAll
    static void load(TestDatabase db) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO organizations (name) SELECT 'policy org ' || o FROM generate_series(1, 50) o;
                    INSERT INTO profiles (organization_id, email, full_name, role)
                        SELECT id, 'admin@example.org', 'Admin', 'admin' FROM organizations
                        WHERE name LIKE 'policy org %';
                    INSERT INTO organization_policy_versions (organization_id, version, priority_policy, signal_policy,
                            author_id, created_at)
                        SELECT p.organization_id, v, '{}', '{}', p.id, now()
                        FROM profiles p JOIN organizations o ON o.id = p.organization_id AND o.name LIKE 'policy org %',
                             generate_series(1, 200) v;
                    ANALYZE organization_policy_versions;
                    """);
            try (ResultSet r = statement.executeQuery("SELECT id FROM organizations WHERE name = 'policy org 7'")) {
                r.next();
                organization = OrganizationId.of(r.getObject(1, UUID.class));
            }
        }
    }

    @Test
    void theCurrentVersionIsOneBackwardProbeOfThePrimaryKey() throws Exception {
        JsonNode plan;
        try (Connection connection = db.connection()) {
            plan = QueryPlans.explain(connection, sql.renderInlined(JooqPolicyVersions.currentQuery(sql, organization)));
        }
        assertThat(QueryPlans.indexesOn(plan, "organization_policy_versions"))
                .containsExactly("organization_policy_versions_pkey");
        assertThat(QueryPlans.nodeTypes(plan)).doesNotContain("Sort", "Seq Scan");
        java.util.List<String> directions = new java.util.ArrayList<>();
        QueryPlans.walk(plan, node -> {
            if (node.has("Scan Direction")) {
                directions.add(node.get("Scan Direction").asText());
            }
        });
        assertThat(directions).containsExactly("Backward");
    }
}
