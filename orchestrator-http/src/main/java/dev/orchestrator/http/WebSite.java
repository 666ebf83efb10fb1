package dev.orchestrator.http;

import java.util.Optional;

/**
 * A browser front end the service also serves (the dashboard), handed in by the composition root:
 * its files by request path, and the one-time sign-in codes its printed links carry. The front end
 * talks to the API like any other client, with a bearer token; this only delivers its files and
 * swaps a sign-in code for a token once. Without one ({@link Operations#defaults()}) the service
 * serves no pages and {@code /} is a 404.
 */
public interface WebSite {

    /** The page or file served at {@code path} ({@code /}, {@code /dashboard/app.js}), if the site has one there. */
    Optional<WebPage> page(String path);

    /** The bearer token a live sign-in code stands for, once; empty for an unknown, used or expired code. */
    Optional<String> redeemSignInCode(String code);

    /**
     * A page or file: its media type, bytes and the Content-Security-Policy it is served with;
     * {@code neverStored} for the page itself ({@code no-store}), else the browser revalidates ({@code no-cache}).
     */
    record WebPage(String contentType, byte[] body, String contentSecurityPolicy, boolean neverStored) {
        public WebPage {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }
}
