package dev.orchestrator.http;

import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.application.port.in.ViewJobs;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceLoader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP service: the orchestrator's use cases as the dashboard's JSON API, behind bearer-token
 * authentication. The composition root (the CLI) creates it, {@link #start()}s it and {@link #stop()}s it.
 *
 * <pre>{@code
 * HttpApi api = new HttpApi(new Orchestrator(ports, clock), HttpSettings.of(8080, secret), clock);
 * int port = api.start();
 * ...
 * api.stop();   // lets in-flight requests finish
 * }</pre>
 */
public final class HttpApi {

    /** Larger request bodies are refused with 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Request line plus headers, at most; larger is a 431 (or 414 for the URI). Fits a 10 KB token. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private final HttpSettings settings;
    private final Javalin app;
    private final BulkItemRunner bulkItems;
    /** Counts the requests in flight, for {@link #stop()}. */
    private final GracefulHandler graceful = new GracefulHandler();
    private boolean started;

    /** Without jobs: {@code /api/admin/jobs} is not served (404). */
    public HttpApi(Orchestrator orchestrator, HttpSettings settings, Clock clock) {
        this(orchestrator, null, settings, clock, Operations.defaults());
    }

    /**
     * With the jobs' view behind {@code GET /api/admin/jobs} (admins only; {@code jobs} null leaves
     * it out) and metrics, CORS, version and migration state as the composition root configures them.
     */
    public HttpApi(Orchestrator orchestrator, ViewJobs jobs, HttpSettings settings, Clock clock, Operations operations) {
        this(orchestrator, jobs, settings, clock, operations, HttpApi.class.getClassLoader());
    }

    /** As above, with the {@link ExtraRoutes} providers {@code extraRoutes} finds (a test's own loader). */
    HttpApi(Orchestrator orchestrator, ViewJobs jobs, HttpSettings settings, Clock clock, Operations operations,
            ClassLoader extraRoutes) {
        Objects.requireNonNull(orchestrator, "orchestrator");
        Objects.requireNonNull(operations, "operations");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Authentication authentication =
                new Authentication(new TokenVerifier(settings, clock), orchestrator.identifyCaller(),
                        operations.tenantBinding());
        TenantBinding tenant = operations.tenantBinding();
        QueueHandler queue = new QueueHandler(orchestrator.viewQueue());
        DemoHandlers demo = new DemoHandlers(orchestrator.initializeDemo(), orchestrator.viewDemoProgress(),
                new PriorityNow(orchestrator.priorityPolicy(), clock));
        ExecutionHandlers executions = new ExecutionHandlers(orchestrator.transitionExecution());
        DashboardHandler dashboard = new DashboardHandler(orchestrator.viewQueue());
        ExecutionViewHandlers views = new ExecutionViewHandlers(orchestrator.viewExecutions());
        TeamHandler team = new TeamHandler(orchestrator.viewTeam());
        RebalanceHandler rebalance = new RebalanceHandler(orchestrator.rebalanceTeam());
        AnalyticsHandler analytics = new AnalyticsHandler(orchestrator.viewAnalytics());
        this.bulkItems = new BulkItemRunner(tenant);
        BulkHandler bulk = new BulkHandler(orchestrator.actInBulk(), bulkItems);
        HealthHandlers health = new HealthHandlers(orchestrator.checkHealth(), operations);
        OpenApiHandler openApi = new OpenApiHandler();
        Idempotency idempotency = new Idempotency(orchestrator.rememberAnswers());
        DefinitionHandlers definitions = new DefinitionHandlers(orchestrator.manageDefinitions());
        PolicyHandlers policies = new PolicyHandlers(orchestrator.managePolicies(), orchestrator.simulatePolicies());
        CustomerHandlers customers = new CustomerHandlers(orchestrator.manageCustomers());
        SignalHandlers signals = new SignalHandlers(orchestrator.ingestSignals(), idempotency);
        ProfileHandlers profiles = new ProfileHandlers(orchestrator.manageProfiles());
        ReasonHandlers reasons = new ReasonHandlers(orchestrator.manageReasons());
        SettingsHandlers organizationSettings = new SettingsHandlers(orchestrator.manageSettings());
        Metrics metrics = new Metrics(operations.meterRegistry(), operations.metricsToken());
        Cors cors = new Cors(operations.corsOrigins());
        RouteTemplates routes = new RouteTemplates();
        this.app = Javalin.create(config -> {
            configureServer(config);
            ProblemResponses.register(config);
            config.requestLogger.http((ctx, millis) -> {
                Duration took = Duration.ofNanos((long) (millis * 1_000_000));
                String route = routes.of(ctx);
                metrics.record(ctx, route, took);
                AccessLog.log(ctx, route, took);
                RequestIds.clear();
                tenant.clear();
            });
            config.routes.before(RequestIds::assign);
            // a thread starts each request unbound, whatever an earlier request on it left
            config.routes.before(ctx -> tenant.clear());
            config.routes.before(cors::handle);
            config.routes.before(BodyLimit::check);
            config.routes.before("/api/*", health::requireMigrated);
            config.routes.before("/api/*", authentication::authenticate);
            config.routes.before("/api/*", ContentTypes::check);

            config.routes.get("/metrics", metrics::scrape);
            config.routes.get("/info", health::info);

            config.routes.get("/health/live", health::live);
            config.routes.get("/health/ready", health::ready);
            config.routes.get("/openapi.json", openApi::serve);
            // the dashboard's files and its one-time sign-in, when the composition root hands a site in
            operations.webSite().map(SiteHandlers::new).ifPresent(site -> {
                config.routes.get("/", site::page);
                config.routes.get("/sign-in", site::page);
                config.routes.get("/dashboard/{file}", site::page);
                config.routes.post(SiteHandlers.SIGN_IN_CODE_PATH, site::redeem);
            });

            config.routes.get("/api/orchestrator/queue", queue::queue);
            config.routes.post("/api/orchestrator/demo/initialize", idempotency.wrap(demo::initialize));
            config.routes.get("/api/orchestrator/demo/status", demo::status);
            config.routes.get("/api/orchestrator/executions", views::list);
            config.routes.post("/api/orchestrator/executions/bulk", idempotency.wrap(bulk::act));
            config.routes.get("/api/orchestrator/team", team::team);
            config.routes.post("/api/orchestrator/team/rebalance", idempotency.wrap(rebalance::rebalance));
            config.routes.get("/api/orchestrator/analytics", analytics::analytics);
            config.routes.get("/api/orchestrator/executions/{id}", views::detail);
            config.routes.get("/api/orchestrator/executions/{id}/events", views::events);
            config.routes.post("/api/orchestrator/executions/{id}/snooze", idempotency.wrap(executions::snooze));
            config.routes.post("/api/orchestrator/executions/{id}/skip", idempotency.wrap(executions::skip));
            config.routes.post("/api/orchestrator/executions/{id}/escalate", idempotency.wrap(executions::escalate));
            config.routes.post("/api/orchestrator/executions/{id}/reassign", idempotency.wrap(executions::reassign));
            config.routes.post("/api/orchestrator/executions/{id}/escalation/acknowledge",
                    idempotency.wrap(executions::acknowledge));
            config.routes.post("/api/orchestrator/executions/{id}/escalation/resolve",
                    idempotency.wrap(executions::resolve));

            config.routes.get("/api/orchestrator/definitions", definitions::list);
            config.routes.post("/api/orchestrator/definitions", idempotency.wrap(definitions::create));
            config.routes.get("/api/orchestrator/definitions/{id}", definitions::get);
            config.routes.put("/api/orchestrator/definitions/{id}", definitions::replace);
            config.routes.patch("/api/orchestrator/definitions/{id}", definitions::patch);
            config.routes.delete("/api/orchestrator/definitions/{id}", definitions::deactivate);
            config.routes.get("/api/orchestrator/policies", policies::get);
            config.routes.put("/api/orchestrator/policies", policies::apply);
            config.routes.get("/api/orchestrator/policies/history", policies::history);
            config.routes.post("/api/orchestrator/simulations", policies::simulate);
            config.routes.get("/api/customers", customers::list);
            config.routes.get("/api/customers/{id}", customers::get);
            config.routes.put("/api/customers/{id}", customers::put);
            config.routes.patch("/api/customers/{id}", customers::patch);
            config.routes.patch("/api/customers/{id}/signals", signals::update);
            // Idempotency-Key is handled inside: the body is streamed, not held in memory.
            config.routes.post(SignalHandlers.BATCH_PATH, signals::batch);
            config.routes.get("/api/profiles", profiles::list);
            config.routes.put("/api/profiles/{id}", profiles::put);
            config.routes.get("/api/orchestrator/reasons", reasons::list);
            config.routes.put("/api/orchestrator/reasons", reasons::replace);
            config.routes.get("/api/orchestrator/settings", organizationSettings::get);
            config.routes.put("/api/orchestrator/settings", organizationSettings::replace);
            config.routes.patch("/api/orchestrator/executions/{id}/status", executions::changeStatus);
            config.routes.get("/api/dashboard/today-workflows", dashboard::todayWorkflow);
            if (jobs != null) {
                config.routes.get("/api/admin/jobs", new JobsHandler(jobs)::jobs);
            }
            for (ExtraRoutes provider : ServiceLoader.load(ExtraRoutes.class, extraRoutes)) {
                provider.routes().forEach((path, handler) -> {
                    if (!path.startsWith(ExtraRoutes.PREFIX)) {
                        throw new IllegalArgumentException("an extra route must be under " + ExtraRoutes.PREFIX + ": "
                                + path + " (from " + provider.getClass().getName() + ")");
                    }
                    config.routes.get(path, handler);
                });
            }
        });
        routes.use(app.unsafe.internalRouter);
    }

    private void configureServer(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.generateEtags = false;
        config.http.prefer405over404 = true;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
            http.setSendServerVersion(false);
        });
        // Jetty's own errors (bad framing, headers too large, ...) as problem+json, not HTML.
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ServerErrors()));
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new ServerErrors());
            // Stopping refuses new requests and waits (up to the timeout) for those in flight.
            server.setHandler(graceful);
            server.setStopTimeout(settings.shutdownTimeout().toMillis());
        });
    }

    /** Starts listening on the configured port and returns the port bound (a free one if configured as 0). */
    public synchronized int start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        app.start(settings.host(), settings.port());
        started = true;
        return app.port();
    }

    /** The port bound by {@link #start()}. */
    public synchronized int port() {
        if (!started) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (up to the shutdown timeout),
     * including one whose body is still arriving, then stops. (Jetty's own graceful stop cuts a
     * connection that is silent for a second, which would fail such a request with 408.)
     */
    public synchronized void stop() {
        if (started) {
            Server server = app.jettyServer().server();
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof NetworkConnector network) {
                    network.close(); // no new connections; open ones keep going
                }
            }
            long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
            while (graceful.getCurrentRequestCount() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        app.stop();
        bulkItems.stop();
    }
}
