package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.CatalogWrites.WorkChanges;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.Iterator;
import java.util.List;

/**
 * Customer signals as integrations send them: a partial update of a customer's properties (the
 * fields given replace, null clears, the others stay), after which that customer's open executions
 * are re-scored and its signals interpreted, in the same transaction. Admins and integrations only.
 */
public interface IngestSignals {

    /** Lines applied per transaction in a batch. */
    int BATCH_CHUNK = 1000;

    /** Problems a batch report lists at most (the counts are always complete). */
    int MAX_LISTED_PROBLEMS = 1000;

    Result<Applied> update(Profile caller, CustomerId customer, JsonObject signals);

    /**
     * Newline-delimited updates, each line {@code {"customer_id": ..., "signals": {...}}}. A bad line
     * (not JSON, a wrong field, an unknown customer) is rejected alone, named by its line number;
     * every other line is applied. Lines are applied in chunks of {@value #BATCH_CHUNK}, each chunk
     * in one transaction.
     */
    Result<BatchReport> batch(Profile caller, Iterator<Line> lines);

    record Applied(CustomerId customer, WorkChanges changes) {
    }

    /** One line of a batch: its JSON object, or why it is not one. */
    record Line(long number, JsonObject json, Problem unreadable) {
        public static Line of(long number, JsonObject json) {
            return new Line(number, json, null);
        }

        public static Line unreadable(long number, String reason) {
            return new Line(number, null, new Problem("line", reason));
        }
    }

    record LineProblem(long line, String field, String reason) {
    }

    record BatchReport(long lines, long applied, long rejected, long created, long rescored,
            List<LineProblem> problems) {
        public BatchReport {
            problems = List.copyOf(problems);
        }
    }
}
