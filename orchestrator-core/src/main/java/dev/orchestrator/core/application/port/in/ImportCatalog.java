package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.CatalogLoader.Counts;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Loads catalog data (organizations, profiles, customers with properties and contacts, definitions,
 * executions) in two streaming passes, so that a file of any size is held one row at a time:
 * {@link Import#check} every row (fields, ids unique per section, emails unique per organization,
 * one open execution per customer and definition, references within one organization, in the
 * data or in the store), then {@link Import#write} them all in one transaction and re-score the
 * organizations touched. Everything is written, or nothing.
 */
public interface ImportCatalog {

    Import begin();

    /** Hands rows to a sink, in section order (each section's rows may refer to earlier sections). */
    @FunctionalInterface
    interface Replay {
        void replay(RowSink sink);
    }

    @FunctionalInterface
    interface RowSink {
        void row(CatalogSection section, int index, JsonObject row);
    }

    interface Import {
        /** Pass one: checks one row; its problems go to {@link #problems()}. */
        void check(CatalogSection section, int index, JsonObject row);

        /** Problems so far; an adapter adds the structural ones it finds (an unknown section, a row that is not an object). */
        Problems problems();

        /** Ends pass one: checks the references to rows further down or in the store. */
        void finishChecks();

        /** Pass two, after a clean pass one: writes every row {@code replay} gives, then re-scores. */
        Result<Report> write(Replay replay);

        Map<CatalogSection, Integer> rowsRead();
    }

    /**
     * Rows written per table, the organizations they belong to, and the re-scoring that followed
     * (rows examined and changed, and how long it took).
     */
    record Report(Map<String, Counts> written, Set<OrganizationId> organizations, long examined, long rescored,
            long rescoreMillis) {
    }
}
