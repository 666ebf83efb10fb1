package dev.orchestrator.benchmarks.system;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import pro.taskana.spi.priority.api.PriorityServiceProvider;
import pro.taskana.task.api.models.TaskSummary;

/**
 * TASKANA's priority SPI for the peer benchmark (registered in META-INF/services, as TASKANA
 * finds its providers): a task's priority is the score the product's policy gives the execution
 * it stands for (its externalId). The benchmark computes the scores with the product's policy and
 * hands them over here; TASKANA applies them on createTask and in its TaskUpdatePriorityJob. A
 * task this provider does not know keeps TASKANA's own rule (the classification's priority).
 */
public final class TaskanaPriorities implements PriorityServiceProvider {

    private static final Map<String, Integer> SCORES = new ConcurrentHashMap<>();

    static void putAll(Map<String, Integer> scores) {
        SCORES.putAll(scores);
    }

    @Override
    public OptionalInt calculatePriority(TaskSummary task) {
        Integer score = task.getExternalId() == null ? null : SCORES.get(task.getExternalId());
        return score == null ? OptionalInt.empty() : OptionalInt.of(score);
    }
}
