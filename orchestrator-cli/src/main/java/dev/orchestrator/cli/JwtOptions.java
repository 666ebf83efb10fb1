package dev.orchestrator.cli;

import dev.orchestrator.http.HttpSettings;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/** The secret HS256 tokens are signed with. Its value is never printed (not even in --help). */
public final class JwtOptions {

    public static final String SECRET_VARIABLE = "ORCHESTRATOR_JWT_SECRET";

    @Option(names = "--jwt-secret", paramLabel = "SECRET",
            description = "HS256 secret, at least 32 bytes (env ORCHESTRATOR_JWT_SECRET; prefer the variable).")
    String secret;

    /** The configured secret, or null when there is none; refused when shorter than 32 bytes. */
    public byte[] resolve(Env env) {
        String value = env.flagOrVariable(secret, SECRET_VARIABLE);
        if (value == null) {
            return null;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < HttpSettings.MIN_SECRET_BYTES) {
            throw CliFailure.usage("--jwt-secret (" + SECRET_VARIABLE + "): must be at least "
                    + HttpSettings.MIN_SECRET_BYTES + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    public byte[] require(Env env) {
        byte[] bytes = resolve(env);
        if (bytes == null) {
            throw CliFailure.usage("--jwt-secret (" + SECRET_VARIABLE + "): required, at least "
                    + HttpSettings.MIN_SECRET_BYTES + " bytes");
        }
        return bytes;
    }
}
