package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.application.port.in.IdentifyCaller;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.testing.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final Map<ProfileId, Profile> profiles = new HashMap<>();
    private int lookups;
    private final IdentifyCaller store = subject -> {
        lookups++;
        return Optional.ofNullable(profiles.get(subject));
    };
    private final CallerCache cache = new CallerCache(store, clock);

    private Profile profile(long n, Role role) {
        Profile profile = new Profile(ProfileId.of(new UUID(1, n)), OrganizationId.of(new UUID(2, 2)),
                "p" + n + "@example.com", "P " + n, role, null);
        profiles.put(profile.id(), profile);
        return profile;
    }

    @Test
    void looksAKnownCallerUpOnceWithinTheTimeToLive() {
        Profile csm = profile(1, Role.CSM);

        cache.identify(csm.id());
        clock.advance(CallerCache.TIME_TO_LIVE.minusSeconds(1));
        Optional<Profile> again = cache.identify(csm.id());

        assertThat(again).contains(csm);
        assertThat(lookups).isEqualTo(1);
    }

    @Test
    void seesAChangeOnceTheTimeToLiveHasPassed() {
        Profile csm = profile(1, Role.CSM);
        cache.identify(csm.id());
        Profile promoted = profile(1, Role.MANAGER);

        assertThat(cache.identify(csm.id())).contains(csm);
        clock.advance(CallerCache.TIME_TO_LIVE);
        assertThat(cache.identify(csm.id())).contains(promoted);
        assertThat(lookups).isEqualTo(2);
    }

    @Test
    void neverRemembersAnUnknownSubject() {
        ProfileId subject = ProfileId.of(new UUID(1, 7));

        assertThat(cache.identify(subject)).isEmpty();
        Profile created = profile(7, Role.CSM);

        assertThat(cache.identify(subject)).contains(created);
        assertThat(lookups).isEqualTo(2);
    }

    @Test
    void staysBounded() {
        for (int i = 0; i < CallerCache.MAX_ENTRIES + 5; i++) {
            cache.identify(profile(i, Role.CSM).id());
        }
        lookups = 0;

        cache.identify(ProfileId.of(new UUID(1, 0)));

        assertThat(lookups).as("the first entries were dropped when the cache started over").isEqualTo(1);
    }
}
