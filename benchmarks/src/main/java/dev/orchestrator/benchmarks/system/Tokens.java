package dev.orchestrator.benchmarks.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 bearer tokens as the service accepts them ({@code sub} = profile id, {@code aud}
 * "authenticated", {@code iat}, {@code exp}), minted by the load driver itself so that it needs no
 * product class and no process per token.
 */
final class Tokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String secret;

    Tokens(String secret) {
        this.secret = secret;
    }

    /** A fresh random secret (64 hex characters = 64 bytes as UTF-8), for one suite run. */
    static Tokens random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new Tokens(HexFormat.of().formatHex(bytes));
    }

    String secret() {
        return secret;
    }

    String mint(String profileId) {
        long now = Instant.now().getEpochSecond();
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = B64.encodeToString(("{\"sub\":\"" + profileId + "\",\"aud\":\"authenticated\",\"iat\":" + now
                + ",\"exp\":" + (now + 4 * 3600) + "}").getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
