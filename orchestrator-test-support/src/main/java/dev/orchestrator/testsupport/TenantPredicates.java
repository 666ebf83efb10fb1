package dev.orchestrator.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Citus-readiness of the adapters' SQL (docs/scaling.md): every statement that touches a tenant table
 * (one with an {@code organization_id} column) names the organization, so that a cluster distributing
 * those tables by {@code organization_id} can route it to one node. A read, update or delete needs an
 * {@code organization_id = …} / {@code IN (…)} / {@code = ANY(…)} predicate; an insert needs the column
 * in its list. Joins between tenant tables are judged by the statement as a whole (one predicate per
 * statement), which is what co-located tables need once the join is on {@code organization_id} too.
 *
 * <p>A textual check, not a parser: it reads the table names after FROM, JOIN, UPDATE and INTO, so a
 * tenant table reached only through a function or a view would escape it (the adapters have none).
 */
public final class TenantPredicates {

    private static final Pattern TABLE = Pattern.compile(
            "\\b(?:from|join|update|into)\\s+(?:only\\s+)?(?:\"?[a-z_]+\"?\\.)?\"?([a-z_][a-z0-9_]*)\"?");
    /**
     * A value the statement gives: a bind ({@code ?}, {@code $1}), a literal, or either cast. A join
     * condition between two tables' {@code organization_id} columns is not one: it keeps a join on one
     * node once the statement is routed, but does not route it.
     */
    private static final String VALUE = "(?:\\?|\\$\\d+|'[^']*'|cast\\s*\\(\\s*(?:\\?|\\$\\d+|'[^']*'))";
    private static final Pattern PREDICATE = Pattern.compile(
            "organization_id\"?\\s*(?:(?:=|is\\s+not\\s+distinct\\s+from)\\s*" + VALUE
                    + "|=\\s*any\\s*\\(\\s*" + VALUE + "|in\\s*\\(\\s*(?:" + VALUE + "|select\\b))"
                    + "|" + VALUE + "\\s*=\\s*(?:\"?[a-z_]+\"?\\.)*\"?organization_id\\b");

    /**
     * Adapter methods that ask across organizations on purpose, in every suite; docs/scaling.md ("Citus
     * on paper") says how each would run on a cluster distributed by organization.
     */
    public static final Set<String> CROSS_ORGANIZATION = Set.of(
            "JooqCatalogOwners#organizationsOf", // ids are global: is this id already another organization's?
            "JooqCatalogWrites#lock",            // the same question for one upsert, with the row locked
            "JooqProfileLookup#findCaller",      // authentication: the caller's profile by id, before its organization is known
            "load.CopyLoader#dropIndexesIfEmpty"); // seed synthetic: is a table empty, to load it without its indexes

    /** Tables with an organization_id that would stay on the coordinator, not distributed: the jobs' run log. */
    public static final Set<String> LOCAL_TABLES = Set.of("job_runs");

    private TenantPredicates() {
    }

    /** The tables of {@code database}'s schema that have an {@code organization_id} column. */
    public static Set<String> tenantTables(DataSource database) {
        Set<String> tables = new TreeSet<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.columns"
                        + " WHERE column_name = 'organization_id' AND table_schema = current_schema()")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the tenant tables: " + e.getMessage(), e);
        }
        return tables;
    }

    /**
     * The statements, by sender, that touch a tenant table without naming the organization; senders in
     * {@code crossOrganization} (the jobs that run over every organization on purpose) are left out.
     */
    public static Map<String, List<String>> violations(Collection<StatementRecorder.Recorded> statements,
            Set<String> tenantTables, Set<String> crossOrganization) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (StatementRecorder.Recorded statement : statements) {
            if (crossOrganization.contains(statement.sender())) {
                continue;
            }
            String sql = statement.sql().toLowerCase(Locale.ROOT);
            if (touchesTenantTable(sql, tenantTables) && !namesOrganization(sql)) {
                List<String> list = found.computeIfAbsent(statement.sender(), k -> new java.util.ArrayList<>());
                String shown = statement.sql().length() > 300 ? statement.sql().substring(0, 300) + "…" : statement.sql();
                if (!list.contains(shown)) {
                    list.add(shown);
                }
            }
        }
        return found;
    }

    static boolean touchesTenantTable(String sql, Set<String> tenantTables) {
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            if (tenantTables.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    static boolean namesOrganization(String sql) {
        if (sql.stripLeading().startsWith("insert")) {
            int values = sql.indexOf(" values");
            int select = sql.indexOf(" select");
            int end = values < 0 ? select : select < 0 ? values : Math.min(values, select);
            String head = end < 0 ? sql : sql.substring(0, end);
            return head.contains("organization_id") || PREDICATE.matcher(sql).find();
        }
        return PREDICATE.matcher(sql).find();
    }
}
