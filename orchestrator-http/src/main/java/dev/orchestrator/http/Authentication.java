package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.IdentifyCaller;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import io.javalin.http.Context;

/**
 * Runs before every {@code /api/*} request: verifies the bearer token and turns its subject into the
 * calling profile, which handlers then read with {@link #caller(Context)}.
 */
final class Authentication {

    private static final String ATTRIBUTE = "orchestrator.caller";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier tokens;
    private final IdentifyCaller identify;
    private final TenantBinding tenant;

    Authentication(TokenVerifier tokens, IdentifyCaller identify, TenantBinding tenant) {
        this.tokens = tokens;
        this.identify = identify;
        this.tenant = tenant;
    }

    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiProblem.missingCredentials("an Authorization: Bearer <token> header is required");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.substring(BEARER.length()).isBlank()) {
            throw ApiProblem.missingCredentials("the Authorization header must be a Bearer token");
        }
        String subject = tokens.subjectOf(header.substring(BEARER.length()).trim());
        Profile caller = Uuids.parse(subject)
                .flatMap(id -> identify.identify(ProfileId.of(id)))
                .orElseThrow(() -> ApiProblem.forbidden("the token's subject is not a known profile"));
        ctx.attribute(ATTRIBUTE, caller);
        // The rest of the request reads and writes the caller's organization only, in the database too.
        tenant.bind(caller.organizationId());
        // Answers for a caller are theirs alone: never kept by a browser or shared cache.
        ctx.header("Cache-Control", "no-store");
    }

    /** The authenticated caller, if the request got that far (for the access log). */
    static java.util.Optional<Profile> callerIfAny(Context ctx) {
        return java.util.Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    static Profile caller(Context ctx) {
        Profile caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on " + ctx.path());
        }
        return caller;
    }
}
