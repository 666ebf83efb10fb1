package dev.orchestrator.http;

import dev.orchestrator.core.application.Result;
import dev.orchestrator.core.application.port.in.ManageCustomers;
import dev.orchestrator.core.domain.ids.CustomerId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /api/customers}: create or replace, read with scores, list by cursor, patch. */
final class CustomerHandlers {

    static final int DEFAULT_PAGE = 50;

    private final ManageCustomers customers;

    CustomerHandlers(ManageCustomers customers) {
        this.customers = customers;
    }

    void get(Context ctx) {
        QueryParameters.only(ctx);
        ManageCustomers.View view = Responses.valueOf(customers.get(Authentication.caller(ctx), id(ctx)));
        ETags.set(ctx, view.version());
        Responses.json(ctx, 200, CatalogRepresentations.customer(view));
    }

    void list(Context ctx) {
        QueryParameters.only(ctx, "cursor", "limit");
        Optional<CustomerId> cursor = QueryParameters.uuid(ctx, "cursor").map(CustomerId::new);
        int limit = QueryParameters.integer(ctx, "limit", 1, ManageCustomers.MAX_PAGE).orElse(DEFAULT_PAGE);
        ManageCustomers.Page page = Responses.valueOf(customers.list(Authentication.caller(ctx), cursor, limit));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(CatalogRepresentations::customer).toList());
        json.put("next_cursor", page.nextCursor().map(CustomerId::toString).orElse(null));
        Responses.json(ctx, 200, json);
    }

    void put(Context ctx) {
        QueryParameters.only(ctx);
        var ifMatch = ETags.ifMatch(ctx);
        written(ctx, customers.put(Authentication.caller(ctx), id(ctx), JsonBody.object(ctx), ifMatch));
    }

    void patch(Context ctx) {
        QueryParameters.only(ctx);
        var ifMatch = ETags.ifMatch(ctx);
        written(ctx, customers.patch(Authentication.caller(ctx), id(ctx), JsonBody.object(ctx), ifMatch));
    }

    private static void written(Context ctx, Result<ManageCustomers.Written> result) {
        ManageCustomers.Written w = Responses.valueOf(result);
        ETags.set(ctx, w.customer().version());
        Map<String, Object> json = new LinkedHashMap<>(CatalogRepresentations.customer(w.customer()));
        json.put("work", CatalogRepresentations.changes(w.changes()));
        Responses.json(ctx, w.created() ? 201 : 200, json);
    }

    static CustomerId id(Context ctx) {
        return new CustomerId(PathIds.id(ctx));
    }
}
