package dev.orchestrator.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.testsupport.TestDatabase;
import dev.orchestrator.testsupport.WithPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What makes the peer benchmark a comparison: on a tiny data set each peer's adapter does what the
 * product does. Every assignee's "my queue" lists the same 10 tasks with the same priorities as the
 * product's queue (ties at the page's last priority may pick other tasks of that priority: no peer
 * breaks ties as the product does), before and after re-prioritizing with the changed policy, and
 * after each completes the same tasks. No timing.
 */
@WithPostgres
class PeersAgreementTest {

    private static Postgres pg;
    private static String prefix;
    private static final List<String> databases = new ArrayList<>();

    @BeforeAll
    static void server(TestDatabase db) throws Exception {
        List<String> args = new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "--db-user", db.user(),
                "--db-prefix", db.name() + "_peers"));
        if (db.password() != null) {
            args.addAll(List.of("--db-password", db.password()));
        }
        Options options = Options.parse(args.toArray(String[]::new));
        prefix = options.dbPrefix;
        pg = Postgres.open(options);
    }

    @AfterAll
    static void dropAll() throws Exception {
        for (String d : databases) {
            pg.drop(d);
        }
        pg.close();
    }

    private static String database(String suffix) throws Exception {
        String name = prefix + "_" + suffix;
        databases.add(name);
        pg.recreate(name);
        return name;
    }

    @Test
    void everyPeerListsTheProductsQueueBeforeAndAfterReprioritizingAndCompleting() throws Exception {
        String ours = database("product");
        pg.migrate(ours);
        try (Connection c = pg.connect(ours)) {
            SqlSeeder.seed(c, DataShape.forExecutions(300), 7);
        }
        try (ProductPeer product = new ProductPeer(pg.url(ours), pg.user(), pg.password())) {
            List<PeerEngine.OpenTask> open;
            try (Connection c = pg.connect(ours)) {
                open = PeersSection.openTasks(c);
            }
            List<String> assignees = new ArrayList<>(new LinkedHashSet<>(open.stream().map(PeerEngine.OpenTask::assignee).toList()));
            assertThat(assignees).hasSizeGreaterThan(3);
            assertThat(open.size()).isGreaterThan(10 * assignees.size() / 2);

            List<PeerEngine> peers = new ArrayList<>();
            try {
                for (Map.Entry<String, PeersSection.Opener> e : PeersSection.openers().entrySet()) {
                    String d = database("peer_" + e.getKey());
                    PeerEngine engine = e.getValue().open(pg.url(d), pg.user(), pg.password());
                    peers.add(engine);
                    engine.create(open, 2);
                }
                assertSameQueues(product, peers, assignees, open);

                Map<String, Integer> before = byKey(open);
                long written = product.recompute(PeersSection.CHANGED_POLICY).changed();
                List<PeerEngine.OpenTask> rescored;
                try (Connection c = pg.connect(ours)) {
                    rescored = PeersSection.openTasks(c);
                }
                Map<String, Integer> changed = new HashMap<>();
                rescored.forEach(t -> {
                    if (t.priority() != before.get(t.key())) {
                        changed.put(t.key(), t.priority());
                    }
                });
                assertThat(written).isPositive();
                assertThat(changed).as("the rule change changes scores").isNotEmpty();
                for (PeerEngine engine : peers) {
                    engine.reprioritize(changed, 2);
                }
                assertSameQueues(product, peers, assignees, rescored);

                // Everyone completes the product's first two queue entries of each assignee.
                List<PeerEngine.OpenTask> done = new ArrayList<>();
                Map<String, PeerEngine.OpenTask> task = rescored.stream()
                        .collect(Collectors.toMap(PeerEngine.OpenTask::key, t -> t));
                for (String a : assignees) {
                    product.myQueue(a, 2).forEach(r -> done.add(task.get(r.key())));
                }
                for (PeerEngine.OpenTask t : done) {
                    product.complete(t);
                    for (PeerEngine engine : peers) {
                        engine.complete(t);
                    }
                }
                Set<String> doneKeys = done.stream().map(PeerEngine.OpenTask::key).collect(Collectors.toSet());
                List<PeerEngine.OpenTask> left = rescored.stream().filter(t -> !doneKeys.contains(t.key())).toList();
                try (Connection c = pg.connect(ours)) {
                    assertThat(PeersSection.openTasks(c)).hasSameSizeAs(left);
                }
                assertSameQueues(product, peers, assignees, left);
            } finally {
                for (PeerEngine engine : peers) {
                    engine.close();
                }
            }
        }
    }

    private static Map<String, Integer> byKey(List<PeerEngine.OpenTask> tasks) {
        Map<String, Integer> m = new HashMap<>();
        tasks.forEach(t -> m.put(t.key(), t.priority()));
        return m;
    }

    private static void assertSameQueues(ProductPeer product, List<PeerEngine> peers, List<String> assignees,
            List<PeerEngine.OpenTask> open) throws Exception {
        Map<String, PeerEngine.OpenTask> task = open.stream().collect(Collectors.toMap(PeerEngine.OpenTask::key, t -> t));
        for (String a : assignees) {
            List<PeerEngine.Ranked> ours = product.myQueue(a, PeersSection.LIMIT);
            assertThat(ours).isNotEmpty();
            ours.forEach(r -> assertThat(task.get(r.key())).as("our queue lists open tasks of its CSM")
                    .isEqualTo(new PeerEngine.OpenTask(r.key(), a, r.priority())));
            assertThat(product.myQueuePage(a, PeersSection.LIMIT)).as("the queue port's page is the use case's")
                    .isEqualTo(ours);
            int last = ours.get(ours.size() - 1).priority();
            Set<String> above = ours.stream().filter(r -> r.priority() > last).map(PeerEngine.Ranked::key)
                    .collect(Collectors.toSet());
            for (PeerEngine engine : peers) {
                List<PeerEngine.Ranked> theirs = engine.myQueue(a, PeersSection.LIMIT);
                assertThat(theirs.stream().map(PeerEngine.Ranked::priority).toList()).as(engine.name() + ", queue of " + a)
                        .isEqualTo(ours.stream().map(PeerEngine.Ranked::priority).toList());
                assertThat(theirs.stream().filter(r -> r.priority() > last).map(PeerEngine.Ranked::key)
                        .collect(Collectors.toSet())).as(engine.name() + ", tasks above the last priority").isEqualTo(above);
                theirs.forEach(r -> assertThat(task.get(r.key())).as(engine.name() + " lists open tasks of " + a)
                        .isEqualTo(new PeerEngine.OpenTask(r.key(), a, r.priority())));
            }
        }
    }
}
