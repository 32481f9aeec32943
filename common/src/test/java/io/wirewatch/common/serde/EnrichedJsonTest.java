package io.wirewatch.common.serde;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichedJsonTest {

    /** Text that spells the story fields, quotes and all, as an article about JSON might. */
    private static final String TRICKY = "He typed \"storyId\":null,\"duplicateOf\":null into the form — «ça» \\ \n 🙂";

    private static EnrichedArticle article(String title, String text, List<Claim> claims) {
        return new EnrichedArticle("a\"1", "https://x.example/a1", null, "x.example", title, null, "2026-03-01",
                "2026-03-01T10:00:00Z", "en", text, List.of(new Entity("org-\"q\"", Entity.ORG, TRICKY, 2, 5,
                List.of("alias"))), null, null, claims);
    }

    @Test
    void theSplicedJsonIsByteForByteWhatTheSerdeWritesForTheFinishedArticle() {
        Claim claim = Json.read(Json.write(java.util.Map.of("org", "org-q", "jurisdiction", "PY",
                "status", "DELISTED", "sentence", TRICKY)), Claim.class);
        for (EnrichedArticle a : List.of(article("Plain title", "Plain text.", List.of()),
                article(TRICKY, TRICKY, List.of(claim)), article(null, TRICKY, null))) {
            EnrichedJson.Template t = EnrichedJson.template(a);
            assertThat(t.storyAt()).isPositive();
            for (String[] story : new String[][] {{"s-a\"1", null}, {"s-ü\\", "a\"0"}, {null, null}}) {
                byte[] spliced = EnrichedJson.withStory(t.json(), t.storyAt(), story[0], story[1]);
                byte[] written = JsonSerde.ENRICHED.serializer().serialize("t", a.withStory(story[0], story[1]));
                assertThat(spliced).isEqualTo(written);
            }
        }
    }

    @Test
    void aTemplateThatDoesNotHoldTheStoryFieldsWhereSaidIsRefused() {
        EnrichedJson.Template t = EnrichedJson.template(article("T", "x", List.of()));
        assertThat(EnrichedJson.withStory(t.json(), t.storyAt() - 1, "s", null)).isNull();
        assertThat(EnrichedJson.withStory(t.json(), -1, "s", null)).isNull();
        assertThat(EnrichedJson.withStory(Arrays.copyOf(t.json(), t.storyAt() + 3), t.storyAt(), "s", null)).isNull();
        assertThat(EnrichedJson.withStory(null, 0, "s", null)).isNull();
    }
}
