package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The routes of a {@link WebSite} (the dashboard's, in serve): its pages, their headers, the one-time sign-in. */
class SiteRoutesTest extends ApiTestBase {

    static final String POLICY = "default-src 'none'; script-src 'self'";
    private final Map<String, String> codes = new ConcurrentHashMap<>(Map.of("good-code", "the-token"));

    @Override
    protected Operations operations() {
        return Operations.defaults().withWebSite(new WebSite() {
            @Override
            public Optional<WebPage> page(String path) {
                return switch (path) {
                    case "/", "/sign-in" -> Optional.of(new WebPage("text/html; charset=utf-8",
                            "<!doctype html><title>t</title>".getBytes(StandardCharsets.UTF_8), POLICY, true));
                    case "/dashboard/app.js" -> Optional.of(new WebPage("text/javascript; charset=utf-8",
                            "export {};".getBytes(StandardCharsets.UTF_8), POLICY, false));
                    default -> Optional.empty();
                };
            }

            @Override
            public Optional<String> redeemSignInCode(String code) {
                return Optional.ofNullable(codes.remove(code));
            }
        }).withCorsOrigins(java.util.List.of("https://app.example.com")); // a later with... keeps the site
    }

    @Test
    void pagesAreServedWithoutATokenUnderTheSitesPolicyAndHardeningHeaders() {
        for (String path : new String[] {"/", "/sign-in"}) {
            ApiResponse page = get(path, null);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
            assertThat(page.body()).startsWith("<!doctype html>");
            assertThat(page.header("Content-Security-Policy")).contains(POLICY);
            assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.header("X-Frame-Options")).contains("DENY");
            assertThat(page.header("Referrer-Policy")).contains("no-referrer");
            assertThat(page.header("Cache-Control")).contains("no-store");
        }
        ApiResponse script = get("/dashboard/app.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType().replace(" ", "")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(script.header("Content-Security-Policy")).contains(POLICY);
        assertThat(script.header("Cache-Control")).contains("no-cache");

        assertProblem(get("/dashboard/missing.js", null), 404);
        assertProblem(get("/dashboard/..%2Fsecret", null), 404);
        assertProblem(exchange("POST", "/", "{}", null), 405);
    }

    @Test
    void aSignInCodeIsSwappedForItsTokenOnceAndABadOneIsA400NamingTheCode() {
        ApiResponse first = post(SiteHandlers.SIGN_IN_CODE_PATH, "{\"code\":\"good-code\"}", null);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("token").asText()).isEqualTo("the-token");
        assertThat(first.header("Cache-Control")).contains("no-store");

        ApiResponse again = post(SiteHandlers.SIGN_IN_CODE_PATH, "{\"code\":\"good-code\"}", null);
        assertInvalid(again, "code");
        assertThat(again.json().path("detail").asText()).contains("already used or expired");

        assertInvalid(post(SiteHandlers.SIGN_IN_CODE_PATH, "{}", null), "code");
        assertInvalid(post(SiteHandlers.SIGN_IN_CODE_PATH, "{\"code\":7}", null), "code");
        assertInvalid(post(SiteHandlers.SIGN_IN_CODE_PATH, "{\"code\":\"x\",\"token\":\"y\"}", null), "token");
        assertProblem(send(request(SiteHandlers.SIGN_IN_CODE_PATH, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("code=good")).build()), 415);
    }
}
