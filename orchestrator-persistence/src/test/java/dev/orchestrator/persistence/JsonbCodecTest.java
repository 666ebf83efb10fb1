package dev.orchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonbCodec#read} shares one parse per small text: what it answers, the first time and every time
 * after, must be what a fresh parse answers, down to each number's Java type (which {@code equals} alone
 * does not check: an Integer 1 and a Long 1 differ, but a test of equal maps would miss a Double for an
 * Integer only by luck).
 */
class JsonbCodecTest {

    private final Random random = new Random(2026);

    @Test
    void randomObjectsReadAsAFreshParseReadsThemFirstAndEveryTimeAfter() {
        for (int i = 0; i < 3_000; i++) {
            String text = JsonbCodec.text(JsonObject.of(object(0)));
            JsonObject fresh = JsonbCodec.parse(text);
            for (int time = 0; time < 3; time++) {
                JsonObject read = JsonbCodec.read(text);
                assertThat(read).isEqualTo(fresh);
                assertSameTypes(read.values(), fresh.values());
            }
        }
    }

    @Test
    void theEmptyObjectAndLongTextsReadAsBefore() {
        assertThat(JsonbCodec.read("{}")).isEqualTo(JsonObject.EMPTY);
        assertThat(JsonbCodec.read((org.jooq.JSONB) null)).isEqualTo(JsonObject.EMPTY);
        String longText = "{\"note\": \"" + "x".repeat(JsonbCodec.MAX_PARSED_LENGTH) + "\", \"n\": 1}";
        assertThat(JsonbCodec.read(longText)).isEqualTo(JsonbCodec.parse(longText));
        assertThat(JsonbCodec.read(longText).values().get("n")).isInstanceOf(Integer.class);
    }

    @Test
    void pastItsBoundTextsAreStillReadRight() {
        for (int i = 0; i < JsonbCodec.MAX_PARSED + 500; i++) {
            String text = "{\"step\": " + i + ", \"bound\": " + (i % 2 == 0) + "}";
            assertThat(JsonbCodec.read(text).values()).containsExactly(Map.entry("step", i),
                    Map.entry("bound", i % 2 == 0));
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        int keys = random.nextInt(depth == 0 ? 4 : 3);
        for (int k = 0; k < keys; k++) {
            values.put(random.nextBoolean() ? "step" + k : "k" + random.nextInt(5), value(depth));
        }
        return values;
    }

    private Object value(int depth) {
        return switch (random.nextInt(depth < 2 ? 10 : 8)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(10);
            case 3 -> random.nextLong();
            case 4 -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(random.nextInt(1000) + 1));
            case 5 -> random.nextInt(100) / 4.0;
            case 6 -> "s" + random.nextInt(20);
            case 7 -> random.nextInt(3) == 0 ? "" : "ünïcode \"quoted\" " + random.nextInt(3);
            case 8 -> object(depth + 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(value(depth + 1));
                }
                yield list;
            }
        };
    }

    private static void assertSameTypes(Object read, Object fresh) {
        if (fresh == null) {
            assertThat(read).isNull();
            return;
        }
        assertThat(read).isInstanceOf(fresh.getClass());
        if (fresh instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertSameTypes(((Map<?, ?>) read).get(key), value));
        } else if (fresh instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertSameTypes(((List<?>) read).get(i), list.get(i));
            }
        }
    }
}
