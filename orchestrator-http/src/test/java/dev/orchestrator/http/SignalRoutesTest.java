package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PATCH /api/customers/{id}/signals} and {@code POST /api/signals:batch} over real HTTP on PostgreSQL. */
class SignalRoutesTest extends ApiTestBase {

    private Profile crm;
    private WorkflowDefinition risk;

    @BeforeEach
    void setUp() {
        crm = world.profile(Role.INTEGRATION, null, "crm");
        risk = definition("Churn save", WorkflowType.RISK, 900, map("risk_score_min", 9), false);
    }

    private Customer calm() {
        Customer customer = new Customer(dev.orchestrator.core.domain.ids.CustomerId.of(world.nextUuid()), world.org,
                "Calm Co", world.csm.id());
        fixture.givenCustomer(customer, World.signals(1, 1, 90));
        return customer;
    }

    private ApiResponse batch(String ndjson, Profile as, String... headers) {
        HttpRequest.Builder builder = request("/api/signals:batch", as).header("Content-Type", "application/x-ndjson");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(ndjson)).build());
    }

    @Test
    void aSignalUpdateReScoresAndCreatesTheWorkItCallsFor() {
        Customer customer = calm();
        String path = "/api/customers/" + customer.id() + "/signals";

        ApiResponse updated = exchange("PATCH", path, json(map("churn_risk_score", 10)), crm);

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("work").path("created").findValuesAsText("workflow_definition_id"))
                .containsExactly(risk.id().toString());
        var signals = fixture.ports().customers().signalsOf(world.org, customer.id());
        assertThat(signals.churnRiskScore()).isEqualTo(10);
        assertThat(signals.usageScore()).isEqualTo(90); // untouched

        ApiResponse cleared = exchange("PATCH", path, json(map("usage_score", null)), crm);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(fixture.ports().customers().signalsOf(world.org, customer.id()).usageScore()).isNull();
    }

    @Test
    void badSignalUpdatesAreRefused() {
        Customer customer = calm();
        String path = "/api/customers/" + customer.id() + "/signals";
        assertInvalid(exchange("PATCH", path, json(map("churn_risk_score", 11, "mood", "bad")), crm),
                "churn_risk_score", "mood");
        assertInvalid(exchange("PATCH", path, json(map("usage_score", "high")), crm), "usage_score");
        assertProblem(exchange("PATCH", "/api/customers/" + UUID.randomUUID() + "/signals", json(map()), crm), 404);
        assertProblem(exchange("PATCH", "/api/customers/" + otherCustomer().id()
                + "/signals", json(map("usage_score", 1)), crm), 404);
        assertProblem(exchange("PATCH", path, json(map("usage_score", 1)), world.csm), 403);
        assertThat(fixture.ports().customers().signalsOf(world.org, customer.id()).usageScore()).isEqualTo(90);
    }

    @Test
    void aBatchAppliesEveryGoodLineAndNamesEachBadOne() {
        Customer a = calm();
        Customer b = calm();
        String ndjson = String.join("\n",
                json(map("customer_id", a.id().toString(), "signals", map("churn_risk_score", 10))),
                "{not json",
                json(map("customer_id", UUID.randomUUID().toString(), "signals", map("usage_score", 5))),
                "",
                json(map("customer_id", b.id().toString(), "signals", map("usage_score", 500))),
                json(map("customer_id", b.id().toString(), "signals", map("health_score", 12))));

        ApiResponse report = batch(ndjson, crm);

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.json().path("lines").asInt()).isEqualTo(5);
        assertThat(report.json().path("applied").asInt()).isEqualTo(2);
        assertThat(report.json().path("rejected").asInt()).isEqualTo(3);
        assertThat(report.json().path("created").asInt()).isEqualTo(1);
        assertThat(report.json().path("problems").findValues("line")).extracting(n -> n.asInt())
                .containsExactly(2, 3, 5);
        assertThat(report.json().path("problems").get(2).path("field").asText()).isEqualTo("signals.usage_score");
        assertThat(fixture.ports().customers().signalsOf(world.org, b.id()).healthScore()).isEqualTo(12);
        assertThat(fixture.ports().customers().signalsOf(world.org, b.id()).usageScore()).isEqualTo(90);
        assertProblem(batch(ndjson, world.manager), 403);
        assertProblem(send(request("/api/signals:batch", crm).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a,b")).build()), 415);
    }

    @Test
    void aRetriedBatchWithItsIdempotencyKeyIsAnsweredAgainNotAppliedAgain() {
        Customer a = calm();
        String ndjson = json(map("customer_id", a.id().toString(), "signals", map("churn_risk_score", 10))) + "\n";
        String key = UUID.randomUUID().toString();

        ApiResponse first = batch(ndjson, crm, "Idempotency-Key", key);
        exchange("PATCH", "/api/customers/" + a.id() + "/signals", json(map("churn_risk_score", 2)), crm);
        ApiResponse retried = batch(ndjson, crm, "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.header("Idempotent-Replayed")).contains("true");
        assertThat(fixture.ports().customers().signalsOf(world.org, a.id()).churnRiskScore()).isEqualTo(2);
        assertProblem(batch(ndjson + ndjson, crm, "Idempotency-Key", key), 422);
    }

    private Customer otherCustomer() {
        World other = new World(fixture);
        return other.customer(other.csm, null);
    }
}
