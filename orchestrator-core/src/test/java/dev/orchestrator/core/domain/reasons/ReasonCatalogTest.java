package dev.orchestrator.core.domain.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.core.domain.catalog.Problem;
import dev.orchestrator.core.domain.catalog.Problems;
import dev.orchestrator.core.domain.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReasonCatalogTest {

    private static Optional<ReasonCatalog> parse(Problems problems, Object... items) {
        return ReasonCatalog.parse(JsonObject.of(Map.of("items", List.of(items))), problems);
    }

    @Test
    void theDefaultSetHoldsOtherAsAnActiveSkipReasonAndUniqueCodes() {
        assertThat(ReasonCatalog.DEFAULTS.find(ReasonCatalog.OTHER))
                .contains(new ReasonCode("other", ReasonKind.SKIP, "Other", true));
        assertThat(ReasonCatalog.DEFAULTS.codes().stream().map(ReasonCode::code).distinct())
                .hasSize(ReasonCatalog.DEFAULTS.codes().size());
        assertThat(ReasonCatalog.DEFAULTS.codes()).extracting(ReasonCode::kind).contains(ReasonKind.SNOOZE);
        assertThat(ReasonCatalog.ofStored(List.of())).isEqualTo(ReasonCatalog.DEFAULTS);
    }

    @Test
    void codesAreSortedByKindThenLabel() {
        ReasonCatalog catalog = new ReasonCatalog(List.of(
                new ReasonCode("z", ReasonKind.SNOOZE, "Alpha", true),
                new ReasonCode("b", ReasonKind.SKIP, "Beta", true),
                new ReasonCode("a", ReasonKind.SKIP, "Alpha", false)));
        assertThat(catalog.codes()).extracting(ReasonCode::code).containsExactly("a", "b", "z");
    }

    @Test
    void aCodeMustBeKnownActiveAndOfTheRightKind() {
        ReasonCatalog catalog = new ReasonCatalog(List.of(
                new ReasonCode("later", ReasonKind.SNOOZE, "Later", true),
                new ReasonCode("gone", ReasonKind.SKIP, "Gone", false),
                new ReasonCode("dupe", ReasonKind.SKIP, "Dupe", true)));
        assertThat(catalog.refusal("dupe", ReasonKind.SKIP)).isEmpty();
        assertThat(catalog.refusal("later", ReasonKind.SNOOZE)).isEmpty();
        assertThat(catalog.refusal("later", ReasonKind.SKIP)).get().asString().contains("snooze reason");
        assertThat(catalog.refusal("gone", ReasonKind.SKIP)).get().asString().contains("no longer active");
        assertThat(catalog.refusal("nope", ReasonKind.SKIP)).get().asString().contains("not a reason code");
    }

    @Test
    void aWrittenCatalogGetsOtherWhenItLeavesItOutAndActiveDefaultsToTrue() {
        Problems problems = new Problems();
        ReasonCatalog catalog = parse(problems, Map.of("code", "lost_budget", "kind", "skip", "label", " Lost budget "))
                .orElseThrow();
        assertThat(catalog.codes()).containsExactly(new ReasonCode("lost_budget", ReasonKind.SKIP, "Lost budget", true),
                new ReasonCode("other", ReasonKind.SKIP, "Other", true));

        ReasonCatalog relabelled = parse(problems, Map.of("code", "other", "kind", "skip", "label", "Something else"))
                .orElseThrow();
        assertThat(relabelled.codes()).containsExactly(new ReasonCode("other", ReasonKind.SKIP, "Something else", true));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void eachProblemNamesTheItemByIndex() {
        Problems problems = new Problems();
        assertThat(parse(problems,
                Map.of("code", "a", "kind", "skip", "label", "A"),
                Map.of("code", "a", "kind", "snooze", "label", "B"),
                Map.of("code", "9x", "kind", "skip", "label", "C"),
                Map.of("code", "c", "kind", "nap", "label", ""),
                Map.of("code", "d", "kind", "skip", "label", "D", "active", "no", "x", 1),
                "not an object",
                Map.of("code", "other", "kind", "skip", "label", "Other", "active", false))).isEmpty();
        assertThat(problems.kept()).extracting(Problem::field).containsExactly("items[1].code", "items[2].code",
                "items[3].kind", "items[3].label", "items[4].x", "items[4].active", "items[5]", "items[6]");
    }

    @Test
    void theBodyMustBeAnObjectWithItems() {
        Problems missing = new Problems();
        assertThat(ReasonCatalog.parse(JsonObject.EMPTY, missing)).isEmpty();
        assertThat(missing.kept()).extracting(Problem::field).containsExactly("items");
        Problems extra = new Problems();
        assertThat(ReasonCatalog.parse(JsonObject.of(Map.of("items", List.of(), "more", 1)), extra)).isEmpty();
        assertThat(extra.kept()).extracting(Problem::field).containsExactly("more");
    }
}
