package dev.orchestrator.core.domain.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in a piece of incoming data. Counts all of them but keeps only the first
 * {@value #KEEP}: an import file with a million bad rows must not hold a million messages.
 */
public final class Problems {

    public static final int KEEP = 50;

    private final List<Problem> kept = new ArrayList<>();
    private long count;

    public void add(String field, String reason) {
        count++;
        if (kept.size() < KEEP) {
            kept.add(new Problem(field, reason));
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public long count() {
        return count;
    }

    public List<Problem> kept() {
        return List.copyOf(kept);
    }
}
