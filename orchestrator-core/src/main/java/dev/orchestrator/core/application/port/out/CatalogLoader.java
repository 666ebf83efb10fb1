package dev.orchestrator.core.application.port.out;

import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.catalog.ExecutionEntry;
import dev.orchestrator.core.domain.catalog.OrganizationEntry;
import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.workflow.WorkflowDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk upsert of validated catalog data, in ONE transaction per {@link Session}: nothing is visible
 * to others until {@link Session#commit()}, and closing an uncommitted session undoes everything.
 *
 * <p>Rules every store keeps: rows are upserted by id, sections in dependency order; a row whose id
 * exists in another organization is refused (never moved); a profile's manager may be a profile
 * written later in the same session (managers are set when the profiles are done); a customer's
 * properties and contacts are replaced only when the entry carries them; an inserted execution gets
 * a {@code create} event without actor, priority score 0 (the caller re-scores after the load), and
 * lifecycle timestamps of {@code now}; at most one open execution per customer and definition.
 */
public interface CatalogLoader {

    Session begin(Instant now);

    /** A row and how to name it in a problem ({@code customers[12]}). */
    record Located<T>(String path, T row) {
    }

    /** Rows written to one table. */
    record Counts(long inserted, long updated) {
        public Counts plus(Counts other) {
            return new Counts(inserted + other.inserted, updated + other.updated);
        }
    }

    interface Session extends AutoCloseable {
        /** Each write returns the problem of the row the store refused, if it refused one; then only close. */
        Optional<Problem> organizations(List<Located<OrganizationEntry>> rows);

        Optional<Problem> profiles(List<Located<Profile>> rows);

        Optional<Problem> customers(List<Located<CustomerEntry>> rows);

        Optional<Problem> definitions(List<Located<WorkflowDefinition>> rows);

        Optional<Problem> executions(List<Located<ExecutionEntry>> rows);

        /** Makes everything visible; returns rows written per table (organizations, profiles, ..., contacts). */
        Map<String, Counts> commit();

        /** Undoes everything unless committed. */
        @Override
        void close();
    }
}
