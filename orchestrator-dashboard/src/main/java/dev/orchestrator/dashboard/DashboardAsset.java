package dev.orchestrator.dashboard;

import java.util.Objects;

/** One file of the dashboard as the browser gets it: its name (under {@code /dashboard/}), media type and bytes. */
public record DashboardAsset(String name, String contentType, byte[] body) {

    public DashboardAsset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The page itself (index.html) is asked for again on every visit; scripts and the stylesheet may be revalidated. */
    public boolean isPage() {
        return contentType.startsWith("text/html");
    }
}
