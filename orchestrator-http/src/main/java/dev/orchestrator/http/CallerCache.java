package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.IdentifyCaller;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.ids.ProfileId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers who a token's subject is for a short while. Every API request starts by looking its
 * caller up; without this, that lookup is half of the database work of a queue read (see
 * docs/performance.md). The price: a profile's change of role, manager or organization reaches the
 * API at most {@link #TIME_TO_LIVE} late. Unknown subjects are never remembered.
 */
final class CallerCache implements IdentifyCaller {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    /** Past this many entries the cache starts over: simpler than LRU and enough for one organization's staff. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(Profile profile, Instant expires) {
    }

    private final IdentifyCaller delegate;
    private final Clock clock;
    private final Map<ProfileId, Entry> entries = new ConcurrentHashMap<>();

    CallerCache(IdentifyCaller delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Optional<Profile> identify(ProfileId subject) {
        Instant now = clock.instant();
        Entry cached = entries.get(subject);
        if (cached != null && now.isBefore(cached.expires())) {
            return Optional.of(cached.profile());
        }
        Optional<Profile> found = delegate.identify(subject);
        if (found.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(subject, new Entry(found.get(), now.plus(TIME_TO_LIVE)));
        } else {
            entries.remove(subject);
        }
        return found;
    }
}
