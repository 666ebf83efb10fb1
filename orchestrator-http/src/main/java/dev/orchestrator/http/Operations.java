package dev.orchestrator.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What an operator needs from the service besides its API: the metrics registry behind
 * {@code /metrics} (and the token protecting it, if any), the origins browsers may call from (CORS),
 * the version and build commit {@code /info} reports, and whether the schema's migrations are current
 * (a component of {@code /health/ready}; API calls answer 503 until it is). Immutable; the registry is
 * shared by copies, so the composition root can bind more meters (the connection pool's) to it.
 *
 * <pre>{@code
 * Operations ops = Operations.defaults().withVersion("1.0.0", "abc123").withCorsOrigins(List.of("https://app.example"));
 * pool.setMetricRegistry(ops.meterRegistry());
 * HttpApi api = new HttpApi(orchestrator, null, settings, clock, ops);
 * }</pre>
 */
public final class Operations {

    private final PrometheusMeterRegistry registry;
    private final Optional<String> metricsToken;
    private final List<String> corsOrigins;
    private final String version;
    private final String commit;
    private final BooleanSupplier migrationsCurrent;
    private final TenantBinding tenantBinding;
    private final Supplier<String> schedulerState;
    private final Optional<WebSite> webSite;

    private Operations(PrometheusMeterRegistry registry, Optional<String> metricsToken, List<String> corsOrigins,
            String version, String commit, BooleanSupplier migrationsCurrent, TenantBinding tenantBinding,
            Supplier<String> schedulerState, Optional<WebSite> webSite) {
        this.registry = registry;
        this.metricsToken = metricsToken;
        this.corsOrigins = List.copyOf(corsOrigins);
        this.version = version;
        this.commit = commit;
        this.migrationsCurrent = migrationsCurrent;
        this.tenantBinding = tenantBinding;
        this.schedulerState = schedulerState;
        this.webSite = webSite;
    }

    /** A fresh registry, {@code /metrics} open, no CORS origin, version "dev", migrations taken as current. */
    public static Operations defaults() {
        return new Operations(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Optional.empty(), List.of(),
                "dev", "unknown", () -> true, TenantBinding.NONE, () -> "off", Optional.empty());
    }

    /** The registry {@code /metrics} exposes (a Micrometer {@code MeterRegistry}). */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** {@code /metrics} then requires {@code Authorization: Bearer <token>}; blank means open. */
    public Operations withMetricsToken(String token) {
        Optional<String> t = token == null || token.isBlank() ? Optional.empty() : Optional.of(token);
        return new Operations(registry, t, corsOrigins, version, commit, migrationsCurrent, tenantBinding,
                schedulerState, webSite);
    }

    /** Origins (scheme://host[:port]) allowed to call from a browser; empty allows none. {@code *} allows any. */
    public Operations withCorsOrigins(List<String> origins) {
        return new Operations(registry, metricsToken, Objects.requireNonNull(origins), version, commit,
                migrationsCurrent, tenantBinding, schedulerState, webSite);
    }

    public Operations withVersion(String newVersion, String newCommit) {
        return new Operations(registry, metricsToken, corsOrigins, Objects.requireNonNull(newVersion),
                Objects.requireNonNull(newCommit), migrationsCurrent, tenantBinding, schedulerState, webSite);
    }

    /** Asked by {@code /health/ready} and, until it first answers true, before every API call. */
    public Operations withMigrationsCurrent(BooleanSupplier check) {
        return new Operations(registry, metricsToken, corsOrigins, version, commit, Objects.requireNonNull(check),
                tenantBinding, schedulerState, webSite);
    }

    /** Binds each authenticated request's work to the caller's organization (row-level security). */
    public Operations withTenantBinding(TenantBinding binding) {
        return new Operations(registry, metricsToken, corsOrigins, version, commit, migrationsCurrent,
                Objects.requireNonNull(binding), schedulerState, webSite);
    }

    /**
     * What {@code /health/ready} reports of this instance's job scheduler ({@code off}, {@code starting},
     * {@code running}, {@code stopped}). Informational: the API serves whatever the scheduler does, and
     * other instances run the jobs, so it never makes the instance unready.
     */
    public Operations withScheduler(Supplier<String> state) {
        return new Operations(registry, metricsToken, corsOrigins, version, commit, migrationsCurrent, tenantBinding,
                Objects.requireNonNull(state), webSite);
    }

    /**
     * The browser front end to serve at {@code /} (the dashboard): its pages, and the exchange of its
     * one-time sign-in codes at {@code POST /sign-in/code}. Kept by every later {@code with...} copy.
     */
    public Operations withWebSite(WebSite site) {
        return new Operations(registry, metricsToken, corsOrigins, version, commit, migrationsCurrent, tenantBinding,
                schedulerState, Optional.of(Objects.requireNonNull(site)));
    }

    Optional<WebSite> webSite() {
        return webSite;
    }

    Supplier<String> schedulerState() {
        return schedulerState;
    }

    TenantBinding tenantBinding() {
        return tenantBinding;
    }

    Optional<String> metricsToken() {
        return metricsToken;
    }

    List<String> corsOrigins() {
        return corsOrigins;
    }

    String version() {
        return version;
    }

    String commit() {
        return commit;
    }

    BooleanSupplier migrationsCurrent() {
        return migrationsCurrent;
    }

    /** Never shows the metrics token. */
    @Override
    public String toString() {
        return "Operations[metricsToken=" + (metricsToken.isPresent() ? "(set)" : "(none)") + ", corsOrigins="
                + corsOrigins + ", version=" + version + ", commit=" + commit + "]";
    }
}
