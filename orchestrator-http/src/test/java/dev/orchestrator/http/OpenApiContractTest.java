package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orchestrator.core.application.port.in.RunDailyJob;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.jobs.JobTrigger;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.World;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * openapi.json against the real service: every documented operation is exercised, and every real
 * response (successes and problems) must be documented for its status and match its schema.
 */
class OpenApiContractTest extends ApiTestBase {

    private record Exchange(String method, String template, ApiResponse response) {
    }

    private final List<Exchange> exchanges = new ArrayList<>();

    private JsonNode document() {
        ApiResponse response = get("/openapi.json", null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private ApiResponse call(String method, String template, String path, String body, Profile as) {
        HttpRequest.Builder builder = request(path, as);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        ApiResponse response = send(builder.build());
        exchanges.add(new Exchange(method.toLowerCase(Locale.ROOT), template, response));
        return response;
    }

    /** A definition with depends_on, a blocked execution's detail, its refused start (409 blocked), its events after release. */
    private void exerciseDependencies(String exec, String views) {
        WorkflowDefinition review = definition("Strategic review", WorkflowType.STRATEGIC, 700, map(), false);
        ApiResponse upsellDefinition = call("POST", "/api/orchestrator/definitions", "/api/orchestrator/definitions",
                json(map("name", "Upsell", "workflow_type", "opportunity", "depends_on", List.of(review.id().toString(),
                        map("definition_id", review.id().toString())))), world.admin);
        assertThat(upsellDefinition.status()).isEqualTo(400);
        ApiResponse created = call("POST", "/api/orchestrator/definitions", "/api/orchestrator/definitions",
                json(map("name", "Upsell", "workflow_type", "opportunity", "depends_on", List.of(map("definition_id",
                        review.id().toString(), "completed_within_days", 30, "while_open", "wait")))), world.admin);
        WorkflowDefinition upsell = new WorkflowDefinition(
                dev.orchestrator.core.domain.ids.DefinitionId.parse(created.json().path("id").asText()), world.org,
                "Upsell", WorkflowType.OPPORTUNITY, null, null, 800, true, false);
        Customer customer = customer("Initech", world.csm);
        WorkflowExecution open = world.execution(review, customer, world.csm, ExecutionStatus.UNDERWAY, 700, World.T0);
        WorkflowExecution blocked = world.execution(upsell, customer, world.csm, ExecutionStatus.NOT_STARTED, 800,
                World.T0);
        call("GET", views + "/{id}", views + "/" + blocked.id(), null, world.csm);
        call("PATCH", exec + "status", exec.replace("{id}", blocked.id().toString()) + "status",
                json(map("status", "underway")), world.csm);
        call("PATCH", exec + "status", exec.replace("{id}", open.id().toString()) + "status",
                json(map("status", "completed")), world.csm);
        call("GET", views + "/{id}/events", views + "/" + blocked.id() + "/events", null, world.csm);
    }

    private void exerciseEveryRoute() {
        String exec = "/api/orchestrator/executions/{id}/";
        call("GET", "/health/live", "/health/live", null, null);
        call("GET", "/health/ready", "/health/ready", null, null);
        call("GET", "/openapi.json", "/openapi.json", null, null);
        call("GET", "/info", "/info", null, null);
        call("GET", "/metrics", "/metrics", null, null);

        demoDefinitions();
        Customer obsidian = customer("Obsidian Black", world.csm);
        call("GET", "/api/dashboard/today-workflows", "/api/dashboard/today-workflows?demo=true", null, world.csm);
        ApiResponse init = call("POST", "/api/orchestrator/demo/initialize", "/api/orchestrator/demo/initialize",
                json(map("customer_id", obsidian.id().toString())), world.csm);
        call("POST", "/api/orchestrator/demo/initialize", "/api/orchestrator/demo/initialize",
                json(map("customer_id", obsidian.id().toString())), world.csm);
        call("POST", "/api/orchestrator/demo/initialize", "/api/orchestrator/demo/initialize",
                json(map("customer_id", UUID.randomUUID().toString())), world.csm);
        call("GET", "/api/orchestrator/demo/status", "/api/orchestrator/demo/status", null, world.csm);
        call("GET", "/api/orchestrator/queue", "/api/orchestrator/queue?demo=true", null, world.csm);
        call("GET", "/api/orchestrator/queue", "/api/orchestrator/queue?limit=0", null, world.csm);
        call("GET", "/api/orchestrator/queue", "/api/orchestrator/queue", null, null);
        call("GET", "/api/orchestrator/queue", "/api/orchestrator/queue?csm_id=" + world.teammate.id(), null, world.csm);
        call("GET", "/api/dashboard/today-workflows", "/api/dashboard/today-workflows?demo=true", null, world.csm);

        String first = init.json().path("execution_ids").get(0).asText();
        call("PATCH", exec + "status", exec.replace("{id}", first) + "status",
                json(map("status", "underway", "execution_data", map("step", 1))), world.csm);
        call("PATCH", exec + "status", exec.replace("{id}", first) + "status", json(map("status", "not_started")), world.csm);
        call("PATCH", exec + "status", exec.replace("{id}", first) + "status", json(map("status", "nope")), world.csm);

        WorkflowExecution e = execution(world.csm, ExecutionStatus.NOT_STARTED);
        String id = e.id().toString();
        String views = "/api/orchestrator/executions";
        call("POST", exec + "escalate", exec.replace("{id}", id) + "escalate",
                json(map("escalation_user_id", world.manager.id().toString())), world.csm);
        String ack = exec + "escalation/acknowledge";
        String resolve = exec + "escalation/resolve";
        call("POST", ack, ack.replace("{id}", id), json(map("note", "on it")), world.manager);
        call("POST", ack, ack.replace("{id}", id), "", world.manager);
        call("POST", ack, ack.replace("{id}", id), json(map("note", "")), world.manager);
        call("POST", resolve, resolve.replace("{id}", id), "", world.csm);
        call("POST", resolve, resolve.replace("{id}", id), "", world.outsider);
        call("POST", resolve, resolve.replace("{id}", id), json(map("note", "sorted")), world.manager);
        call("GET", views + "/{id}", views + "/" + id, null, world.csm);
        call("GET", "/api/orchestrator/settings", "/api/orchestrator/settings", null, world.admin);
        call("GET", "/api/orchestrator/settings", "/api/orchestrator/settings", null, world.csm);
        call("PUT", "/api/orchestrator/settings", "/api/orchestrator/settings",
                json(map("escalation_ack_target_hours", 0)), world.admin);
        call("PUT", "/api/orchestrator/settings", "/api/orchestrator/settings",
                json(map("escalation_ack_target_hours", 48, "assignment_pool", List.of(world.csm.id().toString()),
                        "assignment_strategy", "round_robin", "rebalance_load", "open")), world.admin);
        call("POST", exec + "snooze", exec.replace("{id}", id) + "snooze", json(map("days", 3)), world.csm);
        call("POST", exec + "snooze", exec.replace("{id}", id) + "snooze", json(map("days", 3)), world.outsider);
        call("POST", exec + "skip", exec.replace("{id}", id) + "skip", json(map("reason", "covered elsewhere")), world.csm);
        call("POST", exec + "skip", exec.replace("{id}", id) + "skip", json(map("reason", "again")), world.csm);
        WorkflowExecution coded = execution(world.csm, ExecutionStatus.NOT_STARTED);
        String codedId = coded.id().toString();
        call("POST", exec + "snooze", exec.replace("{id}", codedId) + "snooze",
                json(map("days", 2, "reason_code", "waiting_on_customer", "note", "on holiday")), world.csm);
        call("POST", exec + "skip", exec.replace("{id}", codedId) + "skip",
                json(map("reason_code", "duplicate", "note", "see the renewal")), world.csm);
        call("POST", exec + "skip", exec.replace("{id}", codedId) + "skip", json(map("reason_code", "nope")), world.csm);
        call("GET", "/api/orchestrator/executions/{id}/events",
                "/api/orchestrator/executions/" + codedId + "/events", null, world.csm);
        call("GET", "/api/orchestrator/reasons", "/api/orchestrator/reasons", null, world.csm);
        call("GET", "/api/orchestrator/reasons", "/api/orchestrator/reasons?x=1", null, world.csm);
        call("PUT", "/api/orchestrator/reasons", "/api/orchestrator/reasons",
                json(map("items", List.of(map("code", "lost_budget", "kind", "skip", "label", "Lost budget")))),
                world.csm);
        call("PUT", "/api/orchestrator/reasons", "/api/orchestrator/reasons",
                json(map("items", List.of(map("code", "a", "kind", "skip", "label", "A"),
                        map("code", "a", "kind", "skip", "label", "B")))), world.admin);
        call("PUT", "/api/orchestrator/reasons", "/api/orchestrator/reasons",
                json(map("items", List.of(map("code", "lost_budget", "kind", "skip", "label", "Lost budget")))),
                world.admin);
        call("GET", "/api/orchestrator/queue", "/api/orchestrator/queue", null, world.csm);
        call("GET", views, views + "?status=skipped&limit=1", null, world.csm);
        call("GET", views, views + "?escalated_to=me", null, world.manager);
        call("GET", views, views + "?sort=name&stauts=x", null, world.csm);
        call("GET", views + "/{id}", views + "/" + id, null, world.manager);
        call("GET", views + "/{id}", views + "/" + id, null, world.outsider);
        call("GET", views + "/{id}/events", views + "/" + id + "/events?limit=2", null, world.csm);
        call("GET", views + "/{id}/events", views + "/" + id + "/events?cursor=x", null, world.csm);
        call("GET", views + "/{id}/events", views + "/" + id + "/events", null, world.outsider);
        exerciseTeamRoutes(id);
        exerciseDependencies(exec, views);
        execution(world.csm, ExecutionStatus.UNDERWAY);
        call("GET", "/api/orchestrator/queue", "/api/orchestrator/queue", null, world.csm);
        call("GET", "/api/dashboard/today-workflows", "/api/dashboard/today-workflows", null, world.csm);

        exerciseManagementRoutes();

        jobs.runDailyJob().run(new RunDailyJob.Request(Optional.of(world.org), "openapi-test:1", JobTrigger.MANUAL));
        call("GET", "/api/admin/jobs", "/api/admin/jobs", null, world.admin);
        call("GET", "/api/admin/jobs", "/api/admin/jobs", null, world.csm);
    }

    /** The team view, bulk actions and reassignment ({@code skipped}: an execution that is skipped). */
    private void exerciseTeamRoutes(String skipped) {
        String team = "/api/orchestrator/team";
        // A capacity for the CSM (1) and the teammate: the team view shows load, and rebalancing has a move.
        execution(world.csm, ExecutionStatus.NOT_STARTED);
        execution(world.csm, ExecutionStatus.NOT_STARTED);
        for (var p : List.of(world.csm, world.teammate)) {
            call("PUT", "/api/profiles/{id}", "/api/profiles/" + p.id(), json(map("email", p.email(), "full_name",
                    p.fullName(), "role", "csm", "manager_id", world.manager.id().toString(), "capacity",
                    p == world.csm ? 1 : 50)), world.admin);
        }
        call("GET", team, team, null, world.manager);
        String rebalance = team + "/rebalance";
        call("POST", rebalance, rebalance + "?dry_run=true", null, world.manager);
        call("POST", rebalance, rebalance + "?dry_run=false", null, world.admin);
        call("POST", rebalance, rebalance + "?dry_run=yes", null, world.manager);
        call("POST", rebalance, rebalance, null, world.csm);
        call("GET", team, team + "?csm_id=" + world.outsider.id(), null, world.manager);
        call("GET", team, team + "?csm=x", null, world.manager);
        call("GET", team, team, null, world.csm);
        String analytics = "/api/orchestrator/analytics";
        call("GET", analytics, analytics + "?group_by=csm", null, world.manager);
        call("GET", analytics, analytics + "?group_by=week&from=2026-01-01&to=2026-03-31", null, world.admin);
        call("GET", analytics, analytics, null, world.csm);
        call("GET", analytics, analytics + "?group_by=team&from=yesterday", null, world.manager);
        String bulk = "/api/orchestrator/executions/bulk";
        String open = execution(world.csm, ExecutionStatus.NOT_STARTED).id().toString();
        call("POST", bulk, bulk, json(map("action", "escalate", "ids", List.of(open, skipped, UUID.randomUUID().toString(),
                open), "params", map("escalation_user_id", world.manager.id().toString()))), world.csm);
        call("POST", bulk, bulk, json(map("action", "escalate", "ids", List.of(open), "params",
                map("escalation_user_id", world.csm.id().toString()))), world.csm);
        call("POST", bulk, bulk, json(map("action", "snooze", "filter", map("status", List.of("not_started")),
                "params", map("days", 2))), world.csm);
        call("POST", bulk, bulk, json(map("action", "snooze", "ids", List.of(open), "params", map("days", 0))), world.csm);
        call("POST", bulk, bulk, json(map("action", "reassign", "ids", List.of(open), "params",
                map("csm_id", world.teammate.id().toString()))), world.csm);
        String reassign = "/api/orchestrator/executions/{id}/reassign";
        call("POST", reassign, reassign.replace("{id}", open), json(map("csm_id", world.teammate.id().toString())),
                world.manager);
        call("POST", reassign, reassign.replace("{id}", open), json(map("csm_id", world.teammate.id().toString())),
                world.manager);
        call("POST", reassign, reassign.replace("{id}", skipped), json(map("csm_id", world.teammate.id().toString())),
                world.manager);
        call("POST", reassign, reassign.replace("{id}", open), json(map("csm_id", world.csm.id().toString())),
                world.csm);
        call("POST", reassign, reassign.replace("{id}", UUID.randomUUID().toString()),
                json(map("csm_id", world.csm.id().toString())), world.manager);
    }

    private void exerciseManagementRoutes() {
        Profile crm = world.profile(dev.orchestrator.core.domain.access.Role.INTEGRATION, null, "crm");
        String defs = "/api/orchestrator/definitions";
        ApiResponse created = call("POST", defs, defs, json(map("name", "Churn save", "workflow_type", "risk",
                "trigger_conditions", map("risk_score_min", 6))), world.admin);
        call("POST", defs, defs, json(map("name", "x", "workflow_type", "risk", "trigger_conditions",
                map("risk", 6))), world.admin);
        call("POST", defs, defs, json(map("name", "x", "workflow_type", "risk")), world.csm);
        call("GET", defs, defs, null, world.csm);
        String def = defs + "/" + created.json().path("id").asText();
        call("GET", defs + "/{id}", def, null, world.csm);
        call("GET", defs + "/{id}", defs + "/" + UUID.randomUUID(), null, world.csm);
        call("PUT", defs + "/{id}", def, json(map("name", "Churn save", "workflow_type", "risk", "priority_weight",
                950)), world.admin);
        call("PATCH", defs + "/{id}", def, json(map("priority_weight", 960)), world.admin);
        exchanges.add(new Exchange("patch", defs + "/{id}", exchange("PATCH", def, json(map("name", "y")), world.admin,
                "If-Match", "\"v0\"")));
        call("DELETE", defs + "/{id}", def, null, world.admin);

        String policies = "/api/orchestrator/policies";
        call("GET", policies, policies, null, world.csm);
        call("GET", policies + "/history", policies + "/history", null, world.csm);
        call("PUT", policies, policies, json(map("priority_policy", map("type_tiers", map("risk", 900)))), world.admin);
        call("PUT", policies, policies, "{}", world.csm);
        call("PUT", policies, policies, "{}", world.admin);
        call("GET", policies, policies, null, world.csm);
        call("GET", policies + "/history", policies + "/history", null, world.csm);
        call("POST", "/api/orchestrator/simulations", "/api/orchestrator/simulations", json(map("top_n", 3)),
                world.admin);
        call("POST", "/api/orchestrator/simulations", "/api/orchestrator/simulations", json(map("top_n", 0)),
                world.admin);
        call("POST", "/api/orchestrator/simulations", "/api/orchestrator/simulations", "{}", world.csm);

        String customerId = UUID.randomUUID().toString();
        String customer = "/api/customers/" + customerId;
        String body = json(map("name", "Globex", "csm_id", world.csm.id().toString(), "arr", 1000.5,
                "renewal_date", "2027-06-30", "properties", map("churn_risk_score", 8),
                "contacts", List.of(map("name", "Hank", "relationship_strength", "strong"))));
        call("PUT", "/api/customers/{id}", customer, body, crm);
        call("PUT", "/api/customers/{id}", customer, body, crm);
        call("PUT", "/api/customers/{id}", customer, body, world.csm);
        call("GET", "/api/customers/{id}", customer, null, world.csm);
        call("GET", "/api/customers/{id}", customer, null, world.teammate);
        call("PATCH", "/api/customers/{id}", customer, json(map("csm_id", world.teammate.id().toString())), crm);
        call("GET", "/api/customers", "/api/customers?limit=1", null, world.admin);
        call("GET", "/api/customers", "/api/customers?limit=1000", null, world.admin);
        call("PATCH", "/api/customers/{id}/signals", customer + "/signals", json(map("usage_score", 20)), crm);
        call("PATCH", "/api/customers/{id}/signals", customer + "/signals", json(map("usage_score", 200)), crm);
        exchanges.add(new Exchange("post", "/api/signals:batch", send(request("/api/signals:batch", crm)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(json(map("customer_id", customerId, "signals",
                        map("health_score", 5))) + "\nnot json\n")).build())));
        call("GET", "/api/profiles", "/api/profiles?role=manager", null, world.csm);
        call("PUT", "/api/profiles/{id}", "/api/profiles/" + UUID.randomUUID(), json(map("email", "n@x.example",
                "full_name", "New", "role", "csm")), world.admin);
        call("PUT", "/api/profiles/{id}", "/api/profiles/" + world.csm.id(), json(map("email", world.csm.email(),
                "full_name", "Csm", "role", "csm")), world.admin);
        call("PUT", "/api/profiles/{id}", "/api/profiles/" + world.csm.id(), json(map("email", "x")), world.csm);
    }

    @Test
    void every_real_response_is_documented_and_matches_its_schema() {
        exerciseEveryRoute();
        JsonNode doc = document();
        OpenApiSchemaCheck schemas = new OpenApiSchemaCheck(doc);
        List<String> problems = new ArrayList<>();
        Set<String> statusesSeen = new LinkedHashSet<>();
        for (Exchange exchange : exchanges) {
            String where = exchange.method() + " " + exchange.template() + " -> " + exchange.response().status();
            statusesSeen.add(String.valueOf(exchange.response().status()));
            JsonNode documented = doc.path("paths").path(exchange.template()).path(exchange.method()).path("responses")
                    .path(String.valueOf(exchange.response().status()));
            if (documented.isMissingNode()) {
                problems.add(where + ": status not documented");
                continue;
            }
            if (exchange.response().body().isEmpty()) {
                if (documented.has("content")) {
                    problems.add(where + ": documented with a body but none came");
                }
                continue;
            }
            String mediaType = exchange.response().contentType().split(";")[0].trim();
            JsonNode schema = documented.path("content").path(mediaType).path("schema");
            if (schema.isMissingNode()) {
                problems.add(where + ": media type " + mediaType + " not documented");
                continue;
            }
            if (!mediaType.endsWith("json")) {
                continue; // /metrics: Prometheus text, documented as a string
            }
            schemas.validate(schema, exchange.response().json()).forEach(error -> problems.add(where + ": " + error));
        }
        assertThat(problems).isEmpty();
        assertThat(statusesSeen).contains("200", "201", "204", "400", "401", "403", "404", "409");
    }

    @Test
    void every_documented_operation_is_served() {
        exerciseEveryRoute();
        JsonNode paths = document().path("paths");
        Set<String> documented = new LinkedHashSet<>();
        for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
            String path = p.next();
            paths.get(path).fieldNames().forEachRemaining(method -> documented.add(method + " " + path));
        }
        Set<String> servedSuccessfully = new LinkedHashSet<>();
        exchanges.stream().filter(x -> x.response().status() < 300)
                .forEach(x -> servedSuccessfully.add(x.method() + " " + x.template()));
        assertThat(servedSuccessfully).containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void the_check_fails_on_a_response_that_breaks_the_schema() {
        execution(world.csm, ExecutionStatus.NOT_STARTED);
        JsonNode doc = document();
        OpenApiSchemaCheck schemas = new OpenApiSchemaCheck(doc);
        JsonNode itemSchema = doc.at("/components/schemas/QueueItem");
        JsonNode item = get("/api/orchestrator/queue", world.csm).json().get(0);
        assertThat(schemas.validate(itemSchema, item)).isEmpty();

        ObjectNode missing = item.deepCopy();
        missing.remove("status");
        assertThat(schemas.validate(itemSchema, missing)).anyMatch(e -> e.contains("missing required property status"));
        ObjectNode extra = item.deepCopy();
        extra.put("secret_column", 1);
        assertThat(schemas.validate(itemSchema, extra)).anyMatch(e -> e.contains("secret_column"));
        ObjectNode wrongType = item.deepCopy();
        wrongType.put("priority_score", "high");
        assertThat(schemas.validate(itemSchema, wrongType)).anyMatch(e -> e.contains("priority_score"));
        ObjectNode badEnum = item.deepCopy();
        badEnum.put("status", "done");
        assertThat(schemas.validate(itemSchema, badEnum)).anyMatch(e -> e.contains("status"));
        ObjectNode badTime = item.deepCopy();
        badTime.put("created_at", "yesterday");
        assertThat(schemas.validate(itemSchema, badTime)).anyMatch(e -> e.contains("created_at"));
    }
}
