package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.testing.World;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/profiles} over real HTTP on PostgreSQL. */
class ProfileRoutesTest extends ApiTestBase {

    @Test
    void everyMemberSeesTheTeamFilteredByRole() {
        ApiResponse managers = get("/api/profiles?role=manager", world.csm);

        assertThat(managers.status()).as(managers.toString()).isEqualTo(200);
        assertThat(managers.json().path("items").findValuesAsText("id")).containsExactly(world.manager.id().toString());
        assertThat(get("/api/profiles", world.csm).json().path("items").size()).isEqualTo(5);
        assertInvalid(get("/api/profiles?role=boss", world.csm), "role");
    }

    @Test
    void anAdminCreatesAndChangesProfiles() {
        String path = "/api/profiles/" + UUID.randomUUID();
        String body = json(map("email", "new@acme.example", "full_name", "New Csm", "role", "csm",
                "manager_id", world.manager.id().toString()));

        ApiResponse created = exchange("PUT", path, body, world.admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("manager_id").asText()).isEqualTo(world.manager.id().toString());

        ApiResponse promoted = exchange("PUT", path, body.replace("\"csm\"", "\"manager\""), world.admin);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("role").asText()).isEqualTo("manager");

        assertProblem(exchange("PUT", path, body, world.csm), 403);
        assertInvalid(exchange("PUT", path, body.replace("\"csm\"", "\"boss\""), world.admin), "role");
        assertInvalid(exchange("PUT", "/api/profiles/" + UUID.randomUUID(),
                body.replace("new@acme.example", world.csm.email()), world.admin), "email");
        World other = new World(fixture);
        assertInvalid(exchange("PUT", path, body.replace(world.manager.id().toString(), other.manager.id().toString()),
                world.admin), "manager_id");
        assertProblem(exchange("PUT", "/api/profiles/" + other.csm.id(), body, world.admin), 404);
    }
}
