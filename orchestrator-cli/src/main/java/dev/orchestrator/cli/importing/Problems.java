package dev.orchestrator.cli.importing;

import java.util.ArrayList;
import java.util.List;

/** Problems found in an import file, each as "path: reason"; keeps the first {@value #KEEP}. */
public final class Problems {

    static final int KEEP = 50;

    private final List<String> kept = new ArrayList<>();
    private long count;

    public void add(String path, String reason) {
        count++;
        if (kept.size() < KEEP) {
            kept.add(path + ": " + reason);
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public long count() {
        return count;
    }

    public List<String> kept() {
        return List.copyOf(kept);
    }
}
