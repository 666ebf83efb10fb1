package dev.orchestrator.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one Jackson configuration of the service, and the conversions to and from the core's {@link JsonObject}. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a response body", e);
        }
    }

    @SuppressWarnings("unchecked")
    static JsonObject toCore(ObjectNode node) {
        return JsonObject.of(MAPPER.convertValue(node, LinkedHashMap.class));
    }

    static JsonNode fromCore(JsonObject object) {
        return MAPPER.valueToTree(object.values());
    }

    static Map<String, Object> values(JsonObject object) {
        return object.values();
    }
}
