package dev.orchestrator.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every statement the PostgreSQL JDBC driver parses or sends as a simple query, read from the driver's
 * own FINEST log on the thread that sends it, with the adapter method that sent it
 * ({@link StatementRecorder#sender()}). For code that opens its own pools where no test can wrap the
 * DataSource: the CLI's commands, {@code serve} run in-process. A statement the driver has already
 * prepared on a connection is parsed once per connection, so each statement text is seen at least once
 * per connection, which is what a check of the texts needs. {@code COPY} is not seen.
 */
public final class DriverStatementLog extends Handler {

    /** The driver's protocol logger (pgjdbc 42.7: {@code QueryExecutorImpl}). */
    static final String DRIVER = "org.postgresql.core.v3.QueryExecutorImpl";
    private static final String PARSE = " FE=> Parse(stmt=";
    private static final String QUERY = ",query=\"";
    private static final String OIDS = "\",oids={";
    private static final String SIMPLE = " FE=> SimpleQuery(query=";

    private final Logger logger = Logger.getLogger(DRIVER);
    private final List<StatementRecorder.Recorded> recorded = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
    private Level previousLevel;
    private boolean previousParents;

    private DriverStatementLog() {
    }

    /** Starts recording every statement the driver sends from now on, in this JVM. */
    public static DriverStatementLog start() {
        DriverStatementLog log = new DriverStatementLog();
        log.previousLevel = log.logger.getLevel();
        log.previousParents = log.logger.getUseParentHandlers();
        log.setLevel(Level.FINEST);
        // The driver's protocol trace is for this check only: not passed on to the logs (a bridge to SLF4J).
        log.logger.setUseParentHandlers(false);
        log.logger.setLevel(Level.FINEST);
        log.logger.addHandler(log);
        return log;
    }

    /** Stops recording; the driver logs as before. */
    public void stop() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousParents);
    }

    /** How many statements the driver sent so far, from anywhere (adapters, fixtures, the driver itself). */
    public long seen() {
        return seen.get();
    }

    /** What was recorded so far, in order. */
    public List<StatementRecorder.Recorded> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public void publish(LogRecord record) {
        String sql = statementOf(record);
        if (sql != null) {
            seen.incrementAndGet();
            StatementRecorder.sender().ifPresent(sender -> recorded.add(new StatementRecorder.Recorded(sql, sender)));
        }
    }

    /**
     * The statement a driver log record announces ({@code Parse} of a prepared statement, or a simple
     * query), or null for every other record. The check depends on the driver's message text, so
     * {@code DriverStatementLogTest} pins it to the driver in use: an upgrade that changes the text
     * fails there instead of turning every statement check into one that sees nothing.
     */
    static String statementOf(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return null;
        }
        if (message.startsWith(PARSE)) {
            int start = message.indexOf(QUERY);
            int end = message.lastIndexOf(OIDS);
            return start >= 0 && end > start ? message.substring(start + QUERY.length(), end) : null;
        }
        if (message.startsWith(SIMPLE) && record.getParameters() != null && record.getParameters().length > 0) {
            return String.valueOf(record.getParameters()[0]);
        }
        return null;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
