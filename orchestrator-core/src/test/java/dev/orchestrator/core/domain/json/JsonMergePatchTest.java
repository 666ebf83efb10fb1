package dev.orchestrator.core.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMergePatchTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void followsTheExamplesOfRfc7386() {
        JsonObject target = JsonObject.of(map("title", "Goodbye!", "author", map("givenName", "John", "familyName", "Doe"),
                "tags", List.of("example", "sample"), "content", "This will be unchanged"));
        JsonObject patch = JsonObject.of(map("title", "Hello!", "phoneNumber", "+01-123-456-7890",
                "author", map("familyName", null), "tags", List.of("example")));

        JsonObject merged = JsonMergePatch.apply(target, patch);

        assertThat(merged).isEqualTo(JsonObject.of(map("title", "Hello!", "author", map("givenName", "John"),
                "tags", List.of("example"), "content", "This will be unchanged", "phoneNumber", "+01-123-456-7890")));
    }

    @Test
    void replacesANonObjectWithAnObjectAndDropsNullsInside() {
        JsonObject merged = JsonMergePatch.apply(JsonObject.of(map("a", "b")), JsonObject.of(map("a", map("bb", map("ccc", null)))));

        assertThat(merged).isEqualTo(JsonObject.of(map("a", map("bb", map()))));
    }

    @Test
    void isDeeplyImmutableAndRefusesNonJsonValues() {
        JsonObject json = JsonObject.of(map("list", Arrays.asList(1, null)));

        assertThatThrownBy(() -> json.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> JsonObject.of(map("when", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsNumbersWrittenAsNumbersOrStrings() {
        JsonObject json = JsonObject.of(map("order", 2, "min", "7.5", "bad", "x", "frac", 1.5));

        assertThat(json.wholeNumber("order")).contains(2L);
        assertThat(json.decimal("min")).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo("7.5"));
        assertThat(json.decimal("bad")).isEmpty();
        assertThat(json.wholeNumber("frac")).isEmpty();
    }
}
