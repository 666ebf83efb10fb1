package dev.orchestrator.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A YAML {@code --config} file as flat keys: scalars keep their text, a nested mapping joins its keys
 * with a dash ({@code db: {url: x}} gives {@code db-url}). Keys given twice, lists and nulls are refused
 * with the key named; so is anything that is not one mapping at the top.
 */
final class YamlConfig {

    /** Far above any real configuration; a bigger file is a mistake (or not a config file). */
    static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlConfig() {}

    static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw refused(file, "larger than " + MAX_BYTES + " bytes");
            }
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw refused(file, e.getOriginalMessage());
        } catch (IOException e) {
            throw refused(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return Map.of(); // an empty file: nothing configured
        }
        if (!root.isObject()) {
            throw refused(file, "the top level must be a mapping of keys to values");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat, file);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "-" + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, into, file);
            } else if (value.isValueNode() && !value.isNull()) {
                if (into.put(key, value.asText()) != null) {
                    throw refused(file, "key '" + key + "' is given twice");
                }
            } else {
                throw refused(file, "key '" + key + "' must have a single value (a text, number or on/off), not "
                        + (value.isNull() ? "nothing" : "a list"));
            }
        }
    }

    private static CliFailure refused(Path file, String reason) {
        return CliFailure.usage("--config (" + ConfigFile.VARIABLE + "): cannot read " + file + ": " + reason);
    }
}
