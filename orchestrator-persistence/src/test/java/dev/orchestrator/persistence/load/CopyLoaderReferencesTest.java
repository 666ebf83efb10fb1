package dev.orchestrator.persistence.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * With the row-by-row foreign keys off (a superuser's bulk load), the commit checks every reference of
 * the loaded organizations in bulk: a broken one rolls the whole load back, naming the reference; a
 * whole load commits. Also the indexes dropped for the copy come back.
 */
@WithPostgres
class CopyLoaderReferencesTest {

    private final TestDatabase db;

    CopyLoaderReferencesTest(TestDatabase db) {
        this.db = db;
    }

    private record Ids(OrganizationId organization, ProfileId csm, ProfileId manager, CustomerId customer,
            DefinitionId definition) {
        static Ids fresh() {
            return new Ids(new OrganizationId(UUID.randomUUID()), new ProfileId(UUID.randomUUID()),
                    new ProfileId(UUID.randomUUID()), new CustomerId(UUID.randomUUID()), new DefinitionId(UUID.randomUUID()));
        }
    }

    @Test
    void aBrokenReferenceOfAnyKindRollsTheLoadBackNamingIt() throws Exception {
        long before = count("SELECT count(*) FROM organizations");
        List<Function<Ids, ExecutionEntry>> broken = List.of(
                ids -> execution(ids, ids.definition(), new CustomerId(UUID.randomUUID()), ids.csm()),
                ids -> execution(ids, new DefinitionId(UUID.randomUUID()), ids.customer(), ids.csm()),
                ids -> execution(ids, ids.definition(), ids.customer(), new ProfileId(UUID.randomUUID())));
        for (Function<Ids, ExecutionEntry> execution : broken) {
            Ids ids = Ids.fresh();
            LoadRejected rejected = catchThrowableOfType(() -> load(ids, execution.apply(ids)), LoadRejected.class);
            assertThat(rejected).isNotNull();
            assertThat(rejected.location()).isEqualTo("workflow_executions references");
            assertThat(rejected.reason()).isEqualTo("1 row(s) refer to a missing row");
        }
        assertThat(count("SELECT count(*) FROM organizations")).isEqualTo(before);

        Ids ids = Ids.fresh();
        load(ids, execution(ids, ids.definition(), ids.customer(), ids.csm()));
        assertThat(count("SELECT count(*) FROM workflow_executions WHERE organization_id = '"
                + ids.organization().value() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE tablename = 'workflow_executions'"
                + " AND indexname = 'workflow_executions_production_queue'")).isEqualTo(1);
    }

    private void load(Ids ids, ExecutionEntry execution) throws Exception {
        try (CopyLoader loader = CopyLoader.begin(db.dataSource(), true)) {
            assertThat(loader.referencesCheckedInBulk()).as("the test database's user is a superuser").isTrue();
            try (CopyLoader.Copy<OrganizationEntry> copy = loader.organizations()) {
                copy.add(new OrganizationEntry(ids.organization(), "References " + ids.organization().value()));
            }
            try (CopyLoader.Copy<Profile> copy = loader.profiles()) {
                copy.add(new Profile(ids.manager(), ids.organization(), "m-" + ids.manager().value() + "@example.com",
                        "Morgan Manager", Role.MANAGER, null, OptionalInt.empty()));
                copy.add(new Profile(ids.csm(), ids.organization(), "c-" + ids.csm().value() + "@example.com",
                        "Casey CSM", Role.CSM, ids.manager(), OptionalInt.empty()));
            }
            CustomerEntry customer = new CustomerEntry(ids.customer(), ids.organization(), "Acme", ids.csm(), null, null,
                    null, null, List.of());
            try (CopyLoader.Copy<CustomerEntry> copy = loader.customers()) {
                copy.add(customer);
            }
            try (CopyLoader.Copy<WorkflowDefinition> copy = loader.definitions()) {
                copy.add(new WorkflowDefinition(ids.definition(), ids.organization(), "Risk review", WorkflowType.RISK,
                        "", new TriggerConditions(JsonObject.EMPTY), 50, true, false));
            }
            try (CopyLoader.Copy<CopyLoader.ScoredExecution> copy = loader.executions(Instant.now())) {
                copy.add(new CopyLoader.ScoredExecution(execution, 50));
            }
            loader.commit(List.of(ids.organization().value()));
        }
    }

    private static ExecutionEntry execution(Ids ids, DefinitionId definition, CustomerId customer, ProfileId csm) {
        return new ExecutionEntry(new ExecutionId(UUID.randomUUID()), ids.organization(), definition, customer, csm,
                ExecutionStatus.NOT_STARTED, null, null, JsonObject.EMPTY, false, null);
    }

    private long count(String query) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
