package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithPostgres
class SeedSyntheticCommandTest {

    private static final String[] SIZES = {"seed", "synthetic", "--organizations", "3", "--csms", "17",
            "--customers", "600", "--executions", "4000"};

    @Test
    void theSameSeedGivesTheSameDataAndTheRulesHold(@EmptyDatabase TestDatabase a, @EmptyDatabase TestDatabase b,
            @EmptyDatabase TestDatabase c) {
        for (TestDatabase db : new TestDatabase[] {a, b, c}) {
            assertThat(Cli.on(db).run("migrate").exitCode()).isZero();
        }
        Cli.Run run = Cli.on(a).run(args("42"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Seeded synthetic data (seed 42)").containsPattern("workflow_executions +4,000")
                .containsPattern("customers +600").contains("Generated and copied in");
        assertThat(Cli.on(b).run(args("42")).exitCode()).isZero();
        assertThat(Cli.on(c).run(args("43")).exitCode()).isZero();

        assertThat(TestDatabaseSql.checksum(a)).isEqualTo(TestDatabaseSql.checksum(b)).isNotEqualTo(TestDatabaseSql.checksum(c));

        assertThat(TestDatabaseSql.count(a, "SELECT count(*) FROM profiles WHERE role = 'csm'")).isEqualTo(17);
        assertThat(TestDatabaseSql.count(a, "SELECT count(*) FROM organizations")).isEqualTo(3);
        long open = TestDatabaseSql.count(a, "SELECT count(*) FROM workflow_executions WHERE status IN ('not_started', 'underway')");
        long snoozed = TestDatabaseSql.count(a, "SELECT count(*) FROM workflow_executions WHERE status = 'snoozed'");
        assertThat(open).isBetween(2400L, 3200L);   // ~70 %
        assertThat(snoozed).isBetween(250L, 550L);  // ~10 %
        assertThat(TestDatabaseSql.count(a, "SELECT count(*) FROM workflow_executions WHERE status = 'snoozed' AND "
                + "(snooze_until < now() - interval '11 days' OR snooze_until > now() + interval '31 days')")).isZero();
        assertThat(TestDatabaseSql.count(a, "SELECT min(n) FROM (SELECT count(*) n FROM workflow_definitions WHERE NOT is_demo "
                + "GROUP BY organization_id) d")).isBetween(5L, 10L);
        assertThat(TestDatabaseSql.count(a, "SELECT count(DISTINCT workflow_type) FROM workflow_definitions")).isEqualTo(5);
        // Scores were computed while generating: every open execution has one.
        assertThat(TestDatabaseSql.count(a, "SELECT count(*) FROM workflow_executions WHERE status IN ('not_started', 'underway', "
                + "'snoozed') AND priority_score = 0")).isZero();
        // Strategic accounts (ARR of 1M or more) review 90 days before renewal; the others have no review date.
        long reviews = TestDatabaseSql.count(a, "SELECT count(*) FROM customers WHERE annual_review_date IS NOT NULL");
        assertThat(reviews).isBetween(40L, 200L); // ~1/6 of 600
        assertThat(TestDatabaseSql.count(a, "SELECT count(*) FROM customers WHERE (annual_review_date IS NOT NULL) <> (arr >= 1000000) "
                + "OR annual_review_date <> renewal_date - 90")).isZero();
        // Executions are assigned to their customer's CSM.
        assertThat(TestDatabaseSql.count(a, "SELECT count(*) FROM workflow_executions e JOIN customers c ON c.id = e.customer_id "
                + "WHERE e.assigned_csm_id <> c.csm_id")).isZero();

        // The scores computed in Java while generating are exactly what the SQL recompute computes.
        Cli.Run recompute = Cli.on(a).run("recompute");
        assertThat(recompute.exitCode()).as(recompute.toString()).isZero();
        assertThat(recompute.out()).contains(" 0 changed");

        Cli.Run again = Cli.on(a).run(args("42"));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("Synthetic data of seed 42 is already in the");
    }

    /**
     * Into empty tables the load drops their indexes and builds them again before its commit
     * (CopyLoader): afterwards every index is there, defined exactly as the migrations made it, and a
     * second load into the now populated tables (indexes kept) leaves them so too.
     */
    @Test
    void theIndexesAreTheMigrationsOwnAfterALoad(@EmptyDatabase TestDatabase db) throws Exception {
        assertThat(Cli.on(db).run("migrate").exitCode()).isZero();
        List<String> migrated = indexes(db);
        List<String> builtByMigrations = unconstrainedIndexOids(db);

        assertThat(Cli.on(db).run(args("42")).exitCode()).isZero();
        assertThat(indexes(db)).isEqualTo(migrated);
        // Every index that backs no constraint was dropped for the copy and built after it (none kept and
        // maintained row by row; the partial indexes with IN lists included): each has a new oid.
        List<String> afterLoad = unconstrainedIndexOids(db);
        assertThat(afterLoad).hasSameSizeAs(builtByMigrations).doesNotContainAnyElementsOf(builtByMigrations);
        assertThat(Cli.on(db).run(args("43")).exitCode()).isZero();
        assertThat(indexes(db)).isEqualTo(migrated);
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_executions")).isEqualTo(8000);
    }

    /**
     * Each index's definition and its stored predicate and expressions, without what PostgreSQL's comparison
     * of expressions ignores (source positions, how a cast was written).
     */
    private static List<String> indexes(TestDatabase db) throws SQLException {
        String ignored = "' :(location|relabelformat|coerceformat|funcformat|convertformat) -?[0-9]+'";
        return strings(db, "SELECT x.indexdef || ' | ' || coalesce(regexp_replace(i.indpred::text, " + ignored + ", '', 'g'), '')"
                + " || ' | ' || coalesce(regexp_replace(i.indexprs::text, " + ignored + ", '', 'g'), '')"
                + " FROM pg_indexes x JOIN pg_index i ON i.indexrelid = format('%I.%I', x.schemaname, x.indexname)::regclass"
                + " WHERE x.schemaname = 'public' ORDER BY x.tablename, x.indexname");
    }

    private static List<String> unconstrainedIndexOids(TestDatabase db) throws SQLException {
        return strings(db, "SELECT i.indexrelid::oid::text FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'"
                + " AND t.relname IN ('organizations', 'profiles', 'customers', 'customer_properties', 'contacts',"
                + " 'workflow_definitions', 'workflow_executions')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1");
    }

    private static List<String> strings(TestDatabase db, String query) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        return indexes;
    }

    @Test
    void sizesAreValidated(@EmptyDatabase TestDatabase db) {
        Cli.Run run = Cli.on(db).run("seed", "synthetic", "--organizations", "4", "--csms", "2", "--customers", "10",
                "--executions", "10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--csms: must be at least --organizations (4)");

        Cli.Run missing = Cli.on(db).run("seed", "synthetic", "--organizations", "1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required options").contains("--csms");
    }

    private static String[] args(String seed) {
        String[] all = java.util.Arrays.copyOf(SIZES, SIZES.length + 2);
        all[SIZES.length] = "--seed";
        all[SIZES.length + 1] = seed;
        return all;
    }
}
