package dev.orchestrator.cli;

import dev.orchestrator.http.HttpSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Whom {@code serve} believes besides its own HS256 secret: an identity provider's published keys
 * (RS256/ES256 tokens), the issuer it names and the audience its tokens are for.
 */
public final class IdentityOptions {

    public static final String JWKS_URL_VARIABLE = "ORCHESTRATOR_JWKS_URL";
    public static final String ISSUER_VARIABLE = "ORCHESTRATOR_JWT_ISSUER";
    public static final String AUDIENCE_VARIABLE = "ORCHESTRATOR_JWT_AUDIENCE";

    @Option(names = "--jwks-url", paramLabel = "URL",
            description = "Where the identity provider publishes its keys (JWKS), for RS256/ES256 tokens "
                    + "(env ORCHESTRATOR_JWKS_URL; default none: HS256 only).")
    String jwksUrl;

    @Option(names = "--jwt-issuer", paramLabel = "ISSUER",
            description = "The iss every token must carry, exactly (env ORCHESTRATOR_JWT_ISSUER; default: any).")
    String issuer;

    @Option(names = "--jwt-audience", paramLabel = "AUDIENCE",
            description = "The aud every token must carry (env ORCHESTRATOR_JWT_AUDIENCE; default authenticated).")
    String audience;

    /** {@code settings} with the configured identity provider applied; a bad value is a usage error naming it. */
    public HttpSettings applyTo(HttpSettings settings, Env env) {
        HttpSettings result = settings;
        String url = env.flagOrVariable(jwksUrl, JWKS_URL_VARIABLE);
        if (url != null) {
            result = result.withJwksUrl(jwks(url.strip()));
        }
        String iss = env.flagOrVariable(issuer, ISSUER_VARIABLE);
        if (iss != null) {
            result = result.withIssuer(claimValue(iss, "--jwt-issuer", ISSUER_VARIABLE));
        }
        String aud = env.flagOrVariable(audience, AUDIENCE_VARIABLE);
        if (aud != null) {
            result = result.withAudience(claimValue(aud, "--jwt-audience", AUDIENCE_VARIABLE));
        }
        return result;
    }

    /** A claim value tokens are compared with exactly: non-blank, no control characters. */
    private static String claimValue(String value, String option, String variable) {
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw CliFailure.usage(option + " (" + variable + "): must be a non-blank text without control characters");
        }
        return value;
    }

    private static URI jwks(String value) {
        String problem = "--jwks-url (" + JWKS_URL_VARIABLE + "): must be an absolute http or https URL, got '" + value + "'";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw CliFailure.usage(problem);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliFailure.usage(problem);
        }
    }
}
