package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.RebalanceTeam;
import dev.orchestrator.core.domain.ids.ProfileId;
import dev.orchestrator.core.domain.workload.RebalancePlanner;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/orchestrator/team/rebalance?dry_run=true|false}: the proposal (a dry run, the
 * default when {@code dry_run} is absent, so that nothing moves by accident), or the same proposal
 * applied, with each move's result as the bulk route gives it.
 */
final class RebalanceHandler {

    private final RebalanceTeam rebalance;

    RebalanceHandler(RebalanceTeam rebalance) {
        this.rebalance = rebalance;
    }

    void rebalance(Context ctx) {
        QueryParameters.only(ctx, "dry_run");
        boolean dryRun = QueryParameters.text(ctx, "dry_run").map(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.invalid("dry_run", "must be true or false");
        }).orElse(true);
        RebalanceTeam.Rebalance done = Responses.valueOf(rebalance.rebalance(Authentication.caller(ctx), !dryRun));
        Responses.json(ctx, 200, json(done));
    }

    static Map<String, Object> json(RebalanceTeam.Rebalance done) {
        Map<ProfileId, String> names = new HashMap<>();
        done.proposal().members().forEach(m -> names.put(m.csm(), m.name()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dry_run", !done.applied());
        json.put("load_counting", done.counting().wireName());
        json.put("as_of", Representations.time(done.asOf()));
        List<Map<String, Object>> moves = new ArrayList<>();
        long failed = 0;
        for (int i = 0; i < done.proposal().moves().size(); i++) {
            RebalancePlanner.Move m = done.proposal().moves().get(i);
            Map<String, Object> move = new LinkedHashMap<>();
            move.put("execution_id", m.execution().toString());
            move.put("customer", person(m.customer().toString(), m.customerName()));
            move.put("from", person(m.from().toString(), names.get(m.from())));
            move.put("to", person(m.to().toString(), names.get(m.to())));
            move.put("priority_score", m.priorityScore());
            move.put("version", m.version());
            move.put("load_points", m.weight());
            move.put("rules", m.rules().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
            move.put("reason", m.reason());
            if (done.applied()) {
                RebalanceTeam.MoveResult result = done.results().get(i);
                Map<String, Object> outcome = new LinkedHashMap<>();
                if (result.failure().isEmpty()) {
                    outcome.put("status", 200);
                } else {
                    failed++;
                    ApiProblem problem = ApiProblem.from(result.failure().get());
                    outcome.put("status", problem.status);
                    outcome.put("error", ProblemResponses.embedded(problem));
                }
                move.put("result", outcome);
            }
            moves.add(move);
        }
        json.put("moves", moves);
        json.put("csms", done.proposal().members().stream().map(m -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("csm", person(m.csm().toString(), m.name()));
            line.put("capacity", m.capacity().isPresent() ? m.capacity().getAsInt() : null);
            line.put("load_before", m.loadBefore());
            line.put("load_after", m.loadAfter());
            return line;
        }).toList());
        json.put("unresolved", done.proposal().unresolved());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("moves", moves.size());
        summary.put("applied", done.applied() ? moves.size() - failed : 0);
        summary.put("failed", failed);
        json.put("summary", summary);
        return json;
    }

    private static Map<String, Object> person(String id, String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        return json;
    }
}
