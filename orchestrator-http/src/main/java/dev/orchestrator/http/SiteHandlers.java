package dev.orchestrator.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link WebSite}'s routes: {@code GET /}, {@code GET /sign-in}, {@code GET /dashboard/{file}} and
 * {@code POST /sign-in/code}. Every page goes out with the site's Content-Security-Policy and the
 * headers that keep it from being sniffed, framed or leaking its address to other sites.
 */
final class SiteHandlers {

    static final String SIGN_IN_CODE_PATH = "/sign-in/code";

    private final WebSite site;

    SiteHandlers(WebSite site) {
        this.site = site;
    }

    void page(Context ctx) {
        WebSite.WebPage page = site.page(ctx.path())
                .orElseThrow(() -> ApiProblem.notFound("no page at " + ctx.path()));
        ctx.status(200);
        ctx.header("Content-Type", page.contentType());
        ctx.header("Content-Security-Policy", page.contentSecurityPolicy());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // a sign-in link's fragment never leaves the browser, but the page's address should not either
        ctx.header("Referrer-Policy", "no-referrer");
        // the files are small and change with each release: never serve a stale script
        ctx.header("Cache-Control", page.neverStored() ? "no-store" : "no-cache");
        ctx.result(page.body());
    }

    /** {@code {"code": "..."}} to {@code {"token": "..."}} exactly once; an unknown, used or expired code is a 400. */
    void redeem(Context ctx) {
        ContentTypes.check(ctx);
        JsonBody body = JsonBody.read(ctx, "code");
        String code = body.requiredText("code");
        body.validated();
        String token = site.redeemSignInCode(code).orElseThrow(() -> ApiProblem.invalid("code",
                "is unknown, already used or expired: sign-in links work once, for 10 minutes; ask for a new one"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("token", token);
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 200, json);
    }
}
