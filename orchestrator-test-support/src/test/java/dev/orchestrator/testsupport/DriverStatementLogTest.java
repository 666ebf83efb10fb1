package dev.orchestrator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The CLI suite's statement check reads statements out of the JDBC driver's protocol log
 * ({@link DriverStatementLog}). These tests run real statements through the driver in use and
 * require that the log announces each of them with its exact text: if a driver upgrade changes the
 * log's wording, they fail, rather than the check silently passing every class because it sees nothing.
 */
@WithPostgres
class DriverStatementLogTest {

    private final TestDatabase db;

    DriverStatementLogTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aPreparedAndASimpleStatementAreReadWithTheirExactText() throws SQLException {
        String prepared = "select count(*) from workflow_executions where organization_id = cast(? as uuid) /* prepared */";
        String simple = "select 1 /* simple */";
        List<String> announced = new CopyOnWriteArrayList<>();
        Handler spy = new Handler() {
            @Override
            public void publish(LogRecord record) {
                announced.add(DriverStatementLog.statementOf(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        DriverStatementLog log = DriverStatementLog.start();
        Logger driver = Logger.getLogger(DriverStatementLog.DRIVER);
        driver.addHandler(spy);
        long before = log.seen();
        try (Connection connection = db.connection()) {
            try (PreparedStatement statement = connection.prepareStatement(prepared)) {
                statement.setString(1, "7e579008-0001-4000-8000-000000000001");
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(simple);
            }
        } finally {
            driver.removeHandler(spy);
            log.stop();
        }
        List<String> texts = announced.stream().filter(Objects::nonNull).toList();
        // the driver rewrites ? to $1 in what it sends
        assertThat(texts).contains(prepared.replace("?", "$1"));
        assertThat(texts).anyMatch(text -> text.contains(simple));
        assertThat(log.seen() - before).as("statements counted while recording").isGreaterThanOrEqualTo(2);
    }

    @Test
    void afterStopTheDriverIsNotTracedAnyMore() throws SQLException {
        DriverStatementLog log = DriverStatementLog.start();
        log.stop();
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.execute("select 2");
        }
        assertThat(log.seen()).isZero();
    }
}
