package dev.orchestrator.cli;

import dev.orchestrator.core.application.Jobs;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.dashboard.DashboardAssets;
import dev.orchestrator.dashboard.SignInCodes;
import dev.orchestrator.http.HttpApi;
import dev.orchestrator.http.HttpSettings;
import dev.orchestrator.http.JobMetrics;
import dev.orchestrator.http.Operations;
import dev.orchestrator.http.TenantBinding;
import dev.orchestrator.http.TokenMinter;
import dev.orchestrator.persistence.Migrator;
import dev.orchestrator.persistence.TenantScope;
import dev.orchestrator.persistence.load.DemoSeed;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Listen, migrate the database, then serve the HTTP API until SIGTERM or SIGINT (Ctrl-C): "
                + "it stops accepting, in-flight requests finish, the connection pools close (and the embedded "
                + "PostgreSQL stops), and it exits 0.",
                "It serves the web dashboard at / (sign in with a bearer token from your identity provider).",
                "--demo also seeds the demo data and prints one-time sign-in links to the dashboard for the demo CSM "
                        + "and the demo manager, and a ready-to-paste curl command with a token for the demo CSM; "
                        + "without a configured secret it then generates one for this run."})
final class ServeCommand extends DatabaseCommand {

    static final String PORT_VARIABLE = "ORCHESTRATOR_PORT";
    static final String HOST_VARIABLE = "ORCHESTRATOR_HOST";
    static final int DEFAULT_PORT = 7070;

    @Mixin
    JwtOptions jwt;

    @Mixin
    JobOptions jobOptions;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port (env ORCHESTRATOR_PORT; default 7070; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on: 0.0.0.0 for every interface, 127.0.0.1 for this machine only "
                    + "(env ORCHESTRATOR_HOST; default 0.0.0.0, with --demo 127.0.0.1).")
    String host;

    @Mixin
    IdentityOptions identity;

    @Option(names = "--demo", description = "Seed the demo data and print sign-in links and a curl command to try it.")
    boolean demo;

