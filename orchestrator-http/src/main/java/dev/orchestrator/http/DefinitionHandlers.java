package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ManageDefinitions;
import dev.orchestrator.core.domain.ids.DefinitionId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/orchestrator/definitions}: list, create, read, replace, patch, deactivate. */
final class DefinitionHandlers {

    private final ManageDefinitions definitions;

    DefinitionHandlers(ManageDefinitions definitions) {
        this.definitions = definitions;
    }

    void list(Context ctx) {
        QueryParameters.only(ctx);
        var all = Responses.valueOf(definitions.list(Authentication.caller(ctx)));
        Responses.json(ctx, 200, Map.of("items", all.stream().map(CatalogRepresentations::definition).toList()));
    }

    void get(Context ctx) {
        QueryParameters.only(ctx);
        var d = Responses.valueOf(definitions.get(Authentication.caller(ctx), id(ctx)));
        ETags.set(ctx, d.version());
        Responses.json(ctx, 200, CatalogRepresentations.definition(d));
    }

    void create(Context ctx) {
        QueryParameters.only(ctx);
        written(ctx, definitions.create(Authentication.caller(ctx), JsonBody.object(ctx)));
    }

    void replace(Context ctx) {
        QueryParameters.only(ctx);
        var ifMatch = ETags.ifMatch(ctx);
        written(ctx, definitions.replace(Authentication.caller(ctx), id(ctx), JsonBody.object(ctx), ifMatch));
    }

    void patch(Context ctx) {
        QueryParameters.only(ctx);
        var ifMatch = ETags.ifMatch(ctx);
        written(ctx, definitions.patch(Authentication.caller(ctx), id(ctx), JsonBody.object(ctx), ifMatch));
    }

    void deactivate(Context ctx) {
        QueryParameters.only(ctx);
        var ifMatch = ETags.ifMatch(ctx);
        written(ctx, definitions.deactivate(Authentication.caller(ctx), id(ctx), ifMatch));
    }

    private static void written(Context ctx, dev.orchestrator.core.application.Result<ManageDefinitions.Written> result) {
        ManageDefinitions.Written w = Responses.valueOf(result);
        ETags.set(ctx, w.definition().version());
        Map<String, Object> json = new LinkedHashMap<>(CatalogRepresentations.definition(w.definition()));
        json.put("work", CatalogRepresentations.changes(w.changes()));
        if (w.created()) {
            ctx.header("Location", "/api/orchestrator/definitions/" + w.definition().value().id());
        }
        Responses.json(ctx, w.created() ? 201 : 200, json);
    }

    private static DefinitionId id(Context ctx) {
        return new DefinitionId(PathIds.id(ctx));
    }
}
