package dev.orchestrator.benchmarks.system;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda 7 ({@code org.camunda.bpm:camunda-engine}), standalone tasks ({@code TaskService.newTask}).
 * Configured as its docs advise for throughput: history "none", no job executor, no metrics, the
 * UUID id generator (the default DbIdGenerator serializes on one property row under concurrent
 * writers). Writes go in commands of {@value #BATCH} saves each: one transaction, and with the
 * engine's default JDBC batch processing one flush, per batch.
 */
final class CamundaPeer implements PeerEngine {

    static final String VERSION = "7.23.0";
    private static final int BATCH = 1_000;

    private final HikariDataSource pool;
    private final ProcessEngine engine;
    private final TaskService tasks;
    private final CommandExecutor commands;

    CamundaPeer(String url, String user, String password) {
        this.pool = PeerEngine.pool(url, user, password, "camunda");
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setProcessEngineName("orchbench-camunda-" + System.identityHashCode(this));
        config.setDataSource(pool);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        config.setJobExecutorActivate(false);
        config.setMetricsEnabled(false);
        config.setDbMetricsReporterActivate(false);
        config.setIdGenerator(new StrongUuidGenerator());
        this.engine = config.buildProcessEngine();
        this.tasks = engine.getTaskService();
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    }

    @Override
    public String name() {
        return "Camunda " + VERSION;
    }

    @Override
    public List<String> settings() {
        return List.of("history level none", "job executor off", "metrics off", "StrongUuidGenerator ids",
                "jdbcBatchProcessing on (default)", "HikariCP, " + dev.orchestrator.persistence.ConnectionPool.MAXIMUM_POOL_SIZE
                        + " connections");
    }

    @Override
    public String loadPath() {
        return "TaskService.newTask(id) + saveTask, " + BATCH + " per engine command (one transaction, JDBC batch)";
    }

    @Override
    public String reprioritizePath() {
        return "TaskService.setPriority per task, " + BATCH + " per engine command";
    }

    @Override
    public void create(List<OpenTask> open, int threads) throws Exception {
        PeerEngine.inParallel(open, BATCH, threads, slice -> commands.execute((Command<Void>) context -> {
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
        PeerEngine.inParallel(PeerEngine.entries(priorities), BATCH, threads, slice -> commands.execute((Command<Void>) context -> {
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
