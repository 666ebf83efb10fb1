package dev.orchestrator.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;

/**
 * JSONB columns to and from the core's {@link JsonObject}: the one place where JSON numbers get
 * their Java type.
 *
 * <p>Numbers read back as Jackson's defaults: a whole number as {@code Integer} when it fits, else
 * {@code Long}, else {@code BigInteger}; a fraction as {@code Double}. These are exactly the types a
 * default Jackson parse of a request body produces, so data that entered the product as JSON reads
 * back equal ({@code JsonObject.of(Map.of("step", 1))} holds an {@code Integer} and gets one back).
 * Two cases do not round-trip equal, by design: a {@code Long} small enough for an int comes back
 * as {@code Integer}, and a {@code BigDecimal} comes back as {@code Double} (PostgreSQL keeps the
 * digits; it is the Java type that differs). {@code USE_BIG_DECIMAL_FOR_FLOATS} is deliberately off
 * for that reason.
 *
 * <p>Public only for {@link #text}: the bulk loader ({@code load.CopyLoader}) writes JSON as COPY
 * text and must write it as every other path does.
 */
public final class JsonbCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(DeserializationFeature.USE_LONG_FOR_INTS);

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() { };

    /**
     * Small objects already parsed, by their text. A list page or a queue page reads its definitions'
     * trigger conditions once per row and most executions' data is one of a few small objects ({@code {}},
     * {@code {"step": 2}}): parsing each anew was ~10 % of a list page's heap allocation (a parser, a
     * context and a map per value, docs/performance.md). A {@link JsonObject} is deeply immutable, so one
     * parse can be shared; PostgreSQL prints equal jsonb values as equal text.
     */
    static final int MAX_PARSED = 4_096;
    static final int MAX_PARSED_LENGTH = 256;
    private static final BoundedMemo<String, JsonObject> PARSED = new BoundedMemo<>(MAX_PARSED);

    private JsonbCodec() {
    }

    static JsonObject read(JSONB jsonb) {
        if (jsonb == null || jsonb.data() == null) {
            return JsonObject.EMPTY;
        }
        return read(jsonb.data());
    }

    static JsonObject read(String json) {
        if (json.length() > MAX_PARSED_LENGTH) {
            return parse(json);
        }
        JsonObject known = PARSED.get(json);
        if (known != null) {
            return known;
        }
        return PARSED.remember(json, parse(json));
    }

    /** {@code json} parsed, never from {@link #PARSED} (for the tests, which compare the two). */
    static JsonObject parse(String json) {
        try {
            Map<String, Object> values = MAPPER.readValue(json, OBJECT);
            return values == null ? JsonObject.EMPTY : new JsonObject(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not an object: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON array column (a definition's template steps), read with the same number types. */
    static List<Object> readArray(JSONB jsonb) {
        if (jsonb == null || jsonb.data() == null) {
            return List.of();
        }
        try {
            List<Object> values = MAPPER.readValue(jsonb.data(), ARRAY);
            return values == null ? List.of() : values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not an array: " + e.getOriginalMessage(), e);
        }
    }

    static JSONB writeArray(List<Object> array) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JSONB write(JsonObject object) {
        return JSONB.valueOf(text(object));
    }

    /** {@code object} as JSON text ({@code {}} for null). */
    public static String text(JsonObject object) {
        if (object == null || object.isEmpty()) {
            return "{}"; // most rows of a bulk load: not worth a serializer call each
        }
        try {
            return MAPPER.writeValueAsString(object.values());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
