package dev.orchestrator.core.domain.workflow;

import dev.orchestrator.core.domain.json.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A definition's trigger conditions: an opaque JSON object of which the core understands a few keys.
 *
 * <p>Known keys: {@value #ORDER} (position in a demo sequence), {@value #WORKFLOW_ID} (the dashboard's
 * workflow configuration), {@value #OPPORTUNITY_SCORE_MIN} and {@value #RISK_SCORE_MIN} (signal
 * thresholds). Everything else is kept as it is and ignored.
 */
public record TriggerConditions(JsonObject json) {

    public static final String ORDER = "order";
    public static final String WORKFLOW_ID = "workflow_id";
    public static final String OPPORTUNITY_SCORE_MIN = "opportunity_score_min";
    public static final String RISK_SCORE_MIN = "risk_score_min";

    public static final TriggerConditions NONE = new TriggerConditions(JsonObject.EMPTY);

    public TriggerConditions {
        if (json == null) {
            json = JsonObject.EMPTY;
        }
    }

    public Optional<Long> order() {
        return json.wholeNumber(ORDER);
    }

    public Optional<String> workflowId() {
        return json.text(WORKFLOW_ID);
    }

    public Optional<BigDecimal> opportunityScoreMin() {
        return json.decimal(OPPORTUNITY_SCORE_MIN);
    }

    public Optional<BigDecimal> riskScoreMin() {
        return json.decimal(RISK_SCORE_MIN);
    }
}
