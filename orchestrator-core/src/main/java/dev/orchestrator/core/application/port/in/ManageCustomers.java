package dev.orchestrator.core.application.port.in;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.out.CatalogWrites.WorkChanges;
import dev.orchestrator.core.domain.access.Profile;
import dev.orchestrator.core.domain.catalog.CustomerEntry;
import dev.orchestrator.core.domain.ids.CustomerId;
import dev.orchestrator.core.domain.json.JsonObject;
import dev.orchestrator.core.domain.signals.SignalScores;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Customers with their properties and contacts. Admins and integrations write them; a customer is
 * visible to them, to its CSM and to that CSM's manager (others are told it does not exist). A
 * write moves the customer's open executions to a new CSM, re-scores them and interprets the
 * customer's signals, in one transaction.
 */
public interface ManageCustomers {

    int MAX_PAGE = 100;

    Result<View> get(Profile caller, CustomerId id);

    /** Customers the caller may see, by id, after {@code cursor}; {@code limit} 1..{@value #MAX_PAGE}. */
    Result<Page> list(Profile caller, Optional<CustomerId> cursor, int limit);

    /** Creates the customer, or replaces it (properties and contacts too, when the body has them). */
    Result<Written> put(Profile caller, CustomerId id, JsonObject body, OptionalLong ifMatch);

    /** Applies a JSON Merge Patch to the customer as {@code get} shows it. */
    Result<Written> patch(Profile caller, CustomerId id, JsonObject mergePatch, OptionalLong ifMatch);

    /** A customer, its version, and its current opportunity and risk scores with their explanations. */
    record View(CustomerEntry customer, long version, SignalScores scores) {
    }

    record Page(List<View> items, Optional<CustomerId> nextCursor) {
        public Page {
            items = List.copyOf(items);
        }
    }

    record Written(View customer, boolean created, WorkChanges changes) {
    }
}
