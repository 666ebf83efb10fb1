package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ViewTeam;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.priority.PriorityLabel;
import dev.orchestrator.core.domain.team.CsmWorkload;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/orchestrator/team[?csm_id=]}: a manager's reports or an admin's CSMs, one line each. */
final class TeamHandler {

    private final ViewTeam team;

    TeamHandler(ViewTeam team) {
        this.team = team;
    }

    void team(Context ctx) {
        QueryParameters.only(ctx, "csm_id");
        Optional<ProfileId> csm = QueryParameters.uuid(ctx, "csm_id").map(ProfileId::of);
        ViewTeam.TeamReport report = Responses.valueOf(team.team(Authentication.caller(ctx), csm));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("csms", report.members().stream().map(TeamHandler::line).toList());
        json.put("as_of", Representations.time(report.asOf()));
        json.put("escalation_ack_target_hours", report.ackTarget().toHours());
        Responses.json(ctx, 200, json);
    }

    private static Map<String, Object> line(ViewTeam.Member member) {
        CsmWorkload w = member.workload();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("csm", Map.of("id", member.csm().id().toString(), "name", member.csm().name()));
        Map<String, Object> byLabel = new LinkedHashMap<>();
        for (PriorityLabel label : PriorityLabel.values()) {
            byLabel.put(label.displayName(), w.openByLabel().get(label));
        }
        json.put("open_by_label", byLabel);
        json.put("open", w.open());
        json.put("underway", w.underway());
        json.put("resurfacing_3d", w.resurfacingSoon());
        json.put("escalations_open", w.escalationsOpen());
        // Whole hours waited, rounded down: a dashboard's "waiting for 3 h".
        json.put("oldest_escalation_wait_hours", member.oldestEscalationWait().map(d -> d.toHours()).orElse(null));
        json.put("escalation_breached", member.escalationBreached());
        json.put("completed_7d", w.completedShort());
        json.put("completed_30d", w.completedLong());
        json.put("skipped_7d", w.skippedShort());
        json.put("skipped_30d", w.skippedLong());
        // Capacity null is unlimited, and so is its load: there is nothing to be full of.
        json.put("capacity", member.capacity().isPresent() ? member.capacity().getAsInt() : null);
        json.put("load", member.loadRatio().isPresent()
                ? Math.round(member.loadRatio().getAsDouble() * 100) / 100.0 : null);
        return json;
    }

}
