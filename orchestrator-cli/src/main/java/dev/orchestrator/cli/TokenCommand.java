package dev.orchestrator.cli;

import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.http.HttpSettings;
import dev.orchestrator.http.TokenMinter;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a JWT (HS256, audience 'authenticated') for a profile, signed with the configured "
                + "secret, to try the HTTP API with curl:",
                "  curl -H \"Authorization: Bearer $(orchestrator token --profile ID)\" "
                        + "localhost:7070/api/orchestrator/queue"})
final class TokenCommand extends DatabaseCommand {

    static final Duration MAX_TTL = Duration.ofDays(30);

    @Mixin
    JwtOptions jwt;

    @Option(names = "--profile", paramLabel = "ID", required = true, description = "The profile the token is for.")
    String profile;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "8h",
            description = "How long the token is valid: 90s, 30m, 8h, 7d (default ${DEFAULT-VALUE}, at most 30d).")
    String ttl;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        byte[] secret = jwt.require(env);
        UUID profileId = UuidOptions.parse("--profile", profile);
        Duration lifetime = Durations.parse("--ttl", ttl);
        if (lifetime.isZero() || lifetime.isNegative() || lifetime.compareTo(MAX_TTL) > 0) {
            throw CliFailure.usage("--ttl: must be more than 0 and at most 30 days");
        }
        try (Database database = openMigratedDatabase()) {
            if (database.ports().profiles().findCaller(new ProfileId(profileId)).isEmpty()) {
                throw CliFailure.failure("--profile: there is no profile " + profileId + " in the "
                        + database.description());
            }
        }
        env.out().println(new TokenMinter(secret, Clock.systemUTC()).mint(profileId, HttpSettings.DEFAULT_AUDIENCE,
                lifetime));
        return 0;
    }
}
