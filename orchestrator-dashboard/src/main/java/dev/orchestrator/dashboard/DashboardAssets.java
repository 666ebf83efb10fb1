package dev.orchestrator.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read once from the classpath ({@code dev/orchestrator/dashboard/assets/}),
 * and where the browser finds them: the page at {@code /} and {@code /sign-in} (the screens are
 * hash routes of that one page), every script and the stylesheet under {@code /dashboard/NAME}.
 * Only the files listed in {@link #FILES} are served: a request can never reach another resource.
 *
 * <p>The HTTP server serves them with {@link #CONTENT_SECURITY_POLICY}: scripts only from this origin
 * (no inline script, no {@code eval}), calls only to this origin's API.
 */
public final class DashboardAssets {

    /** Every file shipped, in the order a reader meets them. The size budget test sums these. */
    public static final List<String> FILES = List.of(
            "index.html", "app.css", "app.js", "api.js", "parallel-apis.js", "dom.js", "session.js",
            "sign-in.js", "today.js", "work.js", "queue.js", "pickers.js", "jobs.js", "team.js", "admin.js",
            "analytics.js", "charts.js", "csv.js");

    /** Under which path prefix the files (other than the page) are served. */
    public static final String PREFIX = "/dashboard/";

    /** The paths that answer with the page itself. */
    public static final List<String> PAGE_PATHS = List.of("/", "/sign-in");

    /**
     * No inline scripts or styles, nothing from another origin, not framed, no plugins, forms and
     * {@code <base>} pinned: an injected text that escaped its escaping still could not run.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'; object-src 'none'";

    private static final String ROOT = "dev/orchestrator/dashboard/assets/";

    private final Map<String, DashboardAsset> byName;

    private DashboardAssets(Map<String, DashboardAsset> byName) {
        this.byName = byName;
    }

    /** Reads every file in {@link #FILES}; a missing one is a packaging error, reported at once. */
    public static DashboardAssets load() {
        Map<String, DashboardAsset> files = new LinkedHashMap<>();
        for (String name : FILES) {
            files.put(name, new DashboardAsset(name, contentTypeOf(name), read(name)));
        }
        return new DashboardAssets(files);
    }

    /** The file a request path names: the page for {@link #PAGE_PATHS}, a listed file under {@link #PREFIX}. */
    public Optional<DashboardAsset> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (PAGE_PATHS.contains(path)) {
            return Optional.of(byName.get("index.html"));
        }
        if (path.startsWith(PREFIX)) {
            String name = path.substring(PREFIX.length());
            // index.html is the page: it answers at its page paths only, so each screen has one address
            return "index.html".equals(name) ? Optional.empty() : Optional.ofNullable(byName.get(name));
        }
        return Optional.empty();
    }

    /** Every shipped file, for the size budget. */
    public List<DashboardAsset> all() {
        return List.copyOf(byName.values());
    }

    private static String contentTypeOf(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        throw new IllegalArgumentException("no media type known for " + name);
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard file " + ROOT + name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dashboard file " + name, e);
        }
    }
}
