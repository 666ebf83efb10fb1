package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.Jobs;
import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.customer.Customer;
import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.execution.WorkflowExecution;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import dev.orchestrator.core.domain.workflow.WorkflowType;
import dev.orchestrator.core.testing.MutableClock;
import dev.orchestrator.core.testing.PortsFixture;
import dev.orchestrator.core.testing.World;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One server per test class on a random port, over the store {@link TestBackend} picks; a fresh
 * {@link World} (own organization, own ids) per test, so tests never see each other's data.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestBase {

    static final byte[] SECRET = "test-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);

    protected final MutableClock clock = new MutableClock(World.T0);
    protected PortsFixture fixture;
    protected HttpApi api;
    protected Jobs jobs;
    protected TokenMinter tokens;
    protected World world;
    private HttpClient client;
    private int port;
    private TestBackend backend;

    /** This class's database (for tests that open their own connections to it). */
    protected TestDatabase database;

    @BeforeAll
    void startServer(TestDatabase database) {
        this.database = database;
        backend = TestBackend.on(database);
        fixture = backend.fixture();
        Orchestrator orchestrator = new Orchestrator(ports(fixture), clock);
        jobs = backend.jobs(orchestrator, clock);
        api = new HttpApi(orchestrator, jobs.viewJobs(), settings(), clock, operations());
        port = api.start();
        tokens = new TokenMinter(SECRET, clock);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stopServer() {
        api.stop();
        backend.close();
    }

    @BeforeEach
    void newWorld() {
        clock.set(World.T0);
        world = new World(fixture);
    }

    /** The ports the orchestrator uses; a test class may wrap the fixture's (fault injection). */
    protected OutboundPorts ports(PortsFixture store) {
        return store.ports();
    }

    protected HttpSettings settings() {
        return HttpSettings.of(0, SECRET);
    }

    /** Metrics, CORS, version; a test class may configure its own. */
    protected Operations operations() {
        return Operations.defaults();
    }

    /** Every statement the adapters sent so far in this class, in order, with the adapter method that sent it. */
    protected List<dev.orchestrator.testsupport.StatementRecorder.Recorded> statements() {
        return backend.statements();
    }

    protected int port() {
        return port;
    }

    /** Sends raw bytes (what HttpClient refuses to send) and returns the whole answer as text. */
    protected String raw(String request) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- requests -------------------------------------------------------------------------

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpRequest.Builder request(String path, Profile as) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (as != null) {
            builder.header("Authorization", "Bearer " + tokens.mint(as.id().value()));
        }
        return builder;
    }

    protected ApiResponse send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected ApiResponse get(String path, Profile as) {
        return send(request(path, as).GET().build());
    }

    protected ApiResponse post(String path, String json, Profile as) {
        return send(request(path, as).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected ApiResponse patch(String path, String json, Profile as) {
        return send(request(path, as).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A request with a JSON body (or none) and extra headers ({@code name, value, ...}). */
    protected ApiResponse exchange(String method, String path, String json, Profile as, String... headers) {
        HttpRequest.Builder builder = request(path, as);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected ApiResponse withToken(String method, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", token);
        }
        return send(builder.method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    protected static String json(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    protected static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    // ---- data -----------------------------------------------------------------------------

    protected Customer customer(String name, Profile owner) {
        Customer customer = new Customer(CustomerId.of(world.nextUuid()), world.org, name, owner.id());
        fixture.givenCustomer(customer, World.signals(5, 8, 95));
        return customer;
    }

    protected WorkflowDefinition definition(String name, WorkflowType type, int weight, Map<String, ?> conditions,
            boolean demo) {
        WorkflowDefinition definition = new WorkflowDefinition(DefinitionId.of(world.nextUuid()), world.org, name, type,
                "test definition", new TriggerConditions(JsonObject.of(conditions)), weight, true, demo);
        fixture.givenDefinition(definition);
        return definition;
    }

    /** The seed's three demo definitions (orders 1, 2, 3). */
    protected void demoDefinitions() {
        definition("Complete Strategic Account Plan", WorkflowType.STRATEGIC, 700,
                map("order", 1, "workflow_id", "obsblk-strategic-planning", "trigger_type", "demo_sequence"), true);
        definition("Expansion Opportunity", WorkflowType.OPPORTUNITY, 800,
                map("order", 2, "workflow_id", "obsblk-expansion-opportunity", "trigger_type", "demo_sequence"), true);
        definition("Executive Engagement", WorkflowType.RISK, 900,
                map("order", 3, "workflow_id", "obsblk-executive-engagement", "trigger_type", "demo_sequence"), true);
    }

    /** A production execution of the CSM's, in {@code status}. */
    protected WorkflowExecution execution(Profile assignee, ExecutionStatus status) {
        return execution(world, assignee, status);
    }

    /** A production execution in {@code in}'s organization (another world: another tenant). */
    protected WorkflowExecution execution(World in, Profile assignee, ExecutionStatus status) {
        Customer customer = in.customer(assignee, World.signals(3, 2, 50));
        WorkflowDefinition definition = new WorkflowDefinition(DefinitionId.of(in.nextUuid()), in.org, "Renewal prep",
                WorkflowType.RENEWAL, "test definition", TriggerConditions.NONE, 600, true, false);
        fixture.givenDefinition(definition);
        return in.execution(definition, customer, assignee, status, 600, World.T0.minus(Duration.ofDays(1)));
    }

    protected WorkflowExecution stored(WorkflowExecution execution) {
        return fixture.storedExecution(execution.organizationId(), execution.id()).orElseThrow();
    }

    protected static void assertProblem(ApiResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("title").asText()).isNotBlank();
        assertThat(response.json().path("type").asText()).isNotBlank();
        assertThat(response.json().path("detail").asText()).isNotBlank();
        assertThat(response.header(RequestIds.HEADER)).isPresent();
    }

    protected static void assertInvalid(ApiResponse response, String... fields) {
        assertProblem(response, 400);
        assertThat(response.errorFields()).as(response.toString()).containsExactlyInAnyOrder(fields);
    }
}
