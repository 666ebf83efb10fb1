package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.testing.World;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DemoRoutesTest extends ApiTestBase {

    private static final String INITIALIZE = "/api/orchestrator/demo/initialize";
    private static final String STATUS = "/api/orchestrator/demo/status";

    @Test
    void initialize_creates_the_sequence_once_201_then_200_with_the_same_ids() {
        demoDefinitions();
        Customer customer = customer("Obsidian Black", world.csm);

        ApiResponse first = post(INITIALIZE, json(map("customer_id", customer.id().toString())), world.csm);
        ApiResponse second = post(INITIALIZE, json(map("customer_id", customer.id().toString())), world.csm);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("execution_ids")).hasSize(3);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(fixture.storedExecutions(world.org)).hasSize(3)
                .allSatisfy(e -> assertThat(e.assignedCsmId()).isEqualTo(world.csm.id()));
    }

    @Test
    void a_manager_may_initialize_for_a_report_but_a_csm_not_for_a_teammate() {
        demoDefinitions();
        Customer customer = customer("Obsidian Black", world.csm);
        ApiResponse byManager = post(INITIALIZE,
                json(map("customer_id", customer.id().toString(), "csm_id", world.csm.id().toString())), world.manager);
        assertThat(byManager.status()).as(byManager.toString()).isEqualTo(201);
        assertThat(fixture.storedExecutions(world.org)).allSatisfy(e -> assertThat(e.assignedCsmId()).isEqualTo(world.csm.id()));

        assertProblem(post(INITIALIZE,
                json(map("customer_id", customer.id().toString(), "csm_id", world.teammate.id().toString())), world.csm), 403);
    }

    @Test
    void an_unknown_customer_or_one_of_another_organization_is_404() {
        demoDefinitions();
        assertProblem(post(INITIALIZE, json(map("customer_id", UUID.randomUUID().toString())), world.csm), 404);
        World other = new World(fixture);
        Customer foreign = other.customer(other.csm, null);
        assertProblem(post(INITIALIZE, json(map("customer_id", foreign.id().toString())), world.csm), 404);
    }

    @Test
    void bad_bodies_are_400_naming_the_field() {
        assertInvalid(post(INITIALIZE, "{}", world.csm), "customer_id");
        assertInvalid(post(INITIALIZE, json(map("customer_id", "nope")), world.csm), "customer_id");
        assertInvalid(post(INITIALIZE, json(map("customer_id", 42)), world.csm), "customer_id");
        assertInvalid(post(INITIALIZE, json(map("customer_id", UUID.randomUUID().toString(), "is_demo", false)), world.csm),
                "is_demo");
        assertInvalid(post(INITIALIZE, json(map("customer_id", UUID.randomUUID().toString(), "csm_id", "x")), world.csm),
                "csm_id");
        assertProblem(post(INITIALIZE, "{\"customer_id\":", world.csm), 400);
        assertProblem(post(INITIALIZE, "[]", world.csm), 400);
        assertProblem(post(INITIALIZE, "", world.csm), 400);
    }

    @Test
    void status_reports_total_completed_current_and_next() {
        demoDefinitions();
        Customer customer = customer("Obsidian Black", world.csm);
        ApiResponse empty = get(STATUS, world.csm);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("total").asInt()).isZero();
        assertThat(empty.json().path("current").isNull()).isTrue();
        assertThat(empty.json().path("next").isNull()).isTrue();

        post(INITIALIZE, json(map("customer_id", customer.id().toString())), world.csm);
        JsonNode status = get(STATUS, world.csm).json();

        assertThat(status.path("total").asInt()).isEqualTo(3);
        assertThat(status.path("completed").asInt()).isZero();
        assertThat(status.path("current").path("workflow_definition").path("name").asText())
                .isEqualTo("Complete Strategic Account Plan");
        assertThat(status.path("current").path("priority_label").asText()).isNotBlank();
        assertThat(status.path("next").path("workflow_definition").path("name").asText()).isEqualTo("Expansion Opportunity");
        assertThat(status.path("next").path("customer").path("name").asText()).isEqualTo("Obsidian Black");
    }

    @Test
    void status_of_someone_elses_demo_is_403_and_a_bad_csm_id_400() {
        assertProblem(get(STATUS + "?csm_id=" + world.teammate.id(), world.csm), 403);
        assertThat(get(STATUS + "?csm_id=" + world.csm.id(), world.manager).status()).isEqualTo(200);
        assertInvalid(get(STATUS + "?csm_id=abc", world.csm), "csm_id");
    }
}
