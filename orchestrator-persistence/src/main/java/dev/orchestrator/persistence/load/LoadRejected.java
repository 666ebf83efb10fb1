package dev.orchestrator.persistence.load;

/**
 * The database refused a row (or a batch) of a bulk load; the transaction has been rolled back.
 * {@link #location()} names the row as {@code section[index]} when it could be pinned down, else
 * the section and the range of rows.
 */
public final class LoadRejected extends RuntimeException {

    private final String location;
    private final String reason;

    public LoadRejected(String location, String reason, Throwable cause) {
        super(location + ": " + reason, cause);
        this.location = location;
        this.reason = reason;
    }

    public String location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
