package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.lifecycle.Action;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/customers} over real HTTP on PostgreSQL. */
class CustomerRoutesTest extends ApiTestBase {

    private Profile crm;

    @BeforeEach
    void integration() {
        crm = world.profile(Role.INTEGRATION, null, "crm");
    }

    private String body(Profile csm, Object... overrides) {
        Map<String, Object> body = map("name", "Globex", "csm_id", csm.id().toString(), "arr", 420000,
                "renewal_date", "2027-06-30",
                "properties", map("churn_risk_score", 8, "utilization_percent", 62.5),
                "contacts", List.of(map("name", "Hank", "email", "hank@globex.example", "relationship_strength", "weak")));
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return json(body);
    }

    @Test
    void anIntegrationCreatesACustomerAndItsWorkAppearsAtOnce() {
        WorkflowDefinition risk = definition("Churn save", WorkflowType.RISK, 900, map("risk_score_min", 6), false);
        String path = "/api/customers/" + UUID.randomUUID();

        ApiResponse created = exchange("PUT", path, body(world.csm), crm);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).contains("\"v0\"");
        assertThat(created.json().path("arr").decimalValue()).isEqualByComparingTo("420000");
        assertThat(created.json().path("properties").path("utilization_percent").decimalValue())
                .isEqualByComparingTo("62.5");
        assertThat(created.json().path("scores").path("risk").path("score").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(created.json().path("scores").path("risk").path("explanation").size()).isPositive();
        assertThat(created.json().path("work").path("created").findValuesAsText("workflow_definition_id"))
                .containsExactly(risk.id().toString());

        ApiResponse replaced = exchange("PUT", path, body(world.csm, "name", "Globex Corp"), crm,
                "If-Match", created.header("ETag").orElseThrow());
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.header("ETag")).contains("\"v1\"");
        assertThat(replaced.json().path("work").path("created").size()).isZero(); // one open execution is enough
    }

    @Test
    void aRenewalInsideADefinitionsWindowCreatesWorkDueOnTheRenewalDateShownInTheQueue() {
        // The clock says 2026-03-02: a renewal on 2026-03-20 is inside a 90-day window, a review on 2026-09-01 is not.
        WorkflowDefinition renewal = definition("Renewal prep", WorkflowType.RENEWAL, 600,
                map("renewal_within_days", 90), false);
        definition("Annual review", WorkflowType.STRATEGIC, 700, map("annual_review_within_days", 30), false);
        String path = "/api/customers/" + UUID.randomUUID();

        ApiResponse created = exchange("PUT", path, body(world.csm, "renewal_date", "2026-03-20",
                "annual_review_date", "2026-09-01", "properties", map("churn_risk_score", 1)), crm);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("annual_review_date").asText()).isEqualTo("2026-09-01");
        assertThat(get(path, crm).json().path("annual_review_date").asText()).isEqualTo("2026-09-01");
        assertThat(created.json().path("work").path("created").findValuesAsText("workflow_definition_id"))
                .containsExactly(renewal.id().toString());
        JsonNode item = get("/api/orchestrator/queue", world.csm).json().get(0);
        assertThat(item.path("workflow_definition").path("id").asText()).isEqualTo(renewal.id().toString());
        assertThat(item.path("due_at").asText()).isEqualTo("2026-03-20T00:00:00Z");
        assertThat(item.path("priority_explanation").findValuesAsText("detail"))
                .contains("due in 18 days (2026-03-20), within the 30-day window");
        ApiResponse snoozed = post("/api/orchestrator/executions/" + item.path("id").asText() + "/snooze",
                json(map("days", 2)), world.csm);
        assertThat(snoozed.json().path("execution").path("due_at").asText()).isEqualTo("2026-03-20T00:00:00Z");

        ApiResponse review = exchange("PATCH", path, json(map("annual_review_date", "2026-03-25")), crm);
        assertThat(review.status()).as(review.toString()).isEqualTo(200);
        assertThat(review.json().path("work").path("created")).hasSize(1);
        assertInvalid(exchange("PATCH", path, json(map("annual_review_date", "next spring")), crm),
                "annual_review_date");
    }

    @Test
    void aCustomerIsSeenByItsCsmTheirManagerAdminsAndIntegrationsOnly() {
        Customer customer = customer("Initech", world.csm);
        String path = "/api/customers/" + customer.id();

        for (Profile allowed : List.of(world.csm, world.manager, world.admin, crm)) {
            ApiResponse read = get(path, allowed);
            assertThat(read.status()).as(allowed.fullName() + ": " + read).isEqualTo(200);
            assertThat(read.header("ETag")).isPresent();
        }
        assertProblem(get(path, world.teammate), 404);
        assertProblem(get(path, world.outsider), 404);
        assertProblem(exchange("PUT", path, body(world.csm), world.csm), 403);
        assertProblem(get("/api/customers/" + otherCustomer().id(), world.admin), 404);
    }

    @Test
    void aNewCsmByPatchTakesTheOpenExecutionsWithAnEvent() {
        WorkflowExecution open = execution(world.csm, ExecutionStatus.NOT_STARTED);
        String path = "/api/customers/" + open.customerId();

        ApiResponse patched = exchange("PATCH", path, json(map("csm_id", world.teammate.id().toString())), crm);

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("csm_id").asText()).isEqualTo(world.teammate.id().toString());
        assertThat(patched.json().path("work").path("reassigned").asInt()).isEqualTo(1);
        assertThat(stored(open).assignedCsmId()).isEqualTo(world.teammate.id());
        assertThat(fixture.eventsOf(world.org, open.id())).last()
                .satisfies(e -> assertThat(e.action()).isEqualTo(Action.REASSIGN));
        assertProblem(exchange("PATCH", path, json(map("name", "x")), crm, "If-Match", "\"v0\""), 412);
    }

    @Test
    void customersArePagedByCursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(customer("Customer " + i, world.csm).id().toString());
        }
        ApiResponse first = get("/api/customers?limit=2", world.csm);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String cursor = first.json().path("next_cursor").asText();
        ApiResponse second = get("/api/customers?limit=2&cursor=" + cursor, world.csm);

        List<String> seen = new ArrayList<>(first.json().path("items").findValuesAsText("id"));
        seen.addAll(second.json().path("items").findValuesAsText("id"));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
        assertThat(get("/api/customers", world.teammate).json().path("items").size()).isZero();
        assertInvalid(get("/api/customers?limit=0", world.csm), "limit");
        assertInvalid(get("/api/customers?limt=2", world.csm), "limt");
        assertInvalid(get("/api/customers?cursor=x", world.csm), "cursor");
    }

    @Test
    void badCustomersAreRefusedNamingTheFieldAndNothingIsWritten() {
        World other = new World(fixture);
        String path = "/api/customers/" + UUID.randomUUID();
        assertInvalid(exchange("PUT", path, body(world.csm, "properties", map("churn_risk_score", 11)), crm),
                "properties.churn_risk_score");
        assertInvalid(exchange("PUT", path, body(world.csm, "arr", -1, "renewal_date", "2027-02-30"), crm),
                "arr", "renewal_date");
        assertInvalid(exchange("PUT", path, body(other.csm), crm), "csm_id");
        assertInvalid(exchange("PUT", path, body(world.csm, "contacts", List.of("Hank")), crm), "contacts[0]");
        assertInvalid(exchange("PUT", path, body(world.csm, "name", "Glo\u0000bex"), crm), "name");
        assertProblem(get(path, crm), 404);
        Customer theirs = other.customer(other.csm, null);
        assertProblem(exchange("PUT", "/api/customers/" + theirs.id(), body(world.csm), crm), 404);
        assertThat(get("/api/customers/" + theirs.id(), other.admin).json().path("name").asText())
                .isEqualTo(theirs.name());
    }

    private Customer otherCustomer() {
        World other = new World(fixture);
        return other.customer(other.csm, null);
    }
}
