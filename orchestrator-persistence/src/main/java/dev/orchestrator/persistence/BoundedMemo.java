package dev.orchestrator.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values worked out once per key and shared across threads, at most {@code max} of them: a key space a
 * caller could grow without end (a client varying every parameter, every distinct jsonb text) costs at
 * most that many entries. When full it starts over, so that what is in use now is what it holds; the
 * values must be immutable (or never changed after they are remembered). The one bounded memo of the
 * adapters: rendered statement shapes ({@link RenderedOnce}), stored policy versions
 * ({@link JooqPolicyVersions}), small parsed jsonb objects ({@link JsonbCodec}).
 */
final class BoundedMemo<K, V> {

    private final Map<K, V> known = new ConcurrentHashMap<>();
    private final int max;

    BoundedMemo(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        this.max = max;
    }

    /** The value remembered for {@code key}, or null. */
    V get(K key) {
        return known.get(key);
    }

    /**
     * Remembers {@code fresh} for {@code key} (emptying the memo first when it is full) and returns the
     * value remembered: {@code fresh}, or what another thread remembered for {@code key} just before.
     */
    V remember(K key, V fresh) {
        if (known.size() >= max) {
            known.clear();
        }
        V earlier = known.putIfAbsent(key, fresh);
        return earlier == null ? fresh : earlier;
    }
}
