package dev.orchestrator.core.domain.signals;

import dev.orchestrator.core.domain.ids.DefinitionId;
import dev.orchestrator.core.domain.workflow.TriggerConditions;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which workflows a customer's signals call for.
 *
 * <p>A definition triggers when it is active, not a demo, names at least one threshold
 * ({@code opportunity_score_min}, {@code risk_score_min}) and every threshold it names is met; and
 * never while the customer already has a non-terminal execution of it.
 */
public final class SignalInterpreter {

    private SignalInterpreter() {
    }

    public static List<WorkflowDefinition> definitionsToTrigger(
            SignalScores scores, List<WorkflowDefinition> definitions, Set<DefinitionId> alreadyActive) {
        return definitions.stream()
                .filter(d -> d.active() && !d.demo())
                .filter(d -> !alreadyActive.contains(d.id()))
                .filter(d -> triggers(d.triggerConditions(), scores))
                .toList();
    }

    /**
     * {@link #definitionsToTrigger(SignalScores, List, Set)}, also leaving out every definition still
     * cooling down ({@link CooldownRule}) after the customer's latest completed or skipped execution of it,
     * whose closing times {@code lastClosed} holds by definition.
     */
    public static List<WorkflowDefinition> definitionsToTrigger(SignalScores scores, List<WorkflowDefinition> definitions,
            Set<DefinitionId> alreadyActive, Map<DefinitionId, Instant> lastClosed, Instant now) {
        return definitionsToTrigger(scores, definitions.stream()
                .filter(d -> !CooldownRule.cooling(d.triggerConditions(), lastClosed.get(d.id()), now))
                .toList(), alreadyActive);
    }

    public static boolean triggers(TriggerConditions conditions, SignalScores scores) {
        Optional<BigDecimal> opportunityMin = conditions.opportunityScoreMin();
        Optional<BigDecimal> riskMin = conditions.riskScoreMin();
        if (opportunityMin.isEmpty() && riskMin.isEmpty()) {
            return false;
        }
        return meets(scores.opportunity().value(), opportunityMin) && meets(scores.risk().value(), riskMin);
    }

    private static boolean meets(int score, Optional<BigDecimal> minimum) {
        return minimum.map(min -> BigDecimal.valueOf(score).compareTo(min) >= 0).orElse(true);
    }
}
