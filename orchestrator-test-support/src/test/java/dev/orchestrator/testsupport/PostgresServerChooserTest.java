package dev.orchestrator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chooser, driven by explicit settings instead of the real environment. */
class PostgresServerChooserTest {

    private static PostgresServerChooser chooserWith(Map<String, String> settings) {
        return new PostgresServerChooser(settings::get);
    }

    private static boolean localPostgresListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void withoutUrlPicksTheLocalServer() throws Exception {
        assumeTrue(localPostgresListening(), "needs a PostgreSQL on 127.0.0.1:5432 (true on the dev machine)");

        PostgresServerChooser.Choice choice = chooserWith(Map.of()).choose();

        assertThat(choice.server().source()).isEqualTo("local");
        assertThat(choice.reason()).contains("ORCHESTRATOR_TEST_DB_URL is not set");
        try (Connection connection = choice.server().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_user")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("postgres");
        }
    }

    @Test
    void urlWinsAndItsCredentialsAreUsed() throws Exception {
        assumeTrue(localPostgresListening(), "needs a PostgreSQL on 127.0.0.1:5432 (true on the dev machine)");

        PostgresServerChooser.Choice choice = chooserWith(Map.of(
                PostgresServerChooser.URL, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&ApplicationName=x")).choose();

        assertThat(choice.server().source()).isEqualTo("url");
        assertThat(choice.server().user()).isEqualTo("postgres");
        assertThat(choice.server().jdbcUrl("abc")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/abc");
        assertThat(choice.reason()).contains("ORCHESTRATOR_TEST_DB_URL is set");
    }

    @Test
    void userVariableOverridesTheUserInTheUrl() {
        assumeTrue(localPostgresListening(), "needs a PostgreSQL on 127.0.0.1:5432 (true on the dev machine)");

        PostgresServer server = chooserWith(Map.of(
                PostgresServerChooser.URL, "jdbc:postgresql://127.0.0.1:5432/postgres?user=nobody",
                PostgresServerChooser.USER, "postgres")).choose().server();

        assertThat(server.user()).isEqualTo("postgres");
    }

    @Test
    void aUrlThatDoesNotWorkFailsInsteadOfFallingBack() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        PostgresServerChooser chooser = chooserWith(Map.of(
                PostgresServerChooser.URL, "jdbc:postgresql://127.0.0.1:" + deadPort + "/postgres"));

        assertThatThrownBy(chooser::choose)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORCHESTRATOR_TEST_DB_URL is set but connecting to")
                .hasMessageContaining(":" + deadPort);
    }

    @Test
    void anUnknownForcedSourceIsRejectedWithTheChoices() {
        assertThatThrownBy(chooserWith(Map.of(PostgresServerChooser.FORCE, "oracle"))::choose)
                .hasMessageContaining("use url, local, testcontainers or embedded");
    }

    @Test
    void theFailureMessageSaysHowToProvideADatabase() {
        String message = PostgresServerChooser.howToProvideOne(List.of("nothing listens on 127.0.0.1:5432"));

        assertThat(message)
                .contains("nothing listens on 127.0.0.1:5432")
                .contains("set ORCHESTRATOR_TEST_DB_URL=jdbc:postgresql://")
                .contains("ORCHESTRATOR_TEST_DB_USER")
                .contains("start a PostgreSQL on 127.0.0.1:5432")
                .contains("install and start Docker");
    }
}
