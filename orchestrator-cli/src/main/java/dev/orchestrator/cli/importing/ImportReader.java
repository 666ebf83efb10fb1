package dev.orchestrator.cli.importing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orchestrator.cli.CliFailure;
import dev.orchestrator.core.domain.catalog.CatalogSection;
import dev.orchestrator.core.domain.catalog.Problems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Streams an import file: {@code {"organizations": [...], "profiles": [...], ...}}, handing each
 * array element to a handler as a small tree. Only one element is in memory at a time, whatever
 * the size of the file. Structural problems (unknown or repeated sections, a section that is not
 * an array, an element that is not an object) go to {@link Problems}; invalid JSON is a failure.
 */
final class ImportReader {

    interface Handler {
        void row(CatalogSection section, int index, JsonNode row) throws Exception;
    }

    /** Duplicate keys in one object are refused, as the HTTP API refuses them: which one would win is a guess. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Path file;
    private final String displayName;

    ImportReader(Path file, String displayName) {
        this.file = file;
        this.displayName = displayName;
    }

    /**
     * Reads the file, passing elements of the sections in {@code only} to {@code handler}
     * (skipping the others), and returns the sections in the order the file has them.
     */
    List<CatalogSection> read(Set<CatalogSection> only, Handler handler, Problems problems, Progress progress) throws Exception {
        List<CatalogSection> order = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw CliFailure.failure(displayName + " must hold one JSON object with the sections "
                        + names(EnumSet.allOf(CatalogSection.class)));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                CatalogSection section = CatalogSection.fromJsonName(name).orElse(null);
                if (section == null) {
                    problems.add(name, "is not a known section (known: " + names(EnumSet.allOf(CatalogSection.class)) + ")");
                    p.skipChildren();
                    continue;
                }
                if (order.contains(section)) {
                    problems.add(name, "appears twice");
                    p.skipChildren();
                    continue;
                }
                order.add(section);
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    problems.add(name, "must be an array");
                    p.skipChildren();
                    continue;
                }
                if (!only.contains(section)) {
                    p.skipChildren();
                    progress.stepTo(p.currentLocation().getByteOffset());
                    continue;
                }
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        problems.add(section.path(index), "must be an object");
                        p.skipChildren();
                    } else {
                        JsonNode row = MAPPER.readTree(p);
                        handler.row(section, index, row);
                    }
                    index++;
                    if ((index & 255) == 0) {
                        progress.stepTo(p.currentLocation().getByteOffset());
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw CliFailure.failure(displayName + " has content after its top-level object");
            }
            progress.stepTo(p.currentLocation().getByteOffset());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw CliFailure.failure(displayName + " is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliFailure.failure("Cannot read " + displayName + ": " + e.getMessage(), e);
        }
        return order;
    }

    static String names(Set<CatalogSection> sections) {
        return sections.stream().map(CatalogSection::jsonName).collect(Collectors.joining(", "));
    }
}
