package dev.orchestrator.benchmarks.system;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.interceptor.Command;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

/**
 * Flowable ({@code org.flowable:flowable-engine}), standalone tasks ({@code TaskService.newTask}).
 * History "none", async executor off, IDM engine and event registry off, the UUID id generator.
 * Writes go through {@code ManagementService.executeCommand}, {@value #BATCH} saves per command:
 * one transaction and one flush per batch (Flowable's documented way to group API calls).
 */
final class FlowablePeer implements PeerEngine {

    static final String VERSION = "7.1.0";
    private static final int BATCH = 1_000;

    private final HikariDataSource pool;
    private final ProcessEngine engine;
    private final TaskService tasks;
    private final ManagementService management;

    FlowablePeer(String url, String user, String password) {
        this.pool = PeerEngine.pool(url, user, password, "flowable");
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setEngineName("orchbench-flowable-" + System.identityHashCode(this));
        config.setDataSource(pool);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistoryLevel(HistoryLevel.NONE);
        config.setAsyncExecutorActivate(false);
        config.setDisableIdmEngine(true);
        config.setDisableEventRegistry(true);
        config.setIdGenerator(new StrongUuidGenerator());
        this.engine = config.buildProcessEngine();
        this.tasks = engine.getTaskService();
        this.management = engine.getManagementService();
    }

    @Override
    public String name() {
        return "Flowable " + VERSION;
    }

    @Override
    public List<String> settings() {
        return List.of("history level none", "async executor off", "IDM engine and event registry off",
                "StrongUuidGenerator ids", "HikariCP, " + dev.orchestrator.persistence.ConnectionPool.MAXIMUM_POOL_SIZE
                        + " connections");
    }

    @Override
    public String loadPath() {
        return "TaskService.newTask(id) + saveTask, " + BATCH + " per ManagementService.executeCommand (one transaction)";
    }

    @Override
    public String reprioritizePath() {
        return "TaskService.setPriority per task, " + BATCH + " per executeCommand";
    }

    @Override
    public void create(List<OpenTask> open, int threads) throws Exception {
        PeerEngine.inParallel(open, BATCH, threads, slice -> management.executeCommand((Command<Void>) context -> {
            for (OpenTask t : slice) {
                Task task = tasks.newTask(t.key());
                task.setName("Bench task");
                task.setAssignee(t.assignee());
                task.setPriority(t.priority());
                tasks.saveTask(task);
            }
            return null;
        }));
    }

    @Override
    public List<Ranked> myQueue(String assignee, int limit) {
        return tasks.createTaskQuery().taskAssignee(assignee).orderByTaskPriority().desc().listPage(0, limit).stream()
                .map(t -> new Ranked(t.getId(), t.getPriority())).toList();
    }

    @Override
    public void complete(OpenTask task) {
        tasks.complete(task.key());
    }

    @Override
    public long reprioritize(Map<String, Integer> priorities, int threads) throws Exception {
        PeerEngine.inParallel(PeerEngine.entries(priorities), BATCH, threads, slice -> management.executeCommand(
                (Command<Void>) context -> {
                    for (Map.Entry<String, Integer> e : slice) {
                        tasks.setPriority(e.getKey(), e.getValue());
                    }
                    return null;
                }));
        return priorities.size();
    }

    @Override
    public void close() {
        engine.close();
        pool.close();
    }
}
