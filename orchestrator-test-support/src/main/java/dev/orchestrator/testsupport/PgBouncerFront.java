package dev.orchestrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PgBouncer in <em>transaction pooling</em> mode in front of the tests' PostgreSQL, started by the
 * tests themselves when {@value #POOLER}{@code =pgbouncer} (docs/scaling.md): every connection the
 * code under test opens then goes through it, so each statement runs on whatever server connection
 * PgBouncer hands out for that transaction. Anything that depends on session state (a session-level
 * {@code SET}, an advisory lock taken outside a transaction, a named server-side prepared statement)
 * breaks there, and the suite shows it.
 *
 * <p>The binary is Debian's {@code pgbouncer} package ({@value #BINARY} names another one). It
 * refuses to run as root, so as root it is started as the unprivileged {@code postgres} or
 * {@code nobody} user through {@code runuser}. Clients are trusted (the test server's own rules still
 * apply behind it); the users it may log in as are the server's and {@link ServiceRole}'s.
 */
final class PgBouncerFront {

    /** {@code pgbouncer}: put a PgBouncer between the tests and their server. */
    static final String POOLER = "ORCHESTRATOR_TEST_DB_POOLER";
    /** Path of the pgbouncer binary, when it is not on the PATH or in /usr/sbin. */
    static final String BINARY = "ORCHESTRATOR_TEST_PGBOUNCER";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private PgBouncerFront() {
    }

    /** Whether {@value #POOLER} asks for a PgBouncer. */
    static boolean requested() {
        String pooler = setting(POOLER);
        if (pooler == null || pooler.isBlank() || pooler.equalsIgnoreCase("none")) {
            return false;
        }
        if (!pooler.equalsIgnoreCase("pgbouncer")) {
            throw new IllegalStateException(POOLER + "=" + pooler + ": the only pooler the tests know is pgbouncer");
        }
        return true;
    }

    /** The binary to run, if one is installed. */
    static Optional<Path> binary() {
        String named = setting(BINARY);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "pgbouncer"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/pgbouncer")); // Debian's package; /usr/sbin is often not on a user's PATH
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts a PgBouncer in front of {@code server} and answers it as a server the tests connect to
     * (its stopper stops the PgBouncer, not the server behind it).
     */
    static PostgresServer start(PostgresServer server, Path binary) {
        try {
            Path dir = Files.createTempDirectory("orchestrator-pgbouncer-");
            // readable and writable by the unprivileged user PgBouncer runs as when we are root
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            int port = freePort();
            Path users = dir.resolve("users.txt");
            Files.writeString(users, quoted(server.user(), server.password())
                    + quoted(ServiceRole.NAME, ServiceRole.PASSWORD));
            Path ini = dir.resolve("pgbouncer.ini");
            Files.writeString(ini, """
                    [databases]
                    * = host=%s port=%d
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = transaction
                    max_client_conn = 400
                    default_pool_size = 20
                    ignore_startup_parameters = extra_float_digits
                    logfile = %s
                    pidfile = %s
                    """.formatted(server.host(), server.port(), port, users, dir.resolve("pgbouncer.log"),
                    dir.resolve("pgbouncer.pid")));
            for (Path file : List.of(users, ini)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            }
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("runuser", "-u", unprivilegedUser(), "--"));
            }
            command.addAll(List.of(binary.toString(), ini.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            awaitListening(port, process, dir);
            System.err.println("[orchestrator-tests] PgBouncer (transaction pooling) on 127.0.0.1:" + port
                    + " in front of " + server + "; its log: " + dir.resolve("pgbouncer.log"));
            return new PostgresServer("pgbouncer", "127.0.0.1", port, server.user(), server.password(),
                    server.maintenanceDatabase(), () -> stop(process));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer (" + binary + "): " + e.getMessage(), e);
        }
    }

    private static String unprivilegedUser() {
        for (String user : List.of("postgres", "nobody")) {
            try {
                Process id = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
                if (id.waitFor(5, TimeUnit.SECONDS) && id.exitValue() == 0) {
                    return user;
                }
            } catch (IOException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("PgBouncer refuses to run as root and neither a postgres nor a nobody user exists");
    }

    private static void awaitListening(int port, Process process, Path dir) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ": "
                        + tail(dir.resolve("stdout.log")) + " " + tail(dir.resolve("pgbouncer.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("PgBouncer did not listen on " + port + " within " + START_TIMEOUT.toSeconds()
                + " s: " + tail(dir.resolve("pgbouncer.log")));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String quoted(String user, String password) {
        return "\"" + user + "\" \"" + (password == null ? "" : password) + "\"\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            return text.length() > 600 ? text.substring(text.length() - 600) : text;
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PgBouncer", e);
        }
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }
}
