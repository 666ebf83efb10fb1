package dev.orchestrator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The check the HTTP suite applies to every adapter statement (TestBackend): what passes, what is caught. */
class TenantPredicatesTest {

    private static final Set<String> TENANT = Set.of("customers", "workflow_executions", "profiles");

    @Test
    void aStatementNamingTheOrganizationPasses() {
        assertThat(caught("select \"customers\".\"id\" from \"customers\" where (\"customers\".\"organization_id\" = cast(? as uuid)"
                + " and \"customers\".\"id\" = cast(? as uuid))")).isEmpty();
        assertThat(caught("update workflow_executions e set priority_score = s.score from s"
                + " where e.organization_id = any(?) and e.id = s.id")).isEmpty();
        assertThat(caught("select * from workflow_executions e join customers c on c.organization_id = e.organization_id"
                + " and c.id = e.customer_id where e.organization_id in (?, ?)")).isEmpty();
        assertThat(caught("insert into \"customers\" (\"id\", \"organization_id\", \"name\") values (?, ?, ?)"
                + " on conflict (\"id\") do update set \"name\" = excluded.\"name\"")).isEmpty();
        assertThat(caught("select set_config('orchestrator.organization_id', ?, true)")).isEmpty();
        assertThat(caught("select * from customers where organization_id = '7e579008-0001-4000-8000-000000000001'::uuid"))
                .as("an inlined literal").isEmpty();
        assertThat(caught("select * from customers where ? = customers.organization_id")).isEmpty();
        assertThat(caught("select * from job_runs where id = ?")).as("not a tenant table here").isEmpty();
    }

    @Test
    void aStatementOnATenantTableWithoutTheOrganizationIsCaught() {
        assertThat(caught("select \"customers\".\"version\" from \"customers\" where \"customers\".\"id\" = cast(? as uuid)"))
                .hasSize(1);
        assertThat(caught("update profiles set manager_id = m.manager_id from (values (?, ?)) m (id, manager_id)"
                + " where profiles.id = m.id")).hasSize(1);
        assertThat(caught("select organization_id from workflow_executions where id = ?"))
                .as("the column selected is not a predicate").hasSize(1);
        assertThat(caught("insert into workflow_executions (id, customer_id) values (?, ?)")).hasSize(1);
        assertThat(caught("delete from \"public\".\"customers\" where id = ?")).hasSize(1);
        assertThat(caught("select * from workflow_executions e join customers c on c.organization_id = e.organization_id"
                + " where e.id = ?")).as("a join on the column names no organization").hasSize(1);
    }

    @Test
    void crossOrganizationSendersAreLeftOut() {
        StatementRecorder.Recorded lookup = new StatementRecorder.Recorded(
                "select organization_id from profiles where id = ?", "JooqProfileLookup#findCaller");
        assertThat(TenantPredicates.violations(List.of(lookup), TENANT, Set.of("JooqProfileLookup#findCaller"))).isEmpty();
        assertThat(TenantPredicates.violations(List.of(lookup), TENANT, Set.of()))
                .containsOnlyKeys("JooqProfileLookup#findCaller");
    }

    private static Map<String, List<String>> caught(String sql) {
        return TenantPredicates.violations(List.of(new StatementRecorder.Recorded(sql, "Adapter#method")), TENANT, Set.of());
    }

    @Test
    void aLambdasStatementIsNamedByTheMethodItIsWrittenIn() {
        assertThat(StatementRecorder.enclosingMethod("lambda$interpret$1")).isEqualTo("interpret");
        assertThat(StatementRecorder.enclosingMethod("interpret")).isEqualTo("interpret");
    }
}
