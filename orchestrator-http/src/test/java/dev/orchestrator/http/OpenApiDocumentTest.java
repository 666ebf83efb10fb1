package dev.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lints openapi.json as built (the resource on the class path, after filtering) with a real OpenAPI
 * parser (swagger-parser): any parse or validation message fails the build. On top of what the parser
 * checks: every operation has a unique camelCase operationId, the document has servers, no schema says
 * nullable without a type, and info.version is the project version. OpenApiContractTest checks the same
 * document against real responses.
 */
class OpenApiDocumentTest {

    private static final String RESOURCE = "/dev/orchestrator/http/" + OpenApiHandler.RESOURCE;

    private static String document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SwaggerParseResult parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(json, null, options);
    }

    @Test
    void the_parser_reports_nothing() throws IOException {
        SwaggerParseResult result = parse(document());
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
    }

    @Test
    void the_parser_does_report_a_broken_document() {
        // The test above would pass vacuously if the parser said nothing about anything.
        String broken = """
                {"openapi": "3.0.3", "info": {"title": "t"},
                 "paths": {"/x": {"get": {"responses": {"200": {"description": "ok",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}},
                 "components": {"schemas": {"A": {"type": "object", "requird": ["a"]}}}}""";
        assertThat(parse(broken).getMessages()).isNotEmpty();
    }

    @Test
    void every_operation_has_a_unique_camel_case_operation_id() throws IOException {
        OpenAPI api = parse(document()).getOpenAPI();
        Map<String, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                operations++;
                String where = op.getKey() + " " + path.getKey();
                String id = op.getValue().getOperationId();
                if (id == null || id.isBlank()) {
                    problems.add(where + ": no operationId");
                } else if (!id.matches("[a-z][a-zA-Z0-9]*")) {
                    problems.add(where + ": operationId " + id + " is not camelCase");
                } else if (seen.putIfAbsent(id, where) != null) {
                    problems.add(where + ": operationId " + id + " is also " + seen.get(id));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(operations).isGreaterThan(20);
    }

    @Test
    void it_names_its_servers() throws IOException {
        OpenAPI api = parse(document()).getOpenAPI();
        assertThat(api.getServers()).isNotEmpty();
        assertThat(api.getServers()).allSatisfy(server -> assertThat(server.getUrl()).isNotBlank());
    }

    @Test
    void no_schema_is_nullable_without_a_type() throws IOException {
        List<String> problems = new ArrayList<>();
        walk(new ObjectMapper().readTree(document()), "#", problems);
        assertThat(problems).isEmpty();
    }

    private static void walk(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            if (node.has("nullable") && !node.has("type")) {
                problems.add(at + ": nullable without a type");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), at + "/" + field.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, problems);
            }
        }
    }

    @Test
    void info_version_is_the_project_version() throws IOException {
        String projectVersion = System.getProperty("project.version");
        assertThat(projectVersion).as("project.version (set by surefire from the pom)").isNotBlank();
        assertThat(parse(document()).getOpenAPI().getInfo().getVersion()).isEqualTo(projectVersion);
    }
}
