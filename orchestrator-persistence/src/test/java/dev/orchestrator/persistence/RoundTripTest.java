package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.port.out.ExecutionWriter.SaveResult;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.ExecutionId;
import dev.orchestrator.core.domain.json.JsonMergePatch;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.lifecycle.Lifecycle;
import dev.orchestrator.core.domain.lifecycle.Transition;
import dev.orchestrator.core.domain.lifecycle.TransitionResult;
import dev.orchestrator.core.domain.queue.QueueEntry;
import dev.orchestrator.core.domain.signals.CustomerSignals;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.persistence.testing.PostgresFixture;
import dev.orchestrator.persistence.testing.TestPools;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the real adapter risks and the contracts do not pin down: JSON, time precision, odd rows. */
@WithPostgres
class RoundTripTest {

    private static HikariDataSource pool;

    private final PostgresFixture fixture = new PostgresFixture(pool);
    private final OutboundPorts ports = fixture.ports();
    private final World world = new World(fixture);

    @BeforeAll
    static void openPool(TestDatabase db) {
        pool = TestPools.pool(db.dataSource());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    private static JsonObject nestedData() {
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("tone", "warm");
        notes.put("score", 7);
        notes.put("ratio", 0.25);
        notes.put("big", 12_345_678_901L);
        notes.put("done", true);
        notes.put("missing", null);
        notes.put("steps", Arrays.asList(1, "two", false, null, List.of(3.5), Map.of("k", "v")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", 1);
        data.put("notes", notes);
        data.put("empty", Map.of());
        data.put("unicode", "Ünïcødé ✓ \"quoted\" \\ back");
        return new JsonObject(data);
    }

    @Test
    void nestedExecutionDataAndMicrosecondTimestampsSurviveAWriteAndARead() {
        Customer customer = world.customer(world.csm, World.signals(2, 4, 60));
        WorkflowDefinition definition = world.definition(WorkflowType.RISK, 900, Map.of("risk_score_min", 5), false);
        Instant created = Instant.parse("2026-03-02T09:00:00.123456Z");
        WorkflowExecution stored = World.withStatus(WorkflowExecution.create(ExecutionId.of(world.nextUuid()), world.org,
                definition.id(), customer.id(), world.csm.id(), false, 900, created), ExecutionStatus.UNDERWAY, created)
                .change().executionData(nestedData()).at(created);
        fixture.givenExecution(stored);

        QueueEntry read = ports.executions().findExecution(world.org, stored.id()).orElseThrow();

        assertThat(read.execution()).isEqualTo(stored);
        assertThat(read.execution().executionData()).isEqualTo(nestedData());
        assertThat(read.execution().createdAt()).isEqualTo(created);
    }

    @Test
    void aTransitionWritesPatchedDataAndMicrosecondTimesThatReadBackEqual() {
        Customer customer = world.customer(world.csm, null);
        WorkflowDefinition definition = world.definition(WorkflowType.OPPORTUNITY, 800, Map.of(), false);
        Instant created = Instant.parse("2026-03-02T09:00:00.000001Z");
        WorkflowExecution stored = world.execution(definition, customer, world.csm, ExecutionStatus.UNDERWAY, 800, created);
        Instant at = Instant.parse("2026-03-02T10:15:30.654321Z");
        // A merge patch's nulls delete keys, so the patch carries none; everything else is in it.
        JsonObject patch = JsonMergePatch.apply(nestedData(), JsonObject.of(Map.of("notes", new LinkedHashMap<>(
                Map.of("tone", "warm")))));
        TransitionResult.Applied applied = (TransitionResult.Applied) Lifecycle.apply(stored, new Transition.Snooze(4),
                patch, world.csm.id(), at);

        SaveResult result = ports.writer().saveTransition(applied.execution(), stored.status(), stored.version(),
                applied.event());

        assertThat(result).isEqualTo(new SaveResult.Saved(applied.execution()));
        assertThat(applied.execution().executionData().values()).containsKeys("step", "notes", "empty", "unicode");
        assertThat(ports.executions().findExecution(world.org, stored.id()).orElseThrow().execution())
                .isEqualTo(applied.execution());
        assertThat(applied.execution().snoozedAt()).isEqualTo(at);
        assertThat(fixture.storedExecution(world.org, stored.id())).contains(applied.execution());
        assertThat(fixture.eventsOf(world.org, stored.id())).containsExactly(applied.event());
    }

    @Test
    void definitionsKeepTheirTriggerConditionsAsStored() {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("order", 3);
        conditions.put("risk_score_min", "6.5");
        conditions.put("workflow_id", "wf-7");
        conditions.put("extra", Map.of("nested", List.of(1, 2)));
        WorkflowDefinition demo = world.definition(WorkflowType.STRATEGIC, 700, conditions, true);

        assertThat(ports.definitions().activeDemoDefinitions(world.org)).containsExactly(demo);
    }

    @Test
    void signalsOfACustomerWithAStrongContactButNoPropertiesRowCountTheContact() throws Exception {
        Customer customer = world.customer(world.csm, null);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO contacts (organization_id, customer_id, name, relationship_strength) VALUES ('"
                    + world.org + "', '" + customer.id() + "', 'Ada', 'strong')");
        }

        CustomerSignals signals = ports.customers().signalsOf(world.org, customer.id());

        assertThat(signals).isEqualTo(new CustomerSignals(null, null, null, null, null, null, null, null, null, true));
    }

    @Test
    void decimalSignalsKeepTheirScale() {
        CustomerSignals signals = new CustomerSignals(0, 0, 0, 0, new BigDecimal("0.00"), new BigDecimal("-99.99"),
                new BigDecimal("100.00"), new BigDecimal("0.01"), new BigDecimal("-12.30"), true);
        Customer customer = world.customer(world.csm, signals);

        assertThat(ports.customers().signalsOf(world.org, customer.id())).isEqualTo(signals);
    }
}