    @Mixin
    ServiceOptions serviceOptions;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of serve's settings, keyed by option name without dashes "
                    + "(port = 7070, db-url = ...); a flag wins over its variable, a variable over the file "
                    + "(env ORCHESTRATOR_CONFIG).")
    java.nio.file.Path config;

    private Env layered;
    private String configFile;

    /** The environment over the config file (if any), read once: every option resolves through it. */
    @Override
    Env env() {
        if (layered == null) {
            Env outside = super.env();
            String file = outside.flagOrVariable(config == null ? null : config.toString(), ConfigFile.VARIABLE);
            layered = file == null ? outside : outside.over(ConfigFile.read(java.nio.file.Path.of(file)));
            configFile = file;
        }
        return layered;
    }

    /** The server this JVM runs, for tests (which cannot send themselves SIGTERM). */
    static volatile Running running;

    /** A started server: its port, and a way to stop it as a signal would. */
    record Running(int port, CountDownLatch stop) {
        void requestStop() {
            stop.countDown();
        }
    }

    @Override
    public Integer call() throws Exception {
        Env env = env();
        int resolvedPort = resolvePort(env);
        byte[] secret = jwt.resolve(env);
        JobOptions.Resolved jobSettings = jobOptions.resolve(env);
        boolean generated = false;
        if (secret == null) {
            if (!demo) {
                throw CliFailure.usage("--jwt-secret (" + JwtOptions.SECRET_VARIABLE + "): required to serve, at least "
                        + HttpSettings.MIN_SECRET_BYTES + " bytes (only --demo generates one for the run)");
            }
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            secret = Base64.getUrlEncoder().withoutPadding().encode(secret);
            generated = true;
        }
        ServiceOptions.Resolved service = serviceOptions.resolve(env);
        if (service.jsonLogs()) {
            LogFormat.useJson();
        }
        BuildInfo build = BuildInfo.load();
        HttpSettings settings = identity.applyTo(HttpSettings.of(resolvedPort, secret)
                .withJwtKeyId(service.jwtKeyId())
                .withHost(resolveHost(env)), env);
        Operations operations = Operations.defaults()
                .withMetricsToken(service.metricsToken())
                .withCorsOrigins(service.corsOrigins())
                .withVersion(build.version(), build.commit())
                .withTenantBinding(new TenantBinding() {
                    @Override
                    public void bind(OrganizationId organization) {
                        TenantScope.bind(organization);
                    }

                    @Override
                    public void clear() {
                        TenantScope.clear();
                    }
                });
        // The dashboard: its files, and the codes of the one-time sign-in links --demo prints.
        SignInCodes signInCodes = new SignInCodes(Clock.systemUTC(), SignInCodes.DEFAULT_LIFETIME);
        operations = operations.withWebSite(new DashboardSite(DashboardAssets.load(), signInCodes));
        // The scheduler starts after the migrations; until then /health/ready says "starting" (or "off").
        java.util.concurrent.atomic.AtomicReference<ServeJobs> scheduled = new java.util.concurrent.atomic.AtomicReference<>();
        operations = operations.withScheduler(() -> scheduled.get() != null ? scheduled.get().state()
                : jobSettings.enabled() ? "starting" : "off");
        CountDownLatch stop = new CountDownLatch(1);
        DatabaseOptions.DatabaseSettings databaseSettings = databaseOptions.resolve(env);
        // Before connecting: an operator sees what was configured even when the database cannot be reached.
        EffectiveConfiguration.print(env.out(), build, settings, databaseSettings, service, generated, configFile);
        try (StopSignals signals = StopSignals.install(stop::countDown); Database database = openDatabase()) {
            // The daily job runs on the pool without the API's statement timeout: a recompute takes minutes.
            Jobs jobs = JobsWiring.jobs(database, database.orchestrator(), jobSettings.settings());
            HttpApi api = new HttpApi(database.serviceOrchestrator(service.timeouts(), operations.meterRegistry(),
                            service.serviceRole(), service.poolSize()),
                    jobs.viewJobs(), settings, Clock.systemUTC(),
                    operations.withMigrationsCurrent(database::migrationsCurrent));
            // Bind first: a port in use fails before anything touches the schema; until the migrations
            // are applied, API calls answer 503 and /health/ready says why.
            int bound = start(api, resolvedPort);
            // On a JVM shutdown without our signal handlers (SIGHUP, System.exit elsewhere) the database's
            // shutdown hook stops the server first (in-flight requests finish), then closes the pools.
            database.beforeShutdown(() -> {
                api.stop();
                stop.countDown();
            });
            ServeJobs serveJobs;
            try {
                List<Migrator.AppliedMigration> applied = database.migrate();
                if (!applied.isEmpty()) {
                    env.out().println("Applied " + applied.size() + " migration(s) to the " + database.description() + ".");
                }
                // the demo seeding and the daily job work across organizations on that pool
                database.requireAllOrganizations();
                if (demo) {
                    SeedDemoCommand.print(env.out(), SeedDemoCommand.seed(database));
                }
                database.serviceRoleBypassingRowLevelSecurity().ifPresent(role -> env.out().println("Warning: the "
                        + "HTTP API connects as " + role + ", which bypasses row-level security (a superuser or "
                        + "BYPASSRLS): tenant isolation rests on the application alone. Give serve a member of "
                        + "orchestrator_service with --db-service-user (" + ServiceOptions.SERVICE_USER_VARIABLE
                        + "); see docs/operations.md."));
                // After the migrations: the scheduler's table is one of them.
                serveJobs = ServeJobs.start(database, JobMetrics.metered(jobs.runDailyJob(), operations.meterRegistry()),
                        jobSettings, env.out());
                scheduled.set(serveJobs);
            } catch (RuntimeException e) {
                api.stop();
                throw e;
            }
            database.beforeShutdown(serveJobs::close);
            env.out().println("Serving the HTTP API on " + listening(settings.host(), bound) + " with the "
                    + database.description() + ". Stop with Ctrl-C.");
            env.out().println("The dashboard: " + reachable(settings.host(), bound) + "/");
            if (demo) {
                if (generated) {
                    env.out().println("No JWT secret configured: generated one for this run only (set "
                            + JwtOptions.SECRET_VARIABLE + " to keep tokens valid across restarts).");
                }
                TokenMinter minter = new TokenMinter(secret, Clock.systemUTC());
                String token = minter.mint(DemoSeed.CSM, HttpSettings.DEFAULT_AUDIENCE, Duration.ofHours(8));
                // The links carry a code, not the token: it works once, for 10 minutes, and lives in the fragment,
                // which the browser never sends to the server (docs/dashboard.md).
                String manager = minter.mint(DemoSeed.MANAGER, HttpSettings.DEFAULT_AUDIENCE, Duration.ofHours(8));
                env.out().println("Open the dashboard (one-time sign-in links, valid "
                        + SignInCodes.DEFAULT_LIFETIME.toMinutes() + " minutes):");
                env.out().println("  as the demo CSM:     " + signInLink(settings.host(), bound, signInCodes.issue(token), true));
                env.out().println("  as the demo manager: " + signInLink(settings.host(), bound, signInCodes.issue(manager), false));
                env.out().println("Try the demo CSM's queue (token valid 8 hours):");
                env.out().println("  curl -H 'Authorization: Bearer " + token + "' '" + reachable(settings.host(), bound)
                        + "/api/orchestrator/queue?demo=true'");
            }
            env.out().flush();
            running = new Running(bound, stop);
            try {
                stop.await();
            } finally {
                running = null;
                // the scheduler first (a run in progress gets 30 s), then the server: it stops accepting and
                // lets requests in flight finish (up to the shutdown timeout)
                serveJobs.close();
                api.stop();
            }
            env.out().println("Stopped.");
        }
        return 0;
    }

    /** Starts listening; a port in use (or not allowed) is one sentence, not a stack of Jetty warnings. */
    private static int start(HttpApi api, int port) {
        try {
            return api.start();
        } catch (RuntimeException e) {
            if (causedBy(e, java.net.BindException.class)) {
                throw CliFailure.failure("Port " + port + " is already in use (or not allowed): stop what listens "
                        + "there or choose another with --port (" + PORT_VARIABLE + ")", e);
            }
            throw CliFailure.failure("Cannot serve on port " + port + ": " + Database.rootMessage(e)
                    + " (check --host, " + HOST_VARIABLE + ")", e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String resolveHost(Env env) {
        String value = env.flagOrVariable(host, HOST_VARIABLE);
        if (value == null) {
            // --demo prints a token anyone who reaches the port can use: keep it on this machine.
            return demo ? HttpSettings.LOOPBACK_HOST : HttpSettings.ANY_HOST;
        }
        String address = value.strip();
        // An IPv4/IPv6 literal or a host name; resolving it is left to the bind, which fails in one sentence.
        if (address.isEmpty() || !address.matches("[A-Za-z0-9.:\\-\\[\\]%]+") || address.length() > 253) {
            throw CliFailure.usage("--host (" + HOST_VARIABLE + "): must be an address such as 0.0.0.0 or 127.0.0.1, got '"
                    + value + "'");
        }
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    /** The bound address as printed: the real one, every interface said as such. */
    static String listening(String host, int port) {
        return HttpSettings.ANY_HOST.equals(host) || "::".equals(host)
                ? "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + " (every interface)"
                : reachable(host, port);
    }

    /** The dashboard's sign-in page with a one-time code; in demo mode Today walks the demo sequence (the CSM's). */
    static String signInLink(String host, int port, String code, boolean demoMode) {
        return reachable(host, port) + "/sign-in#code=" + code + (demoMode ? "&demo=true" : "");
    }

    /** A URL a client on this machine can call. */
    static String reachable(String host, int port) {
        String h = HttpSettings.ANY_HOST.equals(host) || "::".equals(host) ? "localhost" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    private int resolvePort(Env env) {
        if (port != null) {
            return checkPort(port, "--port");
        }
        String value = env.variable(PORT_VARIABLE);
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            return checkPort(Integer.parseInt(value.strip()), PORT_VARIABLE);
        } catch (NumberFormatException e) {
            throw CliFailure.usage("--port (" + PORT_VARIABLE + "): must be a whole number from 0 to 65535");
        }
    }

    private static int checkPort(int value, String source) {
        if (value < 0 || value > 65_535) {
            throw CliFailure.usage("--port (" + PORT_VARIABLE + "): must be from 0 to 65535, got " + value
                    + " (from " + source + ")");
        }
        return value;
    }
}
