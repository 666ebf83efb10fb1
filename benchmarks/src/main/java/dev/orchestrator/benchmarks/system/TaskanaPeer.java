package dev.orchestrator.benchmarks.system;

import com.zaxxer.hikari.HikariDataSource;
import java.security.PrivilegedExceptionAction;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import pro.taskana.TaskanaConfiguration;
import pro.taskana.classification.api.ClassificationService;
import pro.taskana.classification.api.models.Classification;
import pro.taskana.common.api.BaseQuery.SortDirection;
import pro.taskana.common.api.TaskanaEngine;
import pro.taskana.common.api.TaskanaEngine.ConnectionManagementMode;
import pro.taskana.common.api.security.UserPrincipal;
import pro.taskana.task.api.TaskService;
import pro.taskana.task.api.TaskState;
import pro.taskana.task.api.models.Task;
import pro.taskana.task.internal.jobs.TaskUpdatePriorityJob;
import pro.taskana.workbasket.api.WorkbasketService;
import pro.taskana.workbasket.api.WorkbasketType;
import pro.taskana.workbasket.api.models.Workbasket;

/**
 * TASKANA ({@code pro.taskana:taskana-core}): tasks in workbaskets, one personal workbasket per
 * assignee, one classification. Security off (no JAAS roles to set up), job scheduler off; the
 * acting user of claim and complete is a JAAS subject, as TASKANA reads it. Priorities come from
 * TASKANA's priority SPI ({@link TaskanaPriorities}); re-prioritizing runs its
 * {@code TaskUpdatePriorityJob}. TASKANA has no bulk create: tasks are created one
 * {@code createTask} (one transaction) at a time, by {@code threads} writers.
 */
final class TaskanaPeer implements PeerEngine {

    static final String VERSION = "8.2.0";
    static final String DOMAIN = "BENCH";
    private static final String CLASSIFICATION = "BENCH";

    private final HikariDataSource pool;
    private final TaskanaEngine engine;
    private final TaskService tasks;
    private final WorkbasketService workbaskets;
    /** Workbasket id by assignee. */
    private final Map<String, String> basketOf = new ConcurrentHashMap<>();
    /** TASKANA's own task id by our key (its externalId). */
    private final Map<String, String> idOf = new ConcurrentHashMap<>();

    TaskanaPeer(String url, String user, String password) throws Exception {
        this.pool = PeerEngine.pool(url, user, password, "taskana");
        TaskanaConfiguration config = new TaskanaConfiguration.Builder(pool, false, "taskana", false)
                .domains(List.of(DOMAIN))
                .classificationTypes(List.of("TASK"))
                .classificationCategoriesByType(Map.of("TASK", List.of("EXTERNAL")))
                .jobSchedulerEnabled(false)
                .build();
        this.engine = TaskanaEngine.buildTaskanaEngine(config, ConnectionManagementMode.AUTOCOMMIT);
        this.tasks = engine.getTaskService();
        this.workbaskets = engine.getWorkbasketService();
        ClassificationService classifications = engine.getClassificationService();
        if (classifications.createClassificationQuery().keyIn(CLASSIFICATION).domainIn(DOMAIN).count() == 0) {
            Classification c = classifications.newClassification(CLASSIFICATION, DOMAIN, "TASK");
            c.setName("Bench work");
            c.setCategory("EXTERNAL");
            c.setServiceLevel("P30D");
            classifications.createClassification(c);
        }
    }

    @Override
    public String name() {
        return "TASKANA " + VERSION;
    }

    @Override
    public List<String> settings() {
        return List.of("security off", "job scheduler off (the priority job is run by the benchmark)",
                "connection mode AUTOCOMMIT", "TASKANA's own ids (TKI:…)",
                "HikariCP, " + dev.orchestrator.persistence.ConnectionPool.MAXIMUM_POOL_SIZE + " connections");
    }

    @Override
    public String loadPath() {
        return "TaskService.newTask(workbasket) + createTask, one per call (TASKANA has no bulk create), "
                + "priority from the PriorityServiceProvider SPI";
    }

    @Override
    public String reprioritizePath() {
        return "TaskUpdatePriorityJob (batches of its default size) with a PriorityServiceProvider giving each task "
                + "its new score";
    }

    @Override
    public void create(List<OpenTask> open, int threads) throws Exception {
        Set<String> assignees = new LinkedHashSet<>();
        Map<String, Integer> priorities = new HashMap<>();
        for (OpenTask t : open) {
            assignees.add(t.assignee());
            priorities.put(t.key(), t.priority());
        }
        for (String a : assignees) {
            basketOf.computeIfAbsent(a, this::createBasket);
        }
        TaskanaPriorities.putAll(priorities);
        PeerEngine.inParallel(open, 200, threads, slice -> {
            for (OpenTask t : slice) {
                Task task = tasks.newTask(basketOf.get(t.assignee()));
                task.setClassificationKey(CLASSIFICATION);
                task.setName("Bench task");
                task.setExternalId(t.key());
                task.setPrimaryObjRef("bench", "orchestrator", "bench", "execution", t.key());
                idOf.put(t.key(), tasks.createTask(task).getId());
            }
        });
    }

    private String createBasket(String assignee) {
        try {
            Workbasket w = workbaskets.newWorkbasket("wb-" + assignee, DOMAIN);
            w.setName("Queue of " + assignee);
            w.setType(WorkbasketType.PERSONAL);
            w.setOwner(userId(assignee));
            return workbaskets.createWorkbasket(w).getId();
        } catch (Exception e) {
            throw new IllegalStateException("TASKANA refused the workbasket of " + assignee + ": " + e, e);
        }
    }

    /** TASKANA's user ids are at most 32 characters: the CSM's UUID without its dashes. */
    static String userId(String assignee) {
        return assignee.replace("-", "");
    }

    @Override
    public List<Ranked> myQueue(String assignee, int limit) {
        String basket = basketOf.get(assignee);
        if (basket == null) {
            return List.of();
        }
        return tasks.createTaskQuery().workbasketIdIn(basket).stateIn(TaskState.READY, TaskState.CLAIMED)
                .orderByPriority(SortDirection.DESCENDING).listPage(0, limit).stream()
                .map(t -> new Ranked(t.getExternalId(), t.getPriority())).toList();
    }

    /** Claim, then complete, as the assignee (TASKANA checks that the completing user owns the claim). */
    @Override
    public void complete(OpenTask task) throws Exception {
        String id = idOf.get(task.key());
        Subject subject = new Subject(true, Set.of(new UserPrincipal(userId(task.assignee()))), Set.of(), Set.of());
        Subject.doAs(subject, (PrivilegedExceptionAction<Void>) () -> {
            tasks.claim(id);
            tasks.completeTask(id);
            return null;
        });
    }

    @Override
    public long reprioritize(Map<String, Integer> priorities, int threads) throws Exception {
        TaskanaPriorities.putAll(priorities);
        new TaskUpdatePriorityJob(engine).execute();
        return priorities.size();
    }

    @Override
    public void close() {
        pool.close();
    }
}
