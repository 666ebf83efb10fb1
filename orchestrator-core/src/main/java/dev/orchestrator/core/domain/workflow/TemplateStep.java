package dev.orchestrator.core.domain.workflow;

import java.util.Objects;

/**
 * One step of a definition's template: what to do ({@code title}), under a {@code key} unique within
 * the definition, for which customers ({@code when}; null: every execution gets it), due
 * {@code dueOffsetDays} days after the execution is created (null: no due date), and whether it may
 * stay open when the execution is completed ({@code optional}). {@link TemplateSteps} reads, checks
 * and instantiates them.
 */
public record TemplateStep(String key, String title, StepCondition when, Integer dueOffsetDays, boolean optional) {

    public TemplateStep {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
    }
}
