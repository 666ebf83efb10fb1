package dev.orchestrator.core.application.service;

import dev.orchestrator.core.application.Failure;
import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.IngestSignals;
import dev.orchestrator.core.application.port.out.CatalogWrites;
import dev.orchestrator.core.application.port.out.CatalogWrites.SignalOutcome;
import dev.orchestrator.core.application.port.out.CatalogWrites.SignalUpdate;
import dev.orchestrator.core.domain.access.AccessPolicy;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.CatalogReader;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.catalog.SignalValues;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.ids.OrganizationId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** {@link IngestSignals}: the core reads and checks every update; the store applies them in bulk. */
public final class SignalService implements IngestSignals {

    private static final List<String> LINE_FIELDS = List.of("customer_id", "signals");

    private final CatalogWrites writes;
    private final CatalogReader reader;
    private final Function<OrganizationId, CatalogWrites.Scoring> scoring;

    public SignalService(CatalogWrites writes, CatalogReader reader, Function<OrganizationId, CatalogWrites.Scoring> scoring) {
        this.writes = writes;
        this.reader = reader;
        this.scoring = scoring;
    }

    @Override
    public Result<Applied> update(Profile caller, CustomerId customer, JsonObject signals) {
        if (!AccessPolicy.canWriteCustomers(caller)) {
            return Result.err(forbidden());
        }
        Problems problems = new Problems();
        SignalValues patch = reader.signals(signals.values(), "", problems, true);
        if (patch == null) {
            return Result.err(CatalogFailures.invalid(problems));
        }
        SignalOutcome outcome = writes.applySignals(caller.organizationId(),
                List.of(new SignalUpdate(customer, patch)), scoring.apply(caller.organizationId())).get(0);
        return outcome.found() ? Result.ok(new Applied(customer, outcome.changes()))
                : Result.err(new Failure.NotFound("no customer " + customer));
    }

    @Override
    public Result<BatchReport> batch(Profile caller, Iterator<Line> lines) {
        if (!AccessPolicy.canWriteCustomers(caller)) {
            return Result.err(forbidden());
        }
        Tally tally = new Tally();
        List<SignalUpdate> chunk = new ArrayList<>();
        List<Long> chunkLines = new ArrayList<>();
        while (lines.hasNext()) {
            Line line = lines.next();
            tally.lines++;
            SignalUpdate update = read(line, tally);
            if (update != null) {
                chunk.add(update);
                chunkLines.add(line.number());
                if (chunk.size() >= BATCH_CHUNK) {
                    apply(caller, chunk, chunkLines, tally);
                }
            }
        }
        apply(caller, chunk, chunkLines, tally);
        // Unknown customers are found when their chunk is applied, after later lines' own problems.
        tally.problems.sort(java.util.Comparator.comparingLong(LineProblem::line));
        return Result.ok(new BatchReport(tally.lines, tally.applied, tally.rejected, tally.created, tally.rescored,
                tally.problems));
    }

    /** One line's update, or null (and the problem counted) when the line is bad. */
    private SignalUpdate read(Line line, Tally tally) {
        if (line.unreadable() != null) {
            tally.reject(line.number(), line.unreadable());
            return null;
        }
        Problems problems = new Problems();
        Map<String, Object> values = line.json().values();
        for (String field : values.keySet()) {
            if (!LINE_FIELDS.contains(field)) {
                problems.add(field, "is not a known field (known: " + String.join(", ", LINE_FIELDS) + ")");
            }
        }
        UUID id = CatalogReader.uuid(values.get("customer_id")).orElse(null);
        if (id == null) {
            problems.add("customer_id", values.containsKey("customer_id") ? "must be a UUID" : "is required");
        }
        SignalValues patch = null;
        if (values.get("signals") instanceof Map<?, ?> signals) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) signals;
            patch = reader.signals(fields, "signals", problems, true);
        } else {
            problems.add("signals", values.containsKey("signals") ? "must be an object" : "is required");
        }
        if (!problems.isEmpty()) {
            tally.reject(line.number(), problems.kept().get(0));
            return null;
        }
        return new SignalUpdate(new CustomerId(id), patch);
    }

    private void apply(Profile caller, List<SignalUpdate> chunk, List<Long> chunkLines, Tally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        List<SignalOutcome> outcomes = writes.applySignals(caller.organizationId(), chunk, scoring.apply(caller.organizationId()));
        for (int i = 0; i < outcomes.size(); i++) {
            SignalOutcome o = outcomes.get(i);
            if (o.found()) {
                tally.applied++;
                tally.created += o.changes().created().size();
                tally.rescored += o.changes().rescored().size();
            } else {
                tally.reject(chunkLines.get(i), new Problem("customer_id", "no customer " + o.customer()
                        + " in this organization"));
            }
        }
        chunk.clear();
        chunkLines.clear();
    }

    private static Failure forbidden() {
        return new Failure.Forbidden("only an admin or an integration writes signals");
    }

    private static final class Tally {
        long lines;
        long applied;
        long rejected;
        long created;
        long rescored;
        final List<LineProblem> problems = new ArrayList<>();

        void reject(long line, Problem problem) {
            rejected++;
            if (problems.size() < MAX_LISTED_PROBLEMS) {
                problems.add(new LineProblem(line, problem.field(), problem.reason()));
            }
        }
    }
}
