package dev.orchestrator.core.domain.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    private static final UUID ID = UUID.fromString("7e570000-0000-4000-8000-000000000001");

    @Test
    void aCursorContinuesItsOwnQueryAtItsPosition() {
        for (Long key : new Long[] {null, 0L, -42L, 1_772_441_200_000_000L}) {
            String cursor = PageCursor.encode("q1", new ListSort.Position(key, ID));
            assertThat(PageCursor.decode(cursor, "q1"))
                    .isEqualTo(new PageCursor.Continue(new ListSort.Position(key, ID)));
            assertThat(cursor).matches("[A-Za-z0-9_-]+");
        }
    }

    @Test
    void aCursorOfAnotherQueryIsRecognisedAsSuch() {
        String cursor = PageCursor.encode("q1", new ListSort.Position(5L, ID));
        assertThat(PageCursor.decode(cursor, "q2")).isInstanceOf(PageCursor.OtherQuery.class);
    }

    @Test
    void anAlteredOrForeignCursorIsMalformed() {
        String cursor = PageCursor.encode("q1", new ListSort.Position(5L, ID));
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String moved = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.replace(".5.", ".6.").getBytes(StandardCharsets.UTF_8));
        assertThat(PageCursor.decode(moved, "q1")).isInstanceOf(PageCursor.Malformed.class);
        assertThat(PageCursor.decode(cursor.substring(0, cursor.length() - 2), "q1"))
                .isInstanceOf(PageCursor.Malformed.class);
        assertThat(PageCursor.decode("not a cursor!", "q1")).isInstanceOf(PageCursor.Malformed.class);
        assertThat(PageCursor.decode("", "q1")).isInstanceOf(PageCursor.Malformed.class);
    }
}
