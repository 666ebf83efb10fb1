package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.EmptyDatabase;
import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daily job across real {@code serve} processes (the packaged jar, as users run it; failsafe runs this
 * after {@code package}) on one database, with short heartbeats: a due time is run by exactly one of them;
 * when the instance running it is killed (-9) mid-run, another takes the run over and finishes it, and the
 * data ends up exactly as one run would leave it (compared with a reference database where
 * {@code interpret-signals} ran once on the same seed). Due times are made to come by setting the scheduler's
 * execution time to now, as the clock reaching 00:05 would. Waits are bounded and generous; nothing sleeps
 * for an assumed duration before an assertion except the short grace period that lets a duplicate show.
 */
@WithPostgres
class JobsIT {

    private static final Path JAR = Path.of("target", "orchestrator.jar");
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SEED = "--seed=11";

    private final TestDatabase db;
    private final Map<String, Process> serving = new LinkedHashMap<>();

    JobsIT(TestDatabase db) {
        this.db = db;
    }

    @AfterEach
    void stopEverything() {
        serving.values().forEach(Process::destroyForcibly);
    }

    @Test
    void twoInstancesRunEachDueTimeOnceAndTheSurvivorFinishesARunWhoseInstanceWasKilled(
            @EmptyDatabase TestDatabase reference) throws Exception {
        assertThat(Files.isRegularFile(JAR)).as("target/orchestrator.jar built by package").isTrue();
        seed(db);
        seed(reference);
        assertThat(run(reference, "interpret-signals").exitCode).isZero();

        serve("it-a");
        serve("it-b");
        awaitServing("it-a");
        awaitServing("it-b");
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'daily'")).isEqualTo(1);

        // 1. A due time while the first step cannot write (the test holds a lock on workflow_executions), so
        //    that the run is surely in progress when its instance is killed.
        String killed;
        String survivor;
        try (Connection blocker = db.connection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE workflow_executions IN EXCLUSIVE MODE");
            makeDailyDue();
            await("a scheduled run in progress", () -> count("status = 'running'") == 1);
            killed = TestDatabaseSql.value(db, "SELECT instance FROM job_runs WHERE status = 'running'");
            survivor = killed.equals("it-a") ? "it-b" : "it-a";
            assertThat(TestDatabaseSql.value(db, "SELECT picked_by FROM scheduled_tasks WHERE task_name = 'daily'")).isEqualTo(killed);
            serving.get(killed).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            blocker.commit();
        }
        String takenOver = "instance = '" + survivor + "' AND trigger = 'schedule' AND status = 'succeeded'";
        await("the survivor to finish the run", () -> count(takenOver) == 1 && idle());
        assertThat(count("instance = '" + killed + "'")).isEqualTo(1);
        assertThat(TestDatabaseSql.value(db, "SELECT status FROM job_runs WHERE instance = '" + killed + "'")).isEqualTo("abandoned");
        assertThat(executions(db)).as("exactly what one interpretation makes").isEqualTo(executions(reference));
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM workflow_execution_events WHERE action = 'create'"))
                .isEqualTo(TestDatabaseSql.count(reference, "SELECT count(*) FROM workflow_execution_events WHERE action = 'create'"));

        // 2. Two live instances again (a new one replaces the killed one): each due time runs exactly once,
        //    and creates nothing (the day's work is done).
        serve("it-c");
        awaitServing("it-c");
        for (int dueTime = 1; dueTime <= 2; dueTime++) {
            long before = count("trigger = 'schedule'");
            makeDailyDue();
            await("due time " + dueTime + " to be run", () -> count("trigger = 'schedule'") > before && idle());
            Thread.sleep(3_000); // three polling intervals: time enough for a second instance to (wrongly) run it
            assertThat(count("trigger = 'schedule'")).as("runs of due time " + dueTime).isEqualTo(before + 1);
            String latest = "started_at = (SELECT max(started_at) FROM job_runs)";
            assertThat(TestDatabaseSql.value(db, "SELECT status FROM job_runs WHERE " + latest)).isEqualTo("succeeded");
            assertThat(TestDatabaseSql.value(db, "SELECT steps -> 0 -> 'counts' ->> 'created' FROM job_runs WHERE " + latest))
                    .isEqualTo("0");
        }
        assertThat(executions(db)).isEqualTo(executions(reference));
        assertThat(TestDatabaseSql.count(db, "SELECT count(*) FROM job_runs WHERE status = 'running'")).isZero();

        // 3. Stateless instances: the same request gets the same answer from either, and a write through one
        //    is what the other serves next (no instance keeps state of its own; docs/scaling.md).
        String csm = TestDatabaseSql.value(db, "SELECT assigned_csm_id::text FROM workflow_executions WHERE status = 'not_started'"
                + " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        Result token = run(db, "token", "--profile", csm);
        assertThat(token.exitCode).as(token.output).isZero();
        String bearer = token.output.strip();
        String queueOfSurvivor = get(survivor, "/api/orchestrator/queue?limit=20", bearer);
        assertThat(queueOfSurvivor).contains("\"id\"");
        assertThat(get("it-c", "/api/orchestrator/queue?limit=20", bearer)).isEqualTo(queueOfSurvivor);
        String top = queueOfSurvivor.replaceFirst("(?s)^\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertThat(top).hasSize(36);
        HttpResponse<String> snoozed = http().send(HttpRequest.newBuilder(URI.create(base(survivor)
                        + "/api/orchestrator/executions/" + top + "/snooze"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"days\":30}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(snoozed.statusCode()).as(snoozed.body()).isEqualTo(200);
        String queueOfC = get("it-c", "/api/orchestrator/queue?limit=20", bearer);
        assertThat(queueOfC).as("the snooze made through the survivor, as it-c serves it").isNotEqualTo(queueOfSurvivor);
        assertThat(get(survivor, "/api/orchestrator/queue?limit=20", bearer)).isEqualTo(queueOfC);

        // 4. What the survivors saw is in the jobs list.
        Result list = run(db, "jobs", "list", "--limit", "10");
        assertThat(list.exitCode).as(list.output).isZero();
        assertThat(list.output).contains("abandoned").contains(killed).contains(survivor);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The instance's URL, from the line serve prints when it listens (it was started with --port 0). */
    private static String base(String instance) {
        Matcher m = Pattern.compile("Serving the HTTP API on http://\\S+:(\\d+)").matcher(log(instance));
        assertThat(m.find()).as(instance + " printed where it listens").isTrue();
        return "http://127.0.0.1:" + m.group(1);
    }

    private static String get(String instance, String path, String bearer) throws Exception {
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(URI.create(base(instance) + path))
                .header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(instance + " " + path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private long count(String where) {
        return TestDatabaseSql.count(db, "SELECT count(*) FROM job_runs WHERE job = 'daily' AND " + where);
    }

    /** Nothing picked, and the next due time is the schedule's (tomorrow), not a pending one. */
    /**
     * The daily task waits for its next daily time (00:05 UTC), not for a retry (2 s away). Told by the time
     * of day, not by how far away it is: from 23:05 UTC the next 00:05 is less than an hour ahead (a bound of
     * "more than an hour" failed every run in that hour).
     */
    private boolean idle() {
        return TestDatabaseSql.count(db, "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'daily' AND NOT picked"
                + " AND execution_time > now() AND (execution_time AT TIME ZONE 'UTC')::time = time '00:05'") == 1;
    }

    private void makeDailyDue() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE scheduled_tasks SET execution_time = now() "
                    + "WHERE task_name = 'daily' AND NOT picked")).isEqualTo(1);
        }
    }

    /** The executions as a multiset of (definition, customer, status, score): ids of created ones are random. */
    private static String executions(TestDatabase database) {
        return TestDatabaseSql.value(database, "SELECT count(*) || ':' || md5(string_agg(t, '|' ORDER BY t)) FROM (SELECT "
                + "workflow_definition_id || '/' || customer_id || '/' || status || '/' || priority_score AS t "
                + "FROM workflow_executions) x");
    }

    private void seed(TestDatabase database) throws Exception {
        assertThat(run(database, "migrate").exitCode).isZero();
        Result seed = run(database, "seed", "synthetic", "--organizations", "2", "--csms", "6", "--customers", "3000",
                "--executions", "4000", SEED);
        assertThat(seed.exitCode).as(seed.output).isZero();
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            for (Map.Entry<String, Process> p : serving.entrySet()) {
                if (!p.getValue().isAlive() && p.getValue().exitValue() != 137 && p.getValue().exitValue() != 9) {
                    throw new AssertionError(p.getKey() + " ended (exit " + p.getValue().exitValue() + "): " + log(p.getKey()));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what + "; logs:\n"
                        + String.join("\n", serving.keySet().stream().map(k -> k + ": " + log(k)).toList()));
            }
            Thread.sleep(200);
        }
    }

    private void awaitServing(String instance) throws InterruptedException {
        await(instance + " to serve", () -> log(instance).contains("Serving the HTTP API"));
        assertThat(log(instance)).contains("Running the daily job daily at 00:05 UTC as " + instance);
    }

    private static Path logOf(String instance) {
        return Path.of("target", "jobs-it-" + instance + ".log");
    }

    private static String log(String instance) {
        try {
            return Files.exists(logOf(instance)) ? Files.readString(logOf(instance)) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void serve(String instance) throws IOException {
        Files.deleteIfExists(logOf(instance));
        ProcessBuilder builder = command(db, "serve", "--port", "0", "--instance", instance,
                "--jobs-heartbeat", "1s", "--jobs-poll", "1s", "--jobs-retry", "2s");
        builder.redirectErrorStream(true).redirectOutput(logOf(instance).toFile());
        serving.put(instance, builder.start());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(TestDatabase database, String... arguments) throws Exception {
        Process process = command(database, arguments).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the jar finished in time").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static ProcessBuilder command(TestDatabase database, String... arguments) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("ORCHESTRATOR_DB_URL", database.jdbcUrl());
        builder.environment().put("ORCHESTRATOR_JWT_SECRET", SECRET);
        builder.environment().put("ORCHESTRATOR_DB_USER", database.user());
        if (database.password() != null) {
            builder.environment().put("ORCHESTRATOR_DB_PASSWORD", database.password());
        }
        return builder;
    }
}
