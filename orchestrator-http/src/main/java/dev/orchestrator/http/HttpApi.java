package dev.orchestrator.http;

import dev.orchestrator.core.application.Orchestrator;
import dev.orchestrator.core.application.port.in.ViewJobs;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.Objects;
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

    private final HttpSettings settings;
    private final Javalin app;
    private boolean started;

    /** Without jobs: {@code /api/admin/jobs} is not served (404). */
    public HttpApi(Orchestrator orchestrator, HttpSettings settings, Clock clock) {
        this(orchestrator, null, settings, clock);
    }

    /** With the jobs' view behind {@code GET /api/admin/jobs} (admins only); {@code jobs} null leaves it out. */
    public HttpApi(Orchestrator orchestrator, ViewJobs jobs, HttpSettings settings, Clock clock) {
        Objects.requireNonNull(orchestrator, "orchestrator");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Authentication authentication =
                new Authentication(new TokenVerifier(settings, clock), orchestrator.identifyCaller());
        QueueHandler queue = new QueueHandler(orchestrator.viewQueue());
        DemoHandlers demo = new DemoHandlers(orchestrator.initializeDemo(), orchestrator.viewDemoProgress(),
                new PriorityNow(orchestrator.priorityPolicy(), clock));
        ExecutionHandlers executions = new ExecutionHandlers(orchestrator.transitionExecution());
        DashboardHandler dashboard = new DashboardHandler(orchestrator.viewQueue());
        HealthHandlers health = new HealthHandlers(orchestrator.checkHealth());
        OpenApiHandler openApi = new OpenApiHandler();
        this.app = Javalin.create(config -> {
            configureServer(config);
            ProblemResponses.register(config);
            config.routes.before(RequestIds::assign);
            config.routes.before(BodyLimit::check);
            config.routes.before("/api/*", authentication::authenticate);

            config.routes.get("/health/live", health::live);
            config.routes.get("/health/ready", health::ready);
            config.routes.get("/openapi.json", openApi::serve);

            config.routes.get("/api/orchestrator/queue", queue::queue);
            config.routes.post("/api/orchestrator/demo/initialize", demo::initialize);
            config.routes.get("/api/orchestrator/demo/status", demo::status);
            config.routes.post("/api/orchestrator/executions/{id}/snooze", executions::snooze);
            config.routes.post("/api/orchestrator/executions/{id}/skip", executions::skip);
            config.routes.post("/api/orchestrator/executions/{id}/escalate", executions::escalate);
            config.routes.patch("/api/orchestrator/executions/{id}/status", executions::changeStatus);
            config.routes.get("/api/dashboard/today-workflows", dashboard::todayWorkflow);
            if (jobs != null) {
                config.routes.get("/api/admin/jobs", new JobsHandler(jobs)::jobs);
            }
        });
    }

    private void configureServer(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.generateEtags = false;
        config.jetty.modifyServer(server -> {
            // Stopping refuses new requests and waits (up to the timeout) for those in flight.
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(settings.shutdownTimeout().toMillis());
        });
    }

    /** Starts listening on the configured port and returns the port bound (a free one if configured as 0). */
    public synchronized int start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        app.start(settings.port());
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

    /** Stops accepting requests, lets in-flight ones finish (up to the shutdown timeout), then stops. */
    public synchronized void stop() {
        app.stop();
    }
}
