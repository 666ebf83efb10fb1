package dev.orchestrator.http;

import dev.orchestrator.core.application.port.in.ManageProfiles;
import dev.orchestrator.core.domain.access.Role;
import dev.orchestrator.core.domain.catalog.CatalogJson;
import dev.orchestrator.core.domain.ids.ProfileId;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code /api/profiles}: the team (filterable by role), and an admin's create-or-replace of one profile. */
final class ProfileHandlers {

    private static final String ROLES = Arrays.stream(Role.values()).map(Role::wireName)
            .collect(Collectors.joining(", "));

    private final ManageProfiles profiles;

    ProfileHandlers(ManageProfiles profiles) {
        this.profiles = profiles;
    }

    void list(Context ctx) {
        QueryParameters.only(ctx, "role");
        Optional<Role> role = QueryParameters.text(ctx, "role").map(text -> Role.fromWireName(text)
                .orElseThrow(() -> ApiProblem.invalid("role", "must be one of " + ROLES)));
        var team = Responses.valueOf(profiles.list(Authentication.caller(ctx), role));
        Responses.json(ctx, 200, Map.of("items", team.stream().map(CatalogJson::profile).toList()));
    }

    void put(Context ctx) {
        QueryParameters.only(ctx);
        ManageProfiles.Written w = Responses.valueOf(profiles.put(Authentication.caller(ctx),
                new ProfileId(PathIds.id(ctx)), JsonBody.object(ctx)));
        Responses.json(ctx, w.created() ? 201 : 200, CatalogJson.profile(w.profile()));
    }
}
